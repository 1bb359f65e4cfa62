import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { openDatabase } from './index';
import { people } from './schema';

/** Two app servers started at once against a new PostgreSQL database: both come up, one migrated. */
it.skipIf(!process.env.TEST_DATABASE_URL)('two servers migrating a new database at once both start', async () => {
	const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	const name = `mf_test_${randomBytes(6).toString('hex')}`;
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	try {
		const opened = await Promise.allSettled([1, 2, 3].map(() => openDatabase({ url: url.toString(), poolSize: 2 })));
		for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
		expect(opened.map((r) => (r.status === 'rejected' ? String(r.reason).slice(0, 200) : 'ok'))).toEqual([
			'ok',
			'ok',
			'ok'
		]);
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
});

/**
 * The app's statements are kept as named prepared statements on each connection (PostgreSQL plans
 * each once per connection, not on every request); DATABASE_PREPARE=0 turns that off.
 */
it.skipIf(!process.env.TEST_DATABASE_URL)('statements are prepared once per connection', async () => {
	const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	const name = `mf_test_${randomBytes(6).toString('hex')}`;
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	const preparedAfterTwoReads = async () => {
		const database = await openDatabase({ url: url.toString(), poolSize: 1 });
		try {
			for (let i = 0; i < 2; i++) await database.db.select().from(people).where(eq(people.id, randomUUID()));
			const [row] = await database.sql!<{ n: number }[]>`
				select count(*)::int as n from pg_prepared_statements
				where statement like '%from "people"%' and statement not like '%pg_prepared_statements%'`;
			return row.n;
		} finally {
			await database.close();
		}
	};
	try {
		expect(await preparedAfterTwoReads()).toBe(1);
		process.env.DATABASE_PREPARE = '0';
		expect(await preparedAfterTwoReads()).toBe(0);
	} finally {
		delete process.env.DATABASE_PREPARE;
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
});
