import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { seedDemo } from '../seed';
import { openDatabase, type OpenDatabase } from './index';
import { SEEDED_AT_FIXED, TEMPLATE_ISSUER, type TemplateName } from './test-templates';

export { SEEDED_AT_FIXED };

export interface TestDbOptions {
	/**
	 * With the demo people (seedDemo, issuer TEMPLATE_ISSUER): `true` seeds at the run's start
	 * (seededAt()), SEEDED_AT_FIXED at that fixed date. A test that needs another issuer or "now"
	 * seeds an unseeded database itself.
	 */
	seeded?: boolean | Date;
	/** Apply the migrations to an empty database here, not from the template (the migration tests). */
	fromScratch?: boolean;
}

/** The "now" that createTestDb({ seeded: true }) was seeded at: the start of the test run. */
export function seededAt(): Date {
	const iso = inject('dbTemplateSeededAt');
	if (!iso) throw new Error('seededAt(): no DB templates; is test-templates.ts the globalSetup?');
	return new Date(iso);
}

function templateFor(seeded: TestDbOptions['seeded']): TemplateName {
	if (!seeded) return 'migrated';
	if (seeded === true) return 'seeded';
	if (seeded.getTime() === SEEDED_AT_FIXED.getTime()) return 'seededFixed';
	throw new Error(`createTestDb: no template seeded at ${seeded.toISOString()}; seed it in the test instead`);
}

/**
 * A fresh, migrated (and, if asked, seeded) database for one test file, copied from the templates
 * the globalSetup (test-templates.ts) made once per run. By default an in-memory PGlite loaded
 * from the template's dump; with TEST_DATABASE_URL set (CI, `npm run test:pg`) a new database on
 * that PostgreSQL server made with CREATE DATABASE … TEMPLATE, dropped again by close().
 * Without templates (another runner) it migrates and seeds here, as before.
 */
export async function createTestDb(options: TestDbOptions = {}): Promise<OpenDatabase> {
	const template = templateFor(options.seeded);
	const templates = options.fromScratch ? undefined : inject('dbTemplates');
	const serverUrl = process.env.TEST_DATABASE_URL;

	let opened: OpenDatabase;
	let dropDatabase = async () => {};
	if (!serverUrl) {
		opened = templates
			? await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([await readFile(templates[template])]) })
			: await openDatabase({ dataDir: 'memory://' });
	} else {
		const name = `mf_test_${randomBytes(6).toString('hex')}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(
			templates ? `create database ${name} template ${templates[template]}` : `create database ${name}`
		);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		opened = await openDatabase({ url: url.toString(), poolSize: 4 });
		dropDatabase = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	}
	if (!templates && options.seeded)
		await seedDemo(opened.db, { issuer: TEMPLATE_ISSUER, now: options.seeded === true ? new Date() : options.seeded });
	return {
		...opened,
		close: async () => {
			await opened.close();
			await dropDatabase();
		}
	};
}
