/**
 * `npm run bench` (after `vite build`): benchmarks of the production build against the targets
 * in docs/benchmarks.md. Prints two tables (every page's throughput; everything else) and writes
 * bench/results/latest.json and latest.md (the previous run is kept as previous.*). Figures, not
 * tests: nothing here fails on a slow figure. See bench/README.md for how to read it and the
 * BENCH_* settings.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstVisit, launchChromium, type ClientFigures } from './client';
import { LIGHTHOUSE_PAGES, config } from './config';
import { runClusterPhase } from './cluster';
import { cannon } from './http';
import { lighthouseScores } from './lighthouse';
import { buildMinimal, startMinimal } from './minimal';
import { quietMachine, settle } from './noise';
import { renderProfile } from './profile-summary';
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
/** Each step's name and when it began, to print and keep what each took. */
const steps: Array<{ step: string; seconds: number }> = [];
let current: { step: string; at: number } | null = null;
const endStep = () => {
	if (!current) return;
	const seconds = Math.round((Date.now() - current.at) / 1000);
	steps.push({ step: current.step, seconds });
	console.log(`  (${current.step}: ${seconds} s)`);
	current = null;
};
const step = (text: string) => {
	endStep();
	current = { step: text.replace(/[:(].*$/, '').trim(), at: Date.now() };
	console.log(`\n[bench ${elapsed()}] ${text}`);
};

// An earlier run to compare with (BENCH_BEFORE): read first, so a wrong path fails at once.
const before: BenchResults | null = config.before
	? (JSON.parse(readFileSync(path.resolve(config.before), 'utf8')) as BenchResults)
	: null;

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
		`Mit forløb benchmarks: ${config.citizens} citizens; pages ${config.pages.join(', ')}; ` +
			`${config.connections} connections for ${config.duration} s and ${config.fewConnections} for ${config.shortDuration} s per page; ` +
			`work dir ${workDir}`
	);

	const appDir = snapshotBuild(workDir);

	// The minimal SvelteKit page is built first (a few seconds), so the servers run on a quiet machine.
	let minimalDir: string | null = null;
	if (config.minimal) {
		step('building the minimal SvelteKit page (bench/minimal-app) …');
		minimalDir = await buildMinimal(workDir, path.join(workDir, 'minimal.log'));
	}

	if (config.pglite) {
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
					// Alone: after the server has finished what loading and the browser left it (a
					// busy machine is slowed down 4× more in Lighthouse's simulation; bench/README.md).
					const waited = await settle(app.child.pid!);
					const paths = LIGHTHOUSE_PAGES.filter((key) => pages.includes(key)).map((key) => pageByKey(key).path);
					const t = Date.now();
					console.log(
						`  · Lighthouse (mobile), ${config.lighthouseRuns} runs each, for ${paths.join(', ')} (after ${waited.toFixed(1)} s waiting for the server to be idle) …`
					);
					// Before each run: the server idle, and other processes under 0.3 cores.
					let waitedForOthers = 0;
					results.lighthouse = await lighthouseScores(app.origin, paths, token, config.lighthouseRuns, async () => {
						await settle(app.child.pid!, 10);
						// 20 s at most per run and 60 s in all, so a machine that stays busy costs a minute, not five.
						waitedForOthers += (await quietMachine(Math.max(1, Math.min(20, 60 - waitedForOthers)))).seconds;
					});
					results.notes.push(
						`Lighthouse waited ${Math.round(waitedForOthers)} s in all for other processes to use under 0.3 cores before its runs.`
					);
					for (const l of results.lighthouse)
						console.log(
							`    ${l.path}: ${l.error ? `failed: ${l.error}` : `${l.performance} (runs ${l.performanceRuns?.join(', ')}; benchmarkIndex ${l.benchmarkIndex?.join(', ')})`}`
						);
					console.log(`  · Lighthouse done (${Math.round((Date.now() - t) / 1000)} s)`);
				}
			}
		});
	}

	if (minimalDir) {
		step('minimal SvelteKit page');
		const minimal = await startMinimal(minimalDir, path.join(workDir, 'minimal.log'));
		try {
			const pid = minimal.child.pid;
			await cannon(minimal.url, { connections: 20, seconds: 2 });
			await settle(pid!);
			const many = await cannon(minimal.url, {
				connections: config.connections,
				seconds: config.duration,
				serverPid: pid
			});
			await settle(pid!);
			const few = await cannon(minimal.url, {
				connections: config.fewConnections,
				seconds: config.shortDuration,
				serverPid: pid
			});
			results.minimal = { many, few };
			console.log(
				`  · ${many.rps} req/s at ${many.connections} (p99 ${many.p99} ms); ${few.rps} req/s at ${few.connections} (p99 ${few.p99} ms)`
			);
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
	endStep();
	results.steps = steps;

	const noise = [results.pglite, results.postgres]
		.flatMap((phase) => Object.values(phase?.pages ?? {}))
		.flatMap((page) => [page.many.otherCores, page.few.otherCores])
		.filter((n): n is number => n !== null);
	if (noise.length) {
		const worst = Math.max(...noise);
		results.notes.push(
			`Other processes used up to ${worst.toFixed(2)} of ${results.machine.cpus} cores during the throughput runs` +
				(worst > 0.25
					? ': the machine was busy, so req/s and latency are pessimistic (CPU ms per request is steadier); run again on a quiet machine.'
					: '.')
		);
	}
	if (before) results.notes.push(`Compared with the run of ${before.startedAt} (${config.before}): before → after.`);
	results.seconds = Math.round((Date.now() - started) / 1000);

	const dir = path.join(ROOT, 'bench/results');
	for (const ext of ['json', 'md']) {
		const latest = path.join(dir, `latest.${ext}`);
		if (existsSync(latest)) renameSync(latest, path.join(dir, `previous.${ext}`));
	}
	writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, '\t') + '\n');

	const heading =
		`Mit forløb benchmarks, ${results.startedAt}, ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
		`Node ${results.machine.node}, load average at start ${results.machine.loadAverageAtStart.toFixed(2)}; ` +
		`${config.citizens} citizens (+ one at 1×, 10×, 100× history); ${config.connections} connections for ` +
		`${config.duration} s and ${config.fewConnections} for ${config.shortDuration} s per page; KB = 1024 bytes; ` +
		`browser figures against the PGlite server; ${results.seconds} s in all.`;
	const { met, missed } = summary(results);
	const targets = `Targets: ${met} met, ${missed.length} missed${missed.length ? `:\n  - ${missed.join('\n  - ')}` : ''}`;
	const profiles = [results.pglite, results.postgres]
		.filter((p) => p?.profile)
		.map((p) => renderProfile(p!.profile!, `${p!.kind} app server`));
	const stepsText = `Steps: ${steps.map((s) => `${s.step} ${s.seconds} s`).join('; ')}`;
	writeFileSync(
		path.join(dir, 'latest.md'),
		[
			`# ${heading}`,
			renderTable(results, before, true),
			targets.replaceAll('\n  - ', '\n- '),
			...results.notes.map((n) => `Note: ${n}`),
			stepsText,
			...profiles.map((p) => '```\n' + p.trim() + '\n```')
		].join('\n\n') + '\n'
	);

	console.log(`\n${heading}\n`);
	console.log(renderTable(results, before));
	console.log(`\n${targets}`);
	for (const note of results.notes) console.log(`Note: ${note}`);
	console.log(stepsText);
	console.log(`\nWritten: bench/results/latest.json and latest.md (total ${results.seconds} s)`);
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
