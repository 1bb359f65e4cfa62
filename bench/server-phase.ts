// One database's part of the run: load it, start the app on it, and measure throughput and growth.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import { CITIZEN_PAGES, GROWTH_FACTORS, GROWTH_PAGES, PAGES, config, type PageKey } from './config';
import { cannon, get, sequential, type Throughput, type Visit } from './http';
import { loadVolume, type LoadResult } from './load';
import { cpuSeconds, settle } from './noise';
import { monotonicMicros, renderProfile, summariseProfiles, type ProfileSummary } from './profile-summary';
import { startApp, type AppServer } from './proc';

export interface PageServerFigures {
	/** At BENCH_CONNECTIONS (100) for BENCH_DURATION. */
	many: Throughput;
	/** At BENCH_FEW_CONNECTIONS (10) for BENCH_SHORT_DURATION: the latency target. */
	few: Throughput;
	/** The same HTML as a file from the same process (the plan page only; not when profiling). */
	static?: Throughput;
	/** many req/s ÷ static req/s. */
	ratioToStatic?: number;
	htmlBytes: number;
	/** Bytes of the inline script that carries SvelteKit's serialized page data (for hydration). */
	dataBytes: number;
}

export interface PhaseResult {
	kind: 'pglite' | 'postgres';
	load: Omit<LoadResult, 'tokens' | 'heavy' | 'staff'>;
	pages: Partial<Record<PageKey, PageServerFigures>>;
	/** p50 ms of sequential requests per page at each history factor, and 100×/1×. */
	growth: Partial<
		Record<
			PageKey,
			{
				p50: Record<number, number>;
				p90: Record<number, number>;
				ratio: number;
				/** CPU ms per request (app, and PostgreSQL) during the sequential requests at each factor. */
				cpuMs: Record<number, { app: number; db: number }>;
			}
		>
	>;
	/** Pages that answered 404 (not built yet) and were left out. */
	missing: PageKey[];
	/** Where the app server's CPU time went (BENCH_PROFILE=1). */
	profile?: ProfileSummary;
}

export const pageByKey = (key: PageKey) => PAGES.find((p) => p.key === key)!;

/**
 * The requests of a page's throughput run: citizens' sessions in turn, mentors' sessions in turn,
 * or for a citizen's plan as staff each mentor opening each citizen of their caseload, the mentors
 * taking turns (so consecutive requests are different people, as in use).
 */
export function visitsFor(key: PageKey, loaded: Pick<LoadResult, 'tokens' | 'staff'>): Visit[] {
	const page = pageByKey(key);
	if (page.who === 'citizen') return loaded.tokens.map((token) => ({ token }));
	if (key === 'staff') return loaded.staff.map(({ token }) => ({ token }));
	const visits: Visit[] = [];
	const longest = Math.max(0, ...loaded.staff.map((s) => s.citizenIds.length));
	for (let i = 0; i < longest; i++)
		for (const { token, citizenIds } of loaded.staff)
			if (citizenIds[i]) visits.push({ token, path: page.path.replace(':id', citizenIds[i]) });
	return visits;
}

/** The path a page's first visit asks for (the staff plan page names a citizen). */
const pathOf = (key: PageKey, visits: Visit[]) => visits[0]?.path ?? pageByKey(key).path;
const secondsSince = (t: number) => `${((performance.now() - t) / 1000).toFixed(0)} s`;

/** The largest inline <script> of a page: SvelteKit's serialized data for hydration. */
const inlineDataBytes = (html: string) =>
	Math.max(
		0,
		...[...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => Buffer.byteLength(m[1]))
	);
const log = (...args: unknown[]) => console.log('  ·', ...args);

/** Checks that each citizen page answers 200 for a logged-in citizen; returns those that do (404 = not built yet). */
export async function availablePages(origin: string, token: string): Promise<{ ok: PageKey[]; missing: PageKey[] }> {
	const ok: PageKey[] = [];
	const missing: PageKey[] = [];
	for (const page of CITIZEN_PAGES) {
		const res = await get(origin + page.path, token);
		if (res.status === 200) ok.push(page.key);
		else if (res.status === 404 && 'optional' in page && page.optional) missing.push(page.key);
		else
			throw new Error(
				`${page.path} answered ${res.status}${res.location ? ` → ${res.location}` : ''} for a logged-in citizen`
			);
	}
	return { ok, missing };
}

export async function runServerPhase(opts: {
	kind: 'pglite' | 'postgres';
	workDir: string;
	/** The snapshot of build/ and drizzle/ (proc.ts, snapshotBuild). */
	appDir: string;
	databaseUrl?: string;
	/** Called with the running app before the throughput runs (the browser measurements). */
	beforeLoadTest?: (app: AppServer, token: string, pages: PageKey[]) => Promise<void>;
	/** Called after the app has stopped, with the loaded database's session tokens (bench/cluster.ts). */
	afterApp?: (tokens: string[]) => Promise<void>;
}): Promise<PhaseResult> {
	const { kind, workDir } = opts;
	const dataDir = path.join(workDir, `${kind}-data`);
	const staticDir = path.join(workDir, `${kind}-static`);
	const profileDir = config.profile ? path.join(workDir, 'profiles', kind) : undefined;
	mkdirSync(staticDir, { recursive: true });

	log(`loading ${config.citizens} citizens into ${kind} …`);
	const migrationsFolder = path.join(opts.appDir, 'drizzle');
	const database = await openDatabase(
		opts.databaseUrl ? { url: opts.databaseUrl, poolSize: 1, migrationsFolder } : { dataDir, migrationsFolder }
	);
	let loaded: LoadResult;
	try {
		loaded = await loadVolume(database.db, {
			citizens: config.citizens,
			sessions: config.sessions,
			staffSessions: config.staffSessions,
			caseload: config.caseload
		});
	} finally {
		await database.close();
	}
	log(`${loaded.rows.toLocaleString('en')} rows in ${loaded.seconds.toFixed(1)} s`);

	const app = await startApp({
		appDir: opts.appDir,
		env: {
			...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
			VAPID_FILE: path.join(workDir, 'vapid.json')
		},
		staticDir,
		logFile: path.join(workDir, `${kind}-app.log`),
		profileDir
	});
	const result: PhaseResult = {
		kind,
		load: { seconds: loaded.seconds, rows: loaded.rows, rowsByTable: loaded.rowsByTable },
		pages: {},
		growth: {},
		missing: []
	};
	/** Requests the app answered from the warm-up on, and that span: the profile's part to summarise. */
	let served = 0;
	const window = { from: 0, to: 0 };
	let cpuAt = { from: 0, to: 0 };
	const count = (t: Throughput) => {
		served += t.requests;
		return t;
	};
	try {
		const token = loaded.tokens[0];
		const pages = config.pages;
		const visits = Object.fromEntries(pages.map((key) => [key, visitsFor(key, loaded)])) as Record<PageKey, Visit[]>;

		// Every page must answer 200 before it is measured: a redirect to the login page or a 403
		// would be measured as a fast page.
		const htmlBytes: Partial<Record<PageKey, number>> = {};
		const dataBytes: Partial<Record<PageKey, number>> = {};
		for (const key of pages) {
			if (visits[key].length === 0) throw new Error(`${key}: no sessions to visit it with`);
			for (const visit of visits[key].slice(0, Math.max(1, config.staffSessions))) {
				const url = app.origin + (visit.path ?? pageByKey(key).path);
				const res = await get(url, visit.token);
				if (res.status !== 200)
					throw new Error(`${url} answered ${res.status}${res.location ? ` → ${res.location}` : ''} (${key})`);
				if (htmlBytes[key] === undefined) {
					htmlBytes[key] = Buffer.byteLength(res.body);
					dataBytes[key] = inlineDataBytes(res.body);
					// The static twin: the same person's HTML, saved as a file (the plan page only).
					if (key === 'plan') writeFileSync(path.join(staticDir, `${key}.html`), res.body);
				}
			}
		}

		const pid = app.child.pid!;
		const citizenPages = pages.filter((key) => pageByKey(key).who === 'citizen');
		await opts.beforeLoadTest?.(app, token, citizenPages);

		let t = performance.now();
		window.from = monotonicMicros();
		cpuAt.from = cpuSeconds(app.child.pid!).app;
		log('warming up …');
		for (const key of pages)
			count(await cannon(app.origin + pathOf(key, visits[key]), { connections: 20, seconds: 2, visits: visits[key] }));
		log(`warmed up (${secondsSince(t)})`);

		for (const key of pages) {
			t = performance.now();
			const url = app.origin + pathOf(key, visits[key]);
			await settle(pid);
			const many = count(
				await cannon(url, {
					connections: config.connections,
					seconds: config.duration,
					visits: visits[key],
					serverPid: pid
				})
			);
			await settle(pid);
			const few = count(
				await cannon(url, {
					connections: config.fewConnections,
					seconds: config.shortDuration,
					visits: visits[key],
					serverPid: pid
				})
			);
			const figures: PageServerFigures = {
				many,
				few,
				htmlBytes: htmlBytes[key] ?? 0,
				dataBytes: dataBytes[key] ?? 0
			};
			// The static copy is the plan page's only: it is the same for every page (the raw
			// HTTP rate), and a profile must hold the app's work alone.
			if (key === 'plan' && !config.profile) {
				await settle(pid);
				figures.static = await cannon(`${app.staticOrigin}/${key}.html`, {
					connections: config.connections,
					seconds: config.staticDuration,
					serverPid: pid
				});
				figures.ratioToStatic = many.rps / figures.static.rps;
			}
			result.pages[key] = figures;
			const errors = (x: Throughput) => x.errors + x.non2xx;
			log(
				`${key}: ${many.rps} req/s at ${many.connections} (p50 ${many.p50}, p99 ${many.p99} ms, ${errors(many)} errors, ${many.shed} 503); ` +
					`${few.rps} req/s at ${few.connections} (p99 ${few.p99} ms, ${errors(few)} errors)` +
					(figures.static ? `; static ${figures.static.rps} req/s` : '') +
					` (${secondsSince(t)})`
			);
		}

		t = performance.now();
		await settle(pid);
		const growthPages = GROWTH_PAGES.filter((k) => pages.includes(k));
		log(`growth: ${config.growthRequests} sequential requests per page at ${GROWTH_FACTORS.join('×, ')}× history …`);
		for (const key of growthPages) {
			const p50: Record<number, number> = {};
			const p90: Record<number, number> = {};
			const cpuMs: Record<number, { app: number; db: number }> = {};
			for (const factor of GROWTH_FACTORS) {
				const before = cpuSeconds(pid);
				const figures = await sequential(app.origin + pageByKey(key).path, loaded.heavy[factor], config.growthRequests);
				const after = cpuSeconds(pid);
				served += figures.requests;
				p50[factor] = figures.p50;
				p90[factor] = figures.p90;
				cpuMs[factor] = {
					app: ((after.app - before.app) * 1000) / figures.requests,
					db: ((after.db - before.db) * 1000) / figures.requests
				};
			}
			const last = GROWTH_FACTORS[GROWTH_FACTORS.length - 1];
			result.growth[key] = { p50, p90, ratio: p50[last] / p50[GROWTH_FACTORS[0]], cpuMs };
			log(`${key}: p50 ${GROWTH_FACTORS.map((f) => `${p50[f].toFixed(1)} ms`).join(' / ')}`);
		}
		log(`growth done (${secondsSince(t)})`);
		window.to = monotonicMicros();
		cpuAt = { ...cpuAt, to: cpuSeconds(app.child.pid!).app };
	} finally {
		// SIGTERM: adapter-node closes its server and the process exits normally, which is when
		// --cpu-prof writes the profile.
		await app.stop();
	}
	if (profileDir) {
		// From the warm-up to the end of the growth test: the server's start, the browser and
		// Lighthouse are left out (their requests are not counted).
		result.profile = summariseProfiles(profileDir, served, opts.appDir, { window }) ?? undefined;
		if (result.profile && cpuAt.to > 0 && served > 0)
			result.profile.procCpuMsPerRequest = ((cpuAt.to - cpuAt.from) * 1000) / served;
		if (result.profile) console.log(renderProfile(result.profile, `${kind} app server`));
		else log(`no profile written in ${profileDir}`);
	}
	await opts.afterApp?.(loaded.tokens);
	return result;
}
