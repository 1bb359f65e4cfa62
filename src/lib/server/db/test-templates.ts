// Vitest globalSetup (vite.config.ts test.globalSetup): migrate, and seed the demo, once per run
// instead of once per test file. Each DB test file then starts from a copy (test-helpers.ts
// createTestDb): on PostgreSQL `CREATE DATABASE … TEMPLATE`, on PGlite a data directory dump
// (a tarball in a temp dir) loaded into a fresh in-memory PGlite. Migrating took a few seconds per
// file and seeding about as long again; copying takes a fraction of that.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../seed';
import { openDatabase } from './index';

/** The demo as the DB tests know it: the issuer their logins name. */
export const TEMPLATE_ISSUER = 'http://idp.test';
/**
 * The fixed "now" that the meeting tests seed at (a date after every seeded course starts, so
 * their expectations do not move with the calendar). A template seeded at it is shared by them.
 */
export const SEEDED_AT_FIXED = new Date('2027-10-01T08:00:00Z');

/** The templates; 'seeded' is seeded at the run's start (its time is provided as seededAt). */
export type TemplateName = 'migrated' | 'seeded' | 'seededFixed';

const PG_NAMES: Record<TemplateName, string> = {
	migrated: 'mf_template_migrated',
	seeded: 'mf_template_seeded',
	seededFixed: 'mf_template_seeded_fixed'
};

declare module 'vitest' {
	export interface ProvidedContext {
		/** When the 'seeded' template was seeded (ISO): the seed's "now" for tests that need it. */
		dbTemplateSeededAt: string;
		/** PGlite: the dumped data directory of each template. PostgreSQL: the database names. */
		dbTemplates: Record<TemplateName, string>;
	}
}

function databaseUrl(serverUrl: string, name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * Whether this run has a DB test file: running one unit test should not wait for the templates.
 * The file filters given on the command line are Vitest's own (not typed as public); without them
 * every test file counts, so the templates are made.
 */
async function runHasDbTests(project: TestProject): Promise<boolean> {
	const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
	const { testFiles } = await project.globTestFiles(filters);
	return testFiles.some((file) => file.endsWith('.db.test.ts'));
}

export default async function setup(project: TestProject) {
	const seededAt = new Date();
	project.provide('dbTemplateSeededAt', seededAt.toISOString());
	if (!(await runHasDbTests(project))) return;
	const serverUrl = process.env.TEST_DATABASE_URL;

	if (serverUrl) {
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		const drop = async () => {
			for (const name of Object.values(PG_NAMES)) await admin.unsafe(`drop database if exists ${name} with (force)`);
		};
		await drop();
		await admin.unsafe(`create database ${PG_NAMES.migrated}`);
		const migrated = await openDatabase({ url: databaseUrl(serverUrl, PG_NAMES.migrated), poolSize: 1 });
		await migrated.close();
		const seed = async (name: string, now: Date) => {
			await admin.unsafe(`create database ${name} template ${PG_NAMES.migrated}`);
			const opened = await openDatabase({ url: databaseUrl(serverUrl, name), poolSize: 1 });
			await seedDemo(opened.db, { issuer: TEMPLATE_ISSUER, now });
			// CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
			await opened.close();
		};
		await seed(PG_NAMES.seeded, seededAt);
		await seed(PG_NAMES.seededFixed, SEEDED_AT_FIXED);
		project.provide('dbTemplates', PG_NAMES);
		return async () => {
			await drop();
			await admin.end();
		};
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'mf-db-templates-'));
	const dump = async (name: TemplateName, from?: { file: string; seedAt: Date }): Promise<string> => {
		const opened = await openDatabase({
			dataDir: 'memory://',
			loadDataDir: from ? new Blob([readFileSync(from.file)]) : undefined
		});
		if (from) await seedDemo(opened.db, { issuer: TEMPLATE_ISSUER, now: from.seedAt });
		// Uncompressed: every file loads it, and gunzip would cost more than reading the bytes.
		const tarball = await opened.pglite!.dumpDataDir('none');
		await opened.close();
		const file = path.join(dir, `${name}.tar`);
		writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()));
		return file;
	};
	// One after another: each PGlite is a whole PostgreSQL in memory. Migrated once; seeded from it.
	const migrated = await dump('migrated');
	const templates: Record<TemplateName, string> = {
		migrated,
		seeded: await dump('seeded', { file: migrated, seedAt: seededAt }),
		seededFixed: await dump('seededFixed', { file: migrated, seedAt: SEEDED_AT_FIXED })
	};
	project.provide('dbTemplates', templates);
	return () => rmSync(dir, { recursive: true, force: true });
}
