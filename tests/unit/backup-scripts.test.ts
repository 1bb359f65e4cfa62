import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAGIC, pgliteQuery, tableSummaries } from '../../src/lib/server/backup/index';
import { openDatabase } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/seed/index';

/**
 * `npm run backup` and `npm run restore` as an operator runs them (scripts/backup.ts and
 * scripts/restore.ts under tsx, in their own process, on the embedded PGlite): what they say,
 * their exit codes (0 done, 2 wrong arguments, 3 refused with nothing changed), and a round trip
 * from a database with the demo people to an empty directory with the same rows.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let dir: string;
const at = (name: string) => path.join(dir, name);

/** Runs `npm run <script> -- args` as its npm script does (tsx), on the PGlite in `dataDir`. */
function run(
	script: 'backup' | 'restore',
	args: string[],
	dataDir: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir };
	delete env.DATABASE_URL;
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, [`scripts/${script}.ts`, ...args], { cwd: ROOT, env, timeout: 240_000 });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

async function summaries(dataDir: string) {
	const client = new PGlite(dataDir);
	try {
		return await tableSummaries(pgliteQuery(client), { checksums: true });
	} finally {
		await client.close();
	}
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'mf-backup-cli-'));
	const database = await openDatabase({ dataDir: at('app'), migrationsFolder: path.join(ROOT, 'drizzle') });
	try {
		await seedDemo(database.db, { issuer: 'http://127.0.0.1:5174', now: new Date('2026-11-24T10:00:00Z') });
	} finally {
		await database.close();
	}
	// Each command is a process that starts tsx and PGlite: slow on a busy machine, hence the limits.
}, 180_000);

afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
	it('a backup restored into an empty directory has the same rows, table for table', async () => {
		const file = at('nightly.mfbackup');
		const backup = await run('backup', ['--out', file], at('app'));
		expect(backup.stderr).toBe('');
		expect(backup.code).toBe(0);
		expect(backup.stdout).toMatch(/^Backup of pglite: \d+ tables, \d+ rows, [\d.]+ MB \(PGlite [\d.]+\)\n→ /);
		expect(backup.stdout).toContain(`→ ${file}`);
		expect(readFileSync(file).subarray(0, MAGIC.length).toString()).toBe(MAGIC);

		const restore = await run('restore', [file], at('restored'));
		expect(restore.stderr).toBe('');
		expect(restore.code).toBe(0);
		const tables = Number(backup.stdout.match(/(\d+) tables/)![1]);
		expect(restore.stdout).toContain(`Restored ${tables} tables into ${at('restored')}`);

		const [before, after] = [await summaries(at('app')), await summaries(at('restored'))];
		expect(Object.keys(after)).toHaveLength(tables);
		expect(after).toEqual(before);
		expect(before['public.people'].rows).toBeGreaterThan(0);
	}, 300_000);

	it('refuses a database that is already there, and changes nothing (exit 3)', async () => {
		const before = await summaries(at('restored'));
		const again = await run('restore', [at('nightly.mfbackup')], at('restored'));
		expect(again.code).toBe(3);
		expect(again.stdout).toBe('');
		expect(again.stderr).toMatch(/^Restore refused, nothing was changed: .* already holds a database\./);
		expect(await summaries(at('restored'))).toEqual(before);
	}, 180_000);

	it('refuses a file that is not a backup, with a plain message and exit 3; the target stays empty', async () => {
		const notes = at('notes.txt');
		writeFileSync(notes, 'Indkøb: mælk, brød\n');
		const target = at('from-notes');
		const [result, missing] = await Promise.all([
			run('restore', [notes], target),
			run('restore', [at('no-such-file.mfbackup')], target)
		]);
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim()).toBe(
			`Restore refused, nothing was changed: ${notes} is not a Mit forløb backup (made by npm run backup).`
		);
		expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);

		expect(missing.code).toBe(3);
		expect(missing.stderr).toContain('Cannot read');
	}, 180_000);

	it('refuses to back up a directory without a database (exit 3), and makes no file', async () => {
		mkdirSync(at('empty'));
		const result = await run('backup', ['--out', at('empty.mfbackup')], at('empty'));
		expect(result.code).toBe(3);
		expect(result.stderr.trim()).toBe(`Backup refused: ${at('empty')} holds no database.`);
		expect(existsSync(at('empty.mfbackup'))).toBe(false);
	}, 180_000);

	it('wrong arguments: says what is wrong and how it is used, on stderr, exit 2; --help exits 0', async () => {
		const empty = at('empty');
		const [noFile, twoFiles, ...perScript] = await Promise.all([
			run('restore', [], empty),
			run('restore', ['a.mfbackup', 'b.mfbackup'], empty),
			...(['backup', 'restore'] as const).flatMap((script) => [
				run(script, ['--replace-everything', 'x'], empty),
				run(script, ['--help'], empty)
			])
		]);
		expect(noFile.code).toBe(2);
		expect(noFile.stderr).toBe('Which backup? Give one file.\nUsage: npm run restore -- FILE [--force]\n');
		expect(twoFiles.code).toBe(2);
		expect(twoFiles.stderr).toContain('Give one file only.');

		(['backup', 'restore'] as const).forEach((script, i) => {
			const [unknown, help] = perScript.slice(i * 2, i * 2 + 2);
			expect(unknown.code, script).toBe(2);
			expect(unknown.stderr, script).toMatch(/^Unknown option '--replace-everything'.*\nUsage: npm run /s);
			expect(unknown.stderr, script).not.toMatch(/\n\s+at /);
			expect(help.code, script).toBe(0);
			expect(help.stdout, script).toMatch(new RegExp(`^Usage: npm run ${script} -- `));
		});
		expect(readdirSync(empty)).toEqual([]);
	}, 180_000);
});
