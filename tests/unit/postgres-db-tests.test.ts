import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * scripts/test-pg.sh decides, per DB test file, whether it runs on PostgreSQL too or once on
 * PGlite. A new *.db.test.ts that is in neither list would silently never meet PostgreSQL (or be
 * forgotten as "both"): this asks for a decision, with its reason, in the script.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function listed(name: string): string[] {
	const script = readFileSync(path.join(ROOT, 'scripts/test-pg.sh'), 'utf8');
	const body = script.match(new RegExp(`^${name}=\\(\\n([\\s\\S]*?)^\\)`, 'm'))?.[1] ?? '';
	return body
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter(Boolean);
}

function dbTestFiles(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.db.test.ts'))
		.map((file) => path.posix.join(dir, file.split(path.sep).join('/')));
}

describe('which DB tests run on PostgreSQL (scripts/test-pg.sh)', () => {
	const both = listed('both');
	const once = listed('pglite_only');

	it('decides for every DB test file, once, and names no file that is gone', () => {
		const files = [...dbTestFiles('src'), ...dbTestFiles('tests')].sort();
		expect([...both, ...once].sort()).toEqual(files);
	});

	it('runs the dialect-sensitive files on PostgreSQL: migrations, NOTIFY, jobs, rate limits, backups', () => {
		for (const file of [
			'src/lib/server/db/migrate-lock.db.test.ts',
			'src/lib/server/db/notify.db.test.ts',
			'src/lib/server/jobs/jobs.db.test.ts',
			'src/lib/server/rate-limit/rate-limit.db.test.ts',
			'src/lib/server/backup/backup.db.test.ts'
		])
			expect(both).toContain(file);
	});
});
