/**
 * Once per run: the production build, and a template database (migrated, demo people seeded) that
 * every worker copies for its own server (tests/e2e/fixtures.ts). Migrating and seeding once, and
 * copying a directory per worker, is what lets the specs run side by side without sharing data.
 *
 * E2E_REUSE_BUILD=1 skips the build when build/ exists (for a developer running one spec again).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
	const result = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0)
		throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
	const reuse = process.env.E2E_REUSE_BUILD === '1' && existsSync(path.join(ROOT, 'build/index.js'));
	if (!reuse) {
		console.log('e2e: building the app (vite build) …');
		run(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
	}

	const template = mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-template-'));
	console.log('e2e: migrating and seeding the template database …');
	const env: NodeJS.ProcessEnv = { ...process.env, E2E_TEMPLATE: '1', PGLITE_DATA_DIR: template, LOG_LEVEL: 'warn' };
	delete env.DATABASE_URL;
	run(path.join(ROOT, 'node_modules/.bin/tsx'), ['tests/e2e/server.ts'], env);
	// Workers inherit the runner's environment: this is how they find the template.
	process.env.E2E_TEMPLATE_DIR = template;

	return async () => rmSync(template, { recursive: true, force: true });
}
