import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db';
import { rateLimitHits } from '../db/schema';
import { createTestDb } from '../db/test-helpers';
import { seedDemo } from '../seed';
import {
	backupPglite,
	backupPostgres,
	BackupRefused,
	MAGIC,
	pgliteQuery,
	postgresQuery,
	readBackup,
	restorePglite,
	restorePostgres,
	tableSummaries,
	type Manifest
} from './index';

/**
 * npm run backup / npm run restore, on the database the tests run on (PGlite, or PostgreSQL with
 * scripts/with-postgres.sh): a backup restored into an empty database has the same rows — the same
 * count and the same checksum per table — and anything that is not a backup is refused with the
 * target left as it was.
 */

let database: OpenDatabase;
let dir: string;
let admin: postgres.Sql | undefined;
let targetUrl = '';
const targetDir = () => path.join(dir, 'restored-pglite');

beforeAll(async () => {
	database = await createTestDb();
	dir = mkdtempSync(path.join(os.tmpdir(), 'mf-backup-test-'));
	await seedDemo(database.db, { issuer: 'http://127.0.0.1:5174', now: new Date('2026-11-24T10:00:00Z') });
	await database.db.insert(rateLimitHits).values({
		bucket: 'login',
		key: 'a'.repeat(64),
		windowStart: new Date('2026-11-24T10:00:00Z'),
		count: 3,
		expiresAt: new Date('2026-11-24T10:10:00Z')
	});
	if (database.kind === 'postgres') {
		admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
		const name = `mf_test_restore_${randomBytes(6).toString('hex')}`;
		await admin.unsafe(`create database ${name}`);
		const url = new URL(process.env.TEST_DATABASE_URL!);
		url.pathname = `/${name}`;
		targetUrl = url.toString();
	}
});

afterAll(async () => {
	await database?.close();
	if (admin && targetUrl) {
		await admin.unsafe(`drop database if exists ${new URL(targetUrl).pathname.slice(1)} with (force)`);
		await admin.end();
	}
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const backup = (out: string): Promise<Manifest> =>
	database.kind === 'postgres' ? backupPostgres(database.url!, out) : backupPglite(database.pglite!, out);

const restore = (file: string, force = false) =>
	database.kind === 'postgres'
		? restorePostgres(file, targetUrl, { force })
		: restorePglite(file, targetDir(), { force });

/** The restored database's tables with rows and checksums; {} when it has none. */
async function target(): Promise<Record<string, { rows: number; md5?: string }>> {
	if (database.kind === 'postgres') {
		const sql = postgres(targetUrl, { max: 1, onnotice: () => {} });
		try {
			return await tableSummaries(postgresQuery(sql), { checksums: true });
		} finally {
			await sql.end();
		}
	}
	if (!existsSync(targetDir()) || readdirSync(targetDir()).length === 0) return {};
	const client = new PGlite(targetDir());
	try {
		return await tableSummaries(pgliteQuery(client), { checksums: true });
	} finally {
		await client.close();
	}
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
	try {
		await run();
		return 'restored';
	} catch (cause) {
		if (cause instanceof BackupRefused) return cause.reason;
		throw cause;
	}
}

describe(`backup and restore (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
	let file: string;
	let manifest: Manifest;
	let before: Record<string, { rows: number; md5?: string }>;

	beforeAll(async () => {
		const query = database.kind === 'postgres' ? postgresQuery(database.sql!) : pgliteQuery(database.pglite!);
		before = await tableSummaries(query, { checksums: true });
		file = path.join(dir, 'backup.mfbackup');
		manifest = await backup(file);
	});

	it('writes a manifest with every table and its rows', async () => {
		expect(readFileSync(file).subarray(0, MAGIC.length).toString()).toBe(MAGIC);
		expect((await readBackup(file)).manifest).toEqual(manifest);
		expect(manifest.kind).toBe(database.kind);
		expect(manifest.migrations).toBeGreaterThan(0);
		expect(manifest.tables).toEqual(Object.fromEntries(Object.entries(before).map(([t, s]) => [t, s.rows])));
		expect(manifest.tables['public.people']).toBeGreaterThan(10);
		expect(manifest.tables['public.rate_limit_hits']).toBe(1);
	});

	it('refuses what is not a backup, a damaged one and one of the other kind, and changes nothing', async () => {
		const text = path.join(dir, 'notes.txt');
		writeFileSync(text, 'Indkøbsliste: mælk, brød\n');
		const { payloadStart } = await readBackup(file);
		const bare = path.join(dir, 'bare-payload');
		writeFileSync(bare, readFileSync(file).subarray(payloadStart));
		const damaged = path.join(dir, 'damaged.mfbackup');
		const bytes = readFileSync(file);
		bytes[bytes.length - 10] ^= 0xff;
		writeFileSync(damaged, bytes);
		const cut = path.join(dir, 'cut.mfbackup');
		writeFileSync(cut, readFileSync(file).subarray(0, payloadStart + 100));
		const forged = path.join(dir, 'forged.mfbackup');
		writeFileSync(
			forged,
			`${MAGIC}\n{"format":"mit-forloeb-backup","version":1,"kind":"postgres"}\nDROP TABLE people;\n`
		);

		// A sound backup that says it is of the other kind.
		const other = path.join(dir, 'other-kind.mfbackup');
		const otherKind = database.kind === 'postgres' ? 'pglite' : 'postgres';
		writeFileSync(
			other,
			Buffer.concat([
				Buffer.from(`${MAGIC}\n${JSON.stringify({ ...manifest, kind: otherKind })}\n`),
				readFileSync(file).subarray(payloadStart)
			])
		);

		const outcomes = {
			text: await refusal(() => restore(text)),
			bare: await refusal(() => restore(bare)),
			damaged: await refusal(() => restore(damaged)),
			cut: await refusal(() => restore(cut)),
			forged: await refusal(() => restore(forged)),
			otherKind: await refusal(() => restore(other)),
			missing: await refusal(() => restore(path.join(dir, 'no-such-file')))
		};
		expect(outcomes).toEqual({
			text: 'not_a_backup',
			bare: 'not_a_backup',
			damaged: 'damaged',
			cut: 'damaged',
			forged: 'not_a_backup',
			otherKind: 'wrong_kind',
			missing: 'not_a_backup'
		});
		expect(await target()).toEqual({});
	});

	it('restores into an empty database with the same rows in every table', async () => {
		await restore(file);
		const after = await target();
		expect(Object.keys(after).length).toBeGreaterThan(20);
		expect(after).toEqual(before);
	});

	it('refuses to overwrite a database that has tables, unless forced', async () => {
		const sql = database.kind === 'postgres' ? postgres(targetUrl, { max: 1, onnotice: () => {} }) : undefined;
		if (sql) {
			await sql`delete from rate_limit_hits`;
			await sql.end();
		} else {
			const client = new PGlite(targetDir());
			await client.query('delete from rate_limit_hits');
			await client.close();
		}
		const changed = await target();
		expect(changed['public.rate_limit_hits'].rows).toBe(0);

		expect(await refusal(() => restore(file))).toBe('not_empty');
		expect(await target()).toEqual(changed);

		const result = await restore(file, true);
		expect(await target()).toEqual(before);
		if (database.kind === 'pglite') {
			// The database that was there is kept beside it, not deleted.
			const aside = (result as { movedAside?: string }).movedAside!;
			expect(existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);
		}
	});
});
