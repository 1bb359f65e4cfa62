/**
 * `npm run bench` (after `vite build`): benchmarks of the production build against the targets
 * in docs/benchmarks.md. Prints one table and writes bench/results/latest.json (the previous run is kept
 * as previous.json). Figures, not tests: nothing here fails on a slow figure. See
 * docs/benchmarks.md for how to read it and the BENCH_* settings.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstVisit, launchChromium, type ClientFigures } from './client';
import { CITIZEN_PAGES, LIGHTHOUSE_PAGES, config } from './config';
import { runClusterPhase } from './cluster';
import { cannon } from './http';
import { lighthouseScores } from './lighthouse';
import { buildMinimal, startMinimal } from './minimal';
import { ROOT, snapshotBuild, startPostgres, stopAll } from './proc';
import { renderTable, summary, type BenchResults } from './report';
import { pageByKey, runServerPhase } from './server-phase';

// autocannon re-arms its request timers with the time left, which a starved event loop can make
// negative; Node then warns. Harmless: keep every other warning.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
	if (warning.name !== 'TimeoutNegativeWarning') console.warn(warning);
});

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const step = (text: string) => console.log(`\n[bench ${elapsed()}] ${text}`);

if (!existsSync(path.join(ROOT, 'build/index.js'))) {
	console.error('No build/: run `npm run bench` (it builds first), or `npx vite build`.');
	process.exit(1);
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'mf-bench-'));
let keepWorkDir = process.env.BENCH_KEEP === '1';
const cleanUp = async () => {
	await stopAll();
	if (!keepWorkDir) rmSync(workDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => {
		console.error(`\n${signal}: stopping the servers …`);
		void cleanUp().finally(() => process.exit(130));
	});

const results: BenchResults = {
	startedAt: new Date(started).toISOString(),
	seconds: 0,
	machine: {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		node: process.version,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		loadAverageAtStart: os.loadavg()[0]
	},
	config: { ...config },
	client: {},
	lighthouse: [],
	notes: []
};

try {
	console.log(
		`Mit forløb benchmarks: ${config.citizens} citizens, ${config.connections} connections, ` +
			`${config.duration} s per page (${config.staticDuration} s per static copy); work dir ${workDir}`
	);

	const appDir = snapshotBuild(workDir);

	// The minimal SvelteKit page is built first (a few seconds), so the servers run on a quiet machine.
	let minimalDir: string | null = null;
	if (config.minimal) {
		step('building the minimal SvelteKit page (bench/minimal-app) …');
		minimalDir = await buildMinimal(workDir, path.join(workDir, 'minimal.log'));
	}

	step('PGlite: load, browser, Lighthouse, throughput, growth');
	results.pglite = await runServerPhase({
		kind: 'pglite',
		workDir,
		appDir,
		beforeLoadTest: async (app, token, pages) => {
			if (config.client) {
				console.log('  · first visits in Chromium …');
				const browser = await launchChromium();
				try {
					for (const key of pages) {
						const figures: ClientFigures = await firstVisit(browser, app.origin, pageByKey(key).path, token, appDir);
						results.client[key] = figures;
					}
				} finally {
					await browser.close();
				}
			}
			if (config.lighthouse) {
				const paths = LIGHTHOUSE_PAGES.filter((key) => pages.includes(key)).map((key) => pageByKey(key).path);
				console.log(`  · Lighthouse (mobile) for ${paths.join(', ')} …`);
				results.lighthouse = await lighthouseScores(app.origin, paths, token);
			}
		}
	});

	if (minimalDir) {
		step('minimal SvelteKit page');
		const minimal = await startMinimal(minimalDir, path.join(workDir, 'minimal.log'));
		try {
			await cannon(minimal.url, { connections: 20, seconds: 2 });
			results.minimal = await cannon(minimal.url, {
				connections: config.connections,
				seconds: config.duration,
				serverPid: minimal.child.pid
			});
			console.log(`  · ${results.minimal.rps} req/s, p99 ${results.minimal.p99} ms`);
		} finally {
			await minimal.stop();
		}
	}

	if (config.postgres) {
		step('PostgreSQL (throwaway server on loopback, scripts/with-postgres.sh): load, throughput, growth');
		try {
			const pg = await startPostgres(path.join(workDir, 'postgres.log'));
			try {
				results.postgres = await runServerPhase({
					kind: 'postgres',
					workDir,
					appDir,
					databaseUrl: pg.url,
					afterApp: async (tokens) => {
						if (!config.cluster) return;
						step('two app servers behind a local load balancer, on the same PostgreSQL');
						try {
							results.cluster = await runClusterPhase({ workDir, appDir, databaseUrl: pg.url, tokens });
						} catch (error) {
							const message = `Two-server part failed: ${error instanceof Error ? error.message : error}`;
							console.error(`  ! ${message}`);
							results.notes.push(message);
							keepWorkDir = true;
						}
					}
				});
			} finally {
				await pg.stop();
			}
		} catch (error) {
			// No PostgreSQL on this machine: the PGlite figures still stand.
			const message = `PostgreSQL part not run: ${error instanceof Error ? error.message : error}`;
			console.error(`  ! ${message}`);
			results.notes.push(message);
			keepWorkDir = true;
		}
	}

	const missing = results.pglite.missing.map((key) => CITIZEN_PAGES.find((p) => p.key === key)!.path);
	if (missing.length) results.notes.push(`Not built yet (404), left out: ${missing.join(', ')}`);
	results.seconds = Math.round((Date.now() - started) / 1000);

	const dir = path.join(ROOT, 'bench/results');
	const latest = path.join(dir, 'latest.json');
	if (existsSync(latest)) renameSync(latest, path.join(dir, 'previous.json'));
	writeFileSync(latest, JSON.stringify(results, null, '\t') + '\n');

	console.log(
		`\nMit forløb benchmarks, ${results.startedAt}, ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, load average at start ${results.machine.loadAverageAtStart.toFixed(2)}`
	);
	console.log(
		`${config.citizens} citizens (+ one at 1×, 10×, 100× history); ${config.connections} connections, ` +
			`${config.duration} s per page; KB = 1024 bytes; browser figures against the PGlite server.\n`
	);
	console.log(renderTable(results));
	const noise = [results.pglite, results.postgres]
		.flatMap((phase) => Object.values(phase?.pages ?? {}))
		.map((page) => page.page.otherCores)
		.filter((n): n is number => n !== null);
	if (noise.length) {
		const worst = Math.max(...noise);
		results.notes.push(
			`Other processes used up to ${worst.toFixed(2)} of ${results.machine.cpus} cores during the throughput runs` +
				(worst > 0.25
					? ': the machine was busy, so req/s and latency are pessimistic; run again on a quiet machine.'
					: '.')
		);
		writeFileSync(latest, JSON.stringify(results, null, '\t') + '\n');
	}
	const { met, missed } = summary(results);
	console.log(
		`\nTargets: ${met} met, ${missed.length} missed${missed.length ? `:\n  - ${missed.join('\n  - ')}` : ''}`
	);
	for (const note of results.notes) console.log(`Note: ${note}`);
	console.log(`\nWritten: bench/results/latest.json (total ${results.seconds} s)`);
} catch (error) {
	keepWorkDir = true;
	console.error(`\nbench failed after ${elapsed()}:`, error);
	console.error(`Logs kept in ${workDir}`);
	process.exitCode = 1;
} finally {
	await cleanUp();
}
// Keep-alive sockets and the like must not hold the process open.
process.exit(process.exitCode ?? 0);
