/**
 * Once per run: the production build (unless CLUSTER_REUSE_BUILD=1 and build/ exists, as after
 * the e2e stage of `npm test`), a fresh database on the throwaway PostgreSQL that
 * scripts/with-postgres.sh started (TEST_DATABASE_URL), migrated and seeded with the demo people.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { ISSUER, ROOT } from './cluster';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
	const result = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0)
		throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin)
		throw new Error(
			'The cluster tests need PostgreSQL: run `npm run test:cluster` (it wraps them in scripts/with-postgres.sh).'
		);

	const reuse = process.env.CLUSTER_REUSE_BUILD === '1' && existsSync(path.join(ROOT, 'build/index.js'));
	if (!reuse) {
		console.log('cluster: building the app (vite build) …');
		run(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
	}

	const name = `mf_cluster_${process.pid}_${Date.now()}`;
	const sql = postgres(admin, { max: 1, onnotice: () => {} });
	await sql`CREATE DATABASE ${sql(name)}`;
	await sql.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	process.env.CLUSTER_DATABASE_URL = url.toString();

	console.log(`cluster: migrating and seeding ${name} …`);
	run(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/seed.ts'], {
		...process.env,
		DATABASE_URL: url.toString(),
		OIDC_ISSUER: ISSUER,
		LOG_LEVEL: 'warn'
	});

	return async () => {
		const drop = postgres(admin, { max: 1, onnotice: () => {} });
		await drop`DROP DATABASE IF EXISTS ${drop(name)} WITH (FORCE)`.catch(() => {});
		await drop.end();
	};
}
