/**
 * `npm run bench:profile -- /plan`: where one page's server time goes, in under two minutes.
 * Builds the app if build/ is older than the sources, loads a small database (BENCH_CITIZENS,
 * default 300) into PGlite or, with BENCH_DB=postgres, a throwaway PostgreSQL, starts the built
 * server with --cpu-prof, warms up, then loads the page with 50 connections for 15 s
 * (BENCH_CONNECTIONS, BENCH_DURATION) and stops the server so Node writes the profile. Prints
 * req/s, CPU ms per request and the profile's summary of the measured 15 s only (self time by
 * category, top functions), and keeps the profile as bench/results/profile-<page>-<db>.cpuprofile
 * (open it in Chromium's DevTools, Performance tab, or speedscope).
 *
 * The page is a path (/plan, /staff) or a key of bench/config.ts's PAGES (plan, staffPlan); other
 * paths are visited as the citizens, or as the mentors under /staff.
 *
 * Memory: BENCH_HEAP=all samples where the measured run allocates (V8's sampling heap profiler) and
 * prints the top sites per request, kept as bench/results/heap-<page>-<db>.heapprofile (DevTools,
 * Memory tab); BENCH_HEAP=promoted keeps only what outlived a scavenge. BENCH_TRACE_GC=1 runs the
 * server with --trace-gc-nvp and prints the scavenges' pauses and how much they promoted.
 */
import {
	copyFileSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import { PAGES, type PageKey } from './config';
import { cannon, get, type Visit } from './http';
import { loadVolume } from './load';
import { cpuSeconds, settle } from './noise';
import { renderGcTrace, renderHeapProfile } from './memory-summary';
import { monotonicMicros, renderProfile, summariseProfiles } from './profile-summary';
import { ROOT, runToEnd, snapshotBuild, startApp, startPostgres, stopAll } from './proc';
import { visitsFor } from './server-phase';

const env = process.env;
const number = (name: string, fallback: number) => {
	const value = Number(env[name] || fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
	return value;
};
const citizens = number('BENCH_CITIZENS', 300);
const connections = number('BENCH_CONNECTIONS', 50);
const seconds = number('BENCH_DURATION', 15);
const onPostgres = env.BENCH_DB === 'postgres';
const heap = env.BENCH_HEAP === 'all' || env.BENCH_HEAP === 'promoted' ? env.BENCH_HEAP : null;
const traceGc = env.BENCH_TRACE_GC === '1';
const target = process.argv[2] ?? '/plan';

const page = PAGES.find((p) => p.key === target || p.path === target);
const pagePath = page?.path ?? target;
if (!page && !pagePath.startsWith('/')) {
	console.error(`bench:profile: give a path (/plan) or a page key (${PAGES.map((p) => p.key).join(', ')})`);
	process.exit(2);
}

/** The newest modification time under a path (files only). */
function newest(p: string): number {
	if (!existsSync(p)) return 0;
	const stat = statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

const started = Date.now();
const say = (text: string) => console.log(`[profile ${Math.round((Date.now() - started) / 1000)} s] ${text}`);
const workDir = mkdtempSync(path.join(os.tmpdir(), 'mf-profile-'));
let failed = false;
try {
	const built = newest(path.join(ROOT, 'build/index.js'));
	const sources = Math.max(
		...['src', 'package.json', 'vite.config.ts', 'svelte.config.js'].map((p) => newest(path.join(ROOT, p)))
	);
	if (built < sources) {
		say('build/ is older than the sources: vite build …');
		await runToEnd(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: ROOT,
			logFile: path.join(workDir, 'build.log')
		});
	}
	const appDir = snapshotBuild(workDir);
	const pg = onPostgres ? await startPostgres(path.join(workDir, 'postgres.log')) : null;
	const dataDir = path.join(workDir, 'pglite-data');
	const migrationsFolder = path.join(appDir, 'drizzle');

	say(`loading ${citizens} citizens into ${onPostgres ? 'PostgreSQL' : 'PGlite'} …`);
	const database = await openDatabase(
		pg ? { url: pg.url, poolSize: 1, migrationsFolder } : { dataDir, migrationsFolder }
	);
	const loaded = await loadVolume(database.db, {
		citizens,
		sessions: Math.min(200, citizens),
		staffSessions: 5,
		caseload: 25
	}).finally(() => database.close());

	const profileDir = path.join(workDir, 'profiles');
	const app = await startApp({
		appDir,
		env: {
			...(pg ? { DATABASE_URL: pg.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
			VAPID_FILE: path.join(workDir, 'vapid.json'),
			...(heap
				? {
						BENCH_HEAP_PROFILE: path.join(workDir, 'heap.heapprofile'),
						BENCH_HEAP_PROMOTED: heap === 'promoted' ? '1' : '0'
					}
				: {})
		},
		staticDir: workDir,
		logFile: path.join(workDir, 'app.log'),
		profileDir,
		nodeArgs: traceGc ? ['--trace-gc-nvp'] : []
	});
	let visits: Visit[];
	if (page) visits = visitsFor(page.key as PageKey, loaded);
	else if (pagePath.startsWith('/staff')) visits = loaded.staff.map(({ token }) => ({ token }));
	else visits = loaded.tokens.map((token) => ({ token }));
	const url = app.origin + (visits[0]?.path ?? pagePath);

	const first = await get(url, visits[0]?.token);
	if (first.status !== 200)
		throw new Error(`${url} answered ${first.status}${first.location ? ` → ${first.location}` : ''}`);
	// The page as the first visitor got it, to see what its HTML is made of.
	if (env.BENCH_DUMP) writeFileSync(env.BENCH_DUMP, first.body);
	say(`warming up ${pagePath} …`);
	await cannon(url, { connections: 20, seconds: 3, visits });
	const pid = app.child.pid!;
	await settle(pid);

	say(`${connections} connections for ${seconds} s …`);
	// The GC lines of the measured run are those written after this point of the app's log.
	const logBefore = traceGc ? readFileSync(path.join(workDir, 'app.log'), 'utf8').length : 0;
	if (heap) process.kill(pid, 'SIGUSR2');
	const from = monotonicMicros();
	const result = await cannon(url, { connections, seconds, visits, serverPid: pid });
	const to = monotonicMicros();
	const cpu = cpuSeconds(pid);
	const gcLog = traceGc ? readFileSync(path.join(workDir, 'app.log'), 'utf8').slice(logBefore) : '';
	await app.stop();
	await pg?.stop();

	const summary = summariseProfiles(profileDir, result.requests, appDir, { window: { from, to } });
	if (summary && result.cpuMs) summary.procCpuMsPerRequest = result.cpuMs.app;
	console.log(
		`\n${visits[0]?.path ?? pagePath}${visits.length > 1 && visits[0]?.path ? ' (and the others of each mentor)' : ''} on ${onPostgres ? 'PostgreSQL' : 'PGlite'} (${citizens} citizens), ${connections} connections for ${seconds} s: ` +
			`${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
			`${result.errors + result.non2xx} errors (${result.timeouts} timeouts, ${result.shed} 503s); ` +
			`CPU ms per request from /proc: app ${result.cpuMs?.app.toFixed(2) ?? '?'}` +
			(onPostgres ? `, PostgreSQL ${result.cpuMs?.db.toFixed(2) ?? '?'}` : '') +
			` (app process ${cpu.app.toFixed(1)} CPU s in all; the profile adds a little of its own)`
	);
	if (!summary) throw new Error(`no profile was written in ${profileDir} (see ${path.join(workDir, 'app.log')})`);
	console.log(renderProfile(summary, `app server, the ${seconds} s measured`));
	const name = `profile-${page?.key ?? pagePath.replace(/[^\w]+/g, '_')}-${onPostgres ? 'postgres' : 'pglite'}.cpuprofile`;
	copyFileSync(summary.files[0], path.join(ROOT, 'bench/results', name));
	console.log(`\nKept: bench/results/${name} (the whole server run; ${Math.round((Date.now() - started) / 1000)} s)`);
	if (traceGc) console.log(renderGcTrace(gcLog));
	if (heap) {
		const heapName = name
			.replace(/^profile-/, `heap-${heap === 'promoted' ? 'promoted-' : ''}`)
			.replace(/\.cpuprofile$/, '.heapprofile');
		copyFileSync(path.join(workDir, 'heap.heapprofile'), path.join(ROOT, 'bench/results', heapName));
		console.log(renderHeapProfile(path.join(workDir, 'heap.heapprofile'), result.requests, appDir));
		console.log(`Kept: bench/results/${heapName}`);
	}
} catch (error) {
	failed = true;
	console.error(`bench:profile failed: ${error instanceof Error ? error.stack : error}`);
	console.error(`Logs kept in ${workDir}`);
} finally {
	await stopAll();
}
if (!failed) rmSync(workDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
