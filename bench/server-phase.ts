// One database's part of the run: load it, start the app on it, and measure throughput and growth.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import { CITIZEN_PAGES, GROWTH_FACTORS, GROWTH_PAGES, SERVER_PAGES, config, type PageKey } from './config';
import { cannon, get, sequential, type Throughput } from './http';
import { loadVolume, type LoadResult } from './load';
import { cpuSeconds, settle } from './noise';
import { startApp, type AppServer } from './proc';

export interface PageServerFigures {
	page: Throughput;
	static: Throughput;
	/** page req/s ÷ static req/s of the same HTML from the same process. */
	ratioToStatic: number;
	htmlBytes: number;
	/** Bytes of the inline script that carries SvelteKit's serialized page data (for hydration). */
	dataBytes: number;
}

export interface PhaseResult {
	kind: 'pglite' | 'postgres';
	load: Omit<LoadResult, 'tokens' | 'heavy'>;
	pages: Partial<Record<PageKey, PageServerFigures>>;
	/** The plan page at 10 connections (the p99 target). */
	plan10?: Throughput;
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
}

export const pageByKey = (key: PageKey) => CITIZEN_PAGES.find((p) => p.key === key)!;

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
	mkdirSync(staticDir, { recursive: true });

	log(`loading ${config.citizens} citizens into ${kind} …`);
	const migrationsFolder = path.join(opts.appDir, 'drizzle');
	const database = await openDatabase(
		opts.databaseUrl ? { url: opts.databaseUrl, poolSize: 1, migrationsFolder } : { dataDir, migrationsFolder }
	);
	let loaded: LoadResult;
	try {
		loaded = await loadVolume(database.db, { citizens: config.citizens, sessions: config.sessions });
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
		logFile: path.join(workDir, `${kind}-app.log`)
	});
	const result: PhaseResult = {
		kind,
		load: { seconds: loaded.seconds, rows: loaded.rows, rowsByTable: loaded.rowsByTable },
		pages: {},
		growth: {},
		missing: []
	};
	try {
		const token = loaded.tokens[0];
		const { ok, missing } = await availablePages(app.origin, token);
		result.missing = missing;
		if (missing.length) log(`not built yet (404), left out: ${missing.join(', ')}`);

		// The static twin of each page: the same citizen's HTML, saved as a file.
		const htmlBytes: Partial<Record<PageKey, number>> = {};
		const dataBytes: Partial<Record<PageKey, number>> = {};
		for (const key of ok) {
			const { body } = await get(app.origin + pageByKey(key).path, token);
			writeFileSync(path.join(staticDir, `${key}.html`), body);
			htmlBytes[key] = Buffer.byteLength(body);
			dataBytes[key] = inlineDataBytes(body);
		}

		await opts.beforeLoadTest?.(app, token, ok);

		const pid = app.child.pid!;
		const pages = SERVER_PAGES.filter((key) => ok.includes(key));
		log('warming up …');
		for (const key of pages)
			await cannon(app.origin + pageByKey(key).path, { connections: 20, seconds: 2, tokens: loaded.tokens });

		for (const key of pages) {
			log(`${key}: ${config.connections} connections for ${config.duration} s, then its static copy …`);
			await settle(pid);
			const page = await cannon(app.origin + pageByKey(key).path, {
				connections: config.connections,
				seconds: config.duration,
				tokens: loaded.tokens,
				serverPid: pid
			});
			await settle(pid);
			const stat = await cannon(`${app.staticOrigin}/${key}.html`, {
				connections: config.connections,
				seconds: config.staticDuration,
				serverPid: pid
			});
			result.pages[key] = {
				page,
				static: stat,
				ratioToStatic: page.rps / stat.rps,
				htmlBytes: htmlBytes[key] ?? 0,
				dataBytes: dataBytes[key] ?? 0
			};
			log(
				`${key}: ${page.rps} req/s (p99 ${page.p99} ms, ${page.errors + page.non2xx} errors); static ${stat.rps} req/s`
			);
		}
		if (pages.includes('plan')) {
			await settle(pid);
			result.plan10 = await cannon(app.origin + '/plan', {
				connections: 10,
				seconds: Math.min(10, config.duration),
				tokens: loaded.tokens,
				serverPid: pid
			});
			log(`plan at 10 connections: p99 ${result.plan10.p99} ms`);
		}

		await settle(pid);
		log(`growth: ${config.growthRequests} sequential requests per page at ${GROWTH_FACTORS.join('×, ')}× history …`);
		for (const key of GROWTH_PAGES.filter((k) => ok.includes(k))) {
			const p50: Record<number, number> = {};
			const p90: Record<number, number> = {};
			const cpuMs: Record<number, { app: number; db: number }> = {};
			for (const factor of GROWTH_FACTORS) {
				const before = cpuSeconds(pid);
				const figures = await sequential(app.origin + pageByKey(key).path, loaded.heavy[factor], config.growthRequests);
				const after = cpuSeconds(pid);
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
	} finally {
		await app.stop();
	}
	await opts.afterApp?.(loaded.tokens);
	return result;
}
