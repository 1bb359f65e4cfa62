// The two tables `npm run bench` prints (and writes as Markdown to bench/results/latest.md): every
// page's throughput on both databases at many and at few connections, with an earlier run's figures
// beside them (BENCH_BEFORE); then everything else, with the targets of docs/benchmarks.md.

import type { ClientFigures } from './client';
import { clusterRows, type ClusterResult } from './cluster';
import { GROWTH_FACTORS, GROWTH_PAGES, PAGES, type PageKey } from './config';
import type { Throughput } from './http';
import type { LighthouseScores } from './lighthouse';
import type { PageServerFigures, PhaseResult } from './server-phase';

export interface BenchResults {
	startedAt: string;
	seconds: number;
	machine: { cpus: number; cpuModel: string; node: string; memoryGb: number; loadAverageAtStart: number };
	config: Record<string, unknown>;
	pglite?: PhaseResult;
	postgres?: PhaseResult;
	/** The plan page through the local load balancer to one and to two servers (PostgreSQL). */
	cluster?: ClusterResult;
	/** The minimal SvelteKit page (40-item list, no database) at the same many and few connections. */
	minimal?: { many: Throughput; few: Throughput };
	/** Seconds each step took. */
	steps?: Array<{ step: string; seconds: number }>;
	client: Partial<Record<PageKey, ClientFigures>>;
	lighthouse: LighthouseScores[];
	notes: string[];
}

/** The targets of docs/benchmarks.md and issue 20, as numbers (KB = 1024 bytes). */
export const TARGETS = {
	/** Plan page on PostgreSQL at 100 connections, ÷ the minimal page's req/s in the same run. */
	planShareOfMinimal: 0.25,
	/** Plan page on PostgreSQL, p99 ms at 10 connections. */
	p99At10: 50,
	/** PGlite at 100 connections: p99 at most this many times p50 (first come, first served). */
	fairness: 3,
	jsKb: 60,
	transferKb: 200,
	performance: 95,
	accessibility: 100,
	bestPractices: 100,
	growthRatio: 1.5
};

type Verdict = boolean | null;
interface Row {
	area: string;
	page: string;
	measure: string;
	pglite: string;
	postgres: string;
	target: string;
	ok: Verdict;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const both = (...verdicts: Verdict[]): Verdict =>
	verdicts.every((v) => v === null) ? null : verdicts.every((v) => v === null || v === true);
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
/** Every failed request: timeouts, broken connections, and answers other than 2xx (503s included). */
const errorCount = (t: Throughput) => t.errors + t.non2xx;
const ratioText = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');

/** One row of the pages table: a page on a database at many or few connections. */
export interface PageRow {
	page: string;
	db: string;
	connections: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	timeouts: number;
	shed: number;
	cpuApp: number | null;
	cpuDb: number | null;
	/** req/s ÷ the minimal SvelteKit page's at the same connections, same run. */
	ofMinimal: number | null;
	otherCores: number | null;
}

const DB_LABEL = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

/** The pages table's rows of one run: each page, PGlite then PostgreSQL, many then few connections. */
export function pageRows(r: BenchResults): PageRow[] {
	const rows: PageRow[] = [];
	const of = (t: Throughput, page: string, db: string, minimal?: Throughput): PageRow => ({
		page,
		db,
		connections: t.connections,
		rps: t.rps,
		p50: t.p50,
		p99: t.p99,
		errors: errorCount(t),
		timeouts: t.timeouts,
		shed: t.shed ?? 0,
		cpuApp: t.cpuMs?.app ?? null,
		cpuDb: t.cpuMs ? t.cpuMs.db : null,
		ofMinimal: minimal && minimal.rps > 0 ? t.rps / minimal.rps : null,
		otherCores: t.otherCores
	});
	for (const { key, label } of PAGES)
		for (const kind of ['pglite', 'postgres'] as const) {
			const f: PageServerFigures | undefined = r[kind]?.pages[key];
			if (!f) continue;
			rows.push(of(f.many, label, DB_LABEL[kind], r.minimal?.many));
			rows.push(of(f.few, label, DB_LABEL[kind], r.minimal?.few));
		}
	if (r.minimal) for (const t of [r.minimal.many, r.minimal.few]) rows.push(of(t, 'minimal SvelteKit page', '(none)'));
	return rows;
}

const fixed = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));
/** "before → after", and for req/s and CPU "(×after÷before)"; just "after" when there is no before. */
function compare(after: number | null, before: number | null | undefined, digits: number, factor = false): string {
	const a = fixed(after, digits);
	if (before === undefined || before === null) return a;
	const f = factor && after !== null && before > 0 ? ` (×${(after / before).toFixed(2)})` : '';
	return `${fixed(before, digits)} → ${a}${f}`;
}

/** The pages table as cells (header first); `before` is an earlier run's results. */
export function pageTable(r: BenchResults, before?: BenchResults | null): string[][] {
	const earlier = new Map((before ? pageRows(before) : []).map((x) => [`${x.page}|${x.db}|${x.connections}`, x]));
	const header = [
		'page',
		'database',
		'conns',
		'req/s',
		'p50 ms',
		'p99 ms',
		'errors',
		'of them timeouts',
		'503s',
		'CPU ms/req app',
		'CPU ms/req PostgreSQL',
		'÷ minimal page',
		'other cores'
	];
	const cells = pageRows(r).map((x) => {
		const b = earlier.get(`${x.page}|${x.db}|${x.connections}`);
		return [
			x.page,
			x.db,
			String(x.connections),
			compare(x.rps, b?.rps, 0, true),
			compare(x.p50, b?.p50, 0),
			compare(x.p99, b?.p99, 0),
			compare(x.errors, b?.errors, 0),
			compare(x.timeouts, b?.timeouts, 0),
			compare(x.shed, b?.shed, 0),
			compare(x.cpuApp, b?.cpuApp, 2, true),
			x.db === 'PostgreSQL' ? compare(x.cpuDb, b?.cpuDb, 2, true) : '–',
			x.ofMinimal === null
				? '–'
				: b?.ofMinimal != null
					? `${pct(b.ofMinimal)} → ${pct(x.ofMinimal)}`
					: pct(x.ofMinimal),
			fixed(x.otherCores, 2)
		];
	});
	return [header, ...cells];
}

export function tableRows(r: BenchResults): Row[] {
	const rows: Row[] = [];
	const row = (
		area: string,
		page: string,
		measure: string,
		pglite: string,
		postgres: string,
		target = '',
		ok: Verdict = null
	) => rows.push({ area, page, measure, pglite, postgres, target, ok });
	const lite = r.pglite;
	const pg = r.postgres;
	const cell = (phase: PhaseResult | undefined, fn: (p: PhaseResult) => string | undefined) =>
		phase ? (fn(phase) ?? '–') : 'not run';

	row(
		'load',
		'all',
		'rows generated, seconds',
		cell(lite, (p) => `${p.load.rows.toLocaleString('en')} in ${p.load.seconds.toFixed(1)} s`),
		cell(pg, (p) => `${p.load.rows.toLocaleString('en')} in ${p.load.seconds.toFixed(1)} s`),
		'< 60 s',
		both(lite ? lite.load.seconds < 60 : null, pg ? pg.load.seconds < 60 : null)
	);

	const plan = (p?: PhaseResult) => p?.pages.plan;
	const share = (p?: PhaseResult) => (plan(p) && r.minimal ? plan(p)!.many.rps / r.minimal.many.rps : null);
	if (plan(pg) && r.minimal)
		row(
			'server',
			'plan',
			`req/s ÷ minimal SvelteKit page's, at ${plan(pg)!.many.connections} connections`,
			cell(lite, () => (share(lite) === null ? undefined : pct(share(lite)!))),
			pct(share(pg)!),
			`≥ ${pct(TARGETS.planShareOfMinimal)} (PostgreSQL)`,
			share(pg)! >= TARGETS.planShareOfMinimal
		);
	if (plan(pg))
		row(
			'server',
			'plan',
			`p99 ms at ${plan(pg)!.few.connections} connections`,
			cell(lite, (p) => plan(p) && String(plan(p)!.few.p99)),
			String(plan(pg)!.few.p99),
			`< ${TARGETS.p99At10} (PostgreSQL)`,
			plan(pg)!.few.p99 < TARGETS.p99At10
		);
	if (plan(lite)) {
		const m = plan(lite)!.many;
		row(
			'server',
			'plan',
			`errors at ${m.connections} connections (timeouts, 503s)`,
			`${errorCount(m)} (${m.timeouts}, ${m.shed})`,
			cell(pg, (p) => plan(p) && `${errorCount(plan(p)!.many)} (${plan(p)!.many.timeouts}, ${plan(p)!.many.shed})`),
			'0 (PGlite)',
			errorCount(m) === 0
		);
		row(
			'server',
			'plan',
			`p99 ÷ p50 at ${m.connections} connections (fair queue)`,
			ratioText(m.p99, m.p50),
			cell(pg, (p) => plan(p) && ratioText(plan(p)!.many.p99, plan(p)!.many.p50)),
			`≤ ${TARGETS.fairness}× (PGlite)`,
			m.p50 > 0 && m.p99 / m.p50 <= TARGETS.fairness
		);
	}
	const staticText = (p: PhaseResult) => {
		const f = plan(p);
		return f?.static && `${f.static.rps} req/s; page ÷ static ${pct(f.ratioToStatic ?? NaN)}`;
	};
	if (plan(lite)?.static || plan(pg)?.static)
		row('server', 'plan', 'same HTML as a static file, same process', cell(lite, staticText), cell(pg, staticText));
	for (const { key } of PAGES) {
		const bytes = (p: PhaseResult) => {
			const f = p.pages[key];
			return f && `${kb(f.htmlBytes)} (${kb(f.dataBytes)})`;
		};
		if (lite?.pages[key] || pg?.pages[key])
			row('server', key, 'HTML KB (of it serialized data KB)', cell(lite, bytes), cell(pg, bytes));
	}
	rows.push(...clusterRows(r.cluster));

	for (const key of GROWTH_PAGES) {
		const g = (p: PhaseResult) => p.growth[key];
		if (!lite?.growth[key] && !pg?.growth[key]) continue;
		const targeted = key === 'home' || key === 'plan';
		row(
			'growth',
			key,
			`p50 ms at ${GROWTH_FACTORS.join('× / ')}× history`,
			cell(lite, (p) => g(p) && GROWTH_FACTORS.map((f) => g(p)!.p50[f].toFixed(1)).join(' / ')),
			cell(pg, (p) => g(p) && GROWTH_FACTORS.map((f) => g(p)!.p50[f].toFixed(1)).join(' / '))
		);
		const cpuAt = (p: PhaseResult) =>
			g(p) &&
			GROWTH_FACTORS.map((f) => {
				const c = g(p)!.cpuMs[f];
				return c.db > 0.05 ? `${c.app.toFixed(1)}+${c.db.toFixed(1)}` : c.app.toFixed(1);
			}).join(' / ');
		row('growth', key, `CPU ms per request at ${GROWTH_FACTORS.join('× / ')}×`, cell(lite, cpuAt), cell(pg, cpuAt));
		const cpuRatio = (p: PhaseResult) => {
			const c = g(p)?.cpuMs;
			if (!c) return undefined;
			const total = (f: number) => c[f].app + c[f].db;
			return `${(total(GROWTH_FACTORS[GROWTH_FACTORS.length - 1]) / total(GROWTH_FACTORS[0])).toFixed(2)}×`;
		};
		row(
			'growth',
			key,
			`CPU ${GROWTH_FACTORS[GROWTH_FACTORS.length - 1]}× ÷ 1× (steadier than latency)`,
			cell(lite, cpuRatio),
			cell(pg, cpuRatio)
		);
		const ok = (p?: PhaseResult) => (targeted && p?.growth[key] ? p.growth[key]!.ratio <= TARGETS.growthRatio : null);
		row(
			'growth',
			key,
			`p50 ${GROWTH_FACTORS[GROWTH_FACTORS.length - 1]}× ÷ 1×`,
			cell(lite, (p) => g(p) && `${g(p)!.ratio.toFixed(2)}×`),
			cell(pg, (p) => g(p) && `${g(p)!.ratio.toFixed(2)}×`),
			targeted ? `≤ ${TARGETS.growthRatio}×` : '(shown only)',
			both(ok(lite), ok(pg))
		);
	}

	for (const [key, c] of Object.entries(r.client) as Array<[PageKey, ClientFigures]>) {
		row(
			'client',
			key,
			'JS gzip KB (files)',
			`${(c.jsGzip / 1024).toFixed(2)} (${c.jsFiles})`,
			'',
			`≤ ${TARGETS.jsKb}`,
			c.jsGzip <= TARGETS.jsKb * 1024
		);
		row('client', key, 'CSS gzip KB', kb(c.cssGzip), '');
		row(
			'client',
			key,
			'first visit transferred KB: page',
			kb(c.pageTransfer),
			'',
			`≤ ${TARGETS.transferKb}`,
			c.pageTransfer <= TARGETS.transferKb * 1024
		);
		row(
			'client',
			key,
			'  + service worker precache KB',
			`${kb(c.swTransfer)} (= ${kb(c.pageTransfer + c.swTransfer)})`,
			''
		);
	}

	for (const l of r.lighthouse) {
		const key = PAGES.find((p) => p.path === l.path)?.key ?? l.path;
		if (l.error) {
			row('lighthouse', key, 'failed', l.error.slice(0, 60), '', '', false);
			continue;
		}
		const runs = l.performanceRuns ?? [];
		const failed = l.failedRuns?.length ? `; ${l.failedRuns.length} failed` : '';
		const spread =
			runs.length > 1 || failed ? ` (runs ${runs.join(', ')}: ${Math.min(...runs)}–${Math.max(...runs)}${failed})` : '';
		row(
			'lighthouse',
			key,
			`performance (median of ${Math.max(1, runs.length)}) / accessibility / best practices`,
			`${l.performance}${spread} / ${l.accessibility} / ${l.bestPractices}`,
			'',
			`${TARGETS.performance} / ${TARGETS.accessibility} / ${TARGETS.bestPractices}`,
			(l.performance ?? 0) >= TARGETS.performance &&
				(l.accessibility ?? 0) >= TARGETS.accessibility &&
				(l.bestPractices ?? 0) >= TARGETS.bestPractices
		);
		if (l.metrics) {
			const m = l.metrics;
			const ms = (v: number | null) => (v === null ? '?' : `${(v / 1000).toFixed(1)} s`);
			row(
				'lighthouse',
				key,
				'  FCP / LCP / TBT / CLS (other CPU)',
				`${ms(m.fcp)} / ${ms(m.lcp)} / ${m.tbt === null ? '?' : Math.round(m.tbt)} ms / ${m.cls?.toFixed(3) ?? '?'} (${l.otherCores?.toFixed(2) ?? '?'} cores)`,
				''
			);
			if (l.benchmarkIndex?.length)
				row(
					'lighthouse',
					key,
					'  benchmarkIndex per run; server response ms per run',
					`${l.benchmarkIndex.join(', ')}; ${l.serverMs?.join(', ') ?? '?'}`,
					''
				);
		}
		if (l.failing.length) row('lighthouse', key, '  audits losing points', l.failing.join(', '), '');
		for (const error of l.failedRuns ?? []) row('lighthouse', key, '  a run failed', error.slice(0, 80), '');
	}
	return rows;
}

/** Cells as aligned text columns, or as a Markdown table. */
export function renderGrid(cells: string[][], markdown = false): string {
	const [header, ...body] = cells;
	if (markdown) {
		const esc = (v: string) => v.replaceAll('|', '\\|');
		const line = (c: string[]) => `| ${c.map(esc).join(' | ')} |`;
		return [line(header), `|${header.map(() => '---').join('|')}|`, ...body.map(line)].join('\n');
	}
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The other figures (load, targets, cluster, growth, browser, Lighthouse) as cells, header first. */
export function figureTable(r: BenchResults): string[][] {
	const header = ['area', 'page', 'measure', 'PGlite', 'PostgreSQL', 'target', 'ok'];
	return [
		header,
		...tableRows(r).map((x) => [
			x.area,
			x.page,
			x.measure,
			x.pglite,
			x.postgres,
			x.target,
			x.ok === null ? '' : x.ok ? 'ok' : 'MISS'
		])
	];
}

export function renderTable(r: BenchResults, before?: BenchResults | null, markdown = false): string {
	return [renderGrid(pageTable(r, before), markdown), renderGrid(figureTable(r), markdown)].join('\n\n');
}

export function summary(r: BenchResults): { met: number; missed: string[] } {
	const rows = tableRows(r).filter((x) => x.ok !== null);
	return {
		met: rows.filter((x) => x.ok).length,
		missed: rows.filter((x) => !x.ok).map((x) => `${x.area} ${x.page}: ${x.measure}`)
	};
}
