import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from './db/test-helpers';
import type { Db, OpenDatabase } from './db';
import { latestMigration, markShuttingDown, readiness } from './health';

/** /readyz: ready only with the database answering, all migrations applied and the jobs started. */

let database: OpenDatabase;
const newest = latestMigration();

beforeAll(async () => {
	database = await createTestDb();
});
afterAll(async () => database?.close());

describe('readiness', () => {
	it('is ready with a migrated database and the job runner started', async () => {
		expect(await readiness(database.db, true, { latestMigration: newest })).toEqual({
			ready: true,
			checks: { database: true, migrations: true, jobs: true, shuttingDown: false }
		});
	});

	it('is not ready without the job runner', async () => {
		const result = await readiness(database.db, false, { latestMigration: newest });
		expect(result).toMatchObject({ ready: false, checks: { database: true, migrations: true, jobs: false } });
	});

	it('is not ready when drizzle/ has a migration the database lacks', async () => {
		const result = await readiness(database.db, true, { latestMigration: newest + 1 });
		expect(result).toMatchObject({ ready: false, checks: { database: true, migrations: false } });
	});

	it('is not ready with a database that was never migrated', async () => {
		// As if nothing had been migrated: drizzle's record of migrations is not there.
		await database.db.execute(sql`alter table drizzle.__drizzle_migrations rename to hidden_migrations`);
		try {
			const result = await readiness(database.db, true, { latestMigration: newest });
			expect(result).toMatchObject({ ready: false, checks: { database: true, migrations: false } });
		} finally {
			await database.db.execute(sql`alter table drizzle.hidden_migrations rename to __drizzle_migrations`);
		}
	});

	it('is not ready when the database does not answer in time, or is not open', async () => {
		const silent = { execute: () => new Promise(() => {}) } as unknown as Db;
		const result = await readiness(silent, true, { latestMigration: newest, timeoutMs: 50 });
		expect(result).toMatchObject({ ready: false, checks: { database: false } });
		expect((await readiness(null, true, { latestMigration: newest })).checks.database).toBe(false);
	});

	it('is not ready once shutting down', async () => {
		markShuttingDown();
		expect(await readiness(database.db, true, { latestMigration: newest })).toMatchObject({
			ready: false,
			checks: { database: true, shuttingDown: true }
		});
	});
});
