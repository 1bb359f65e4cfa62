import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * "Today" is the Danish calendar date, from copenhagenDate() only. The project's ESLint config
 * refuses the UTC-date forms; this runs that config on small sources, so the rule cannot be
 * dropped or weakened without a failing test.
 */

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath = 'src/lib/server/example.ts'): Promise<number> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

describe('the UTC date is refused where a Danish date is meant', () => {
	it.each([
		'export const today = (now: Date) => now.toISOString().slice(0, 10);',
		'export const today = new Date().toISOString().substring(0, 10);',
		"export const today = (now: Date) => now.toISOString().split('T')[0];",
		'export const month = (now: Date) => now.toISOString().slice(0, 7);'
	])('%s', async (code) => {
		expect(await restricted(code)).toBe(1);
		expect(await restricted(code, 'src/routes/example/+page.server.ts')).toBe(1);
		expect(await restricted(code, 'tests/e2e/example.spec.ts')).toBe(1);
	});

	it('leaves full timestamps and the time of day alone', async () => {
		expect(await restricted('export const at = (now: Date) => now.toISOString();')).toBe(0);
		expect(await restricted('export const at = (now: Date) => now.toISOString().slice(11, 16);')).toBe(0);
		expect(
			await restricted(
				"import { copenhagenDate } from '$lib/meetings/time';\nexport const today = copenhagenDate(new Date());"
			)
		).toBe(0);
	});
});
