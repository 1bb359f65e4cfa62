import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { openDatabase } from './index';

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
