import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One pattern for ids: `src/lib/uuid.ts` (used by the route matcher `src/params/uuid.ts` and the
 * guard). A second copy of the UUID pattern anywhere else in the app's code fails here: it would
 * drift from the one the routes use.
 */
const ROOT = path.resolve(import.meta.dirname, '../../src');
const HOME = path.join(ROOT, 'lib/uuid.ts');

/** A regular expression for a UUID: 8-4-4-4-12 hex groups, or 36 characters of hex and dashes. */
const UUID_LIKE = /\{8\}-|\[0-9a-f-\]\{36\}|\[\\da-f-\]\{36\}|\[a-f0-9-\]\{36\}/i;

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return /\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
	});
}

describe('one UUID pattern', () => {
	it('lives in src/lib/uuid.ts and nowhere else in src/', () => {
		expect(UUID_LIKE.test(readFileSync(HOME, 'utf8'))).toBe(true);
		const copies = sources(ROOT)
			.filter((file) => file !== HOME && UUID_LIKE.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROOT, file));
		expect(copies).toEqual([]);
	});

	it('notices a copy (the check itself can fail)', () => {
		expect(UUID_LIKE.test('const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;')).toBe(true);
		expect(UUID_LIKE.test('page.waitForURL(/\\/sammen\\/[0-9a-f-]{36}$/)')).toBe(true);
		expect(UUID_LIKE.test('const code = /^[A-Z0-9]{8}$/;')).toBe(false);
	});
});
