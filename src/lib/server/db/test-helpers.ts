import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type OpenDatabase } from './index';

/**
 * A fresh, migrated database for one test file.
 * By default an in-memory PGlite; with TEST_DATABASE_URL set (CI, `npm run test:pg`)
 * a new database on that PostgreSQL server, dropped again by close().
 */
export async function createTestDb(): Promise<OpenDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) return openDatabase({ dataDir: 'memory://' });

	const name = `mf_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const opened = await openDatabase({ url: url.toString(), poolSize: 4 });
	return {
		...opened,
		close: async () => {
			await opened.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
