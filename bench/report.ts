// The one table `npm run bench` prints, with the targets of DESIGN.md beside the figures.

import type { ClientFigures } from './client';
import { clusterRows, type ClusterResult } from './cluster';
import { CITIZEN_PAGES, GROWTH_FACTORS, GROWTH_PAGES, SERVER_PAGES, type PageKey } from './config';
import type { Throughput } from './http';
import type { LighthouseScores } from './lighthouse';
import type { PhaseResult } from './server-phase';

export interface BenchResults {
	startedAt: string;
	seconds: number;
	machine: { cpus: number; cpuModel: string; node: string; memoryGb: number; loadAverageAtStart: number };
	config: Record<string, unknown>;
	pglite?: PhaseResult;
	postgres?: PhaseResult;
	/** The plan page through the local load balancer to one and to two servers (PostgreSQL). */
	cluster?: ClusterResult;
	/** The minimal SvelteKit page (40-item list, no database) at the same connections. */
	minimal?: Throughput;
	client: Partial<Record<PageKey, ClientFigures>>;
	lighthouse: LighthouseScores[];
	notes: string[];
}

/** DESIGN.md's targets, as numbers (KB = 1024 bytes). */
export const TARGETS = {
	planRps: 500,
	planShareOfMinimal: 0.5,
	p99At10: 100,
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

/**
 * Requests per second the measured CPU cost allows when nothing else runs: the app's one
 * JavaScript thread caps it at 1000 / app ms; the app and PostgreSQL together share the cores.
 */
export function capacityOf(t: Throughput | undefined, cpus: number): number | null {
	if (!t?.cpuMs || t.cpuMs.app <= 0) return null;
	return Math.round(Math.min(1000 / t.cpuMs.app, (cpus * 1000) / (t.cpuMs.app + t.cpuMs.db)));
}
const capacity = (t: Throughput | undefined, cpus: number) => {
	const c = capacityOf(t, cpus);
	return c === null ? undefined : String(c);
};

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

	const minimalRps = r.minimal?.rps;
	for (const key of SERVER_PAGES) {
		const fig = (p: PhaseResult) => p.pages[key];
		if (!lite?.pages[key] && !pg?.pages[key]) {
			row('server', key, 'not measured', lite?.missing.includes(key) ? '404: not built yet' : '–', '', '');
			continue;
		}
		const isPlan = key === 'plan';
		const rpsOk = (p?: PhaseResult) => (p && isPlan && fig(p) ? fig(p)!.page.rps >= TARGETS.planRps : null);
		row(
			'server',
			key,
			`req/s at ${fig(lite ?? pg!)?.page.connections ?? ''} connections`,
			cell(lite, (p) => fig(p) && String(fig(p)!.page.rps)),
			cell(pg, (p) => fig(p) && String(fig(p)!.page.rps)),
			isPlan ? `≥ ${TARGETS.planRps}` : '',
			both(rpsOk(lite), rpsOk(pg))
		);
		row(
			'server',
			key,
			'latency p50 / p99 ms',
			cell(lite, (p) => fig(p) && `${fig(p)!.page.p50} / ${fig(p)!.page.p99}`),
			cell(pg, (p) => fig(p) && `${fig(p)!.page.p50} / ${fig(p)!.page.p99}`)
		);
		const errs = (p: PhaseResult) => fig(p) && fig(p)!.page.errors + fig(p)!.page.non2xx;
		const errText = (p: PhaseResult) => {
			const t = fig(p)?.page;
			if (!t) return undefined;
			const parts = [];
			if (t.timeouts) parts.push(`${t.timeouts} timeouts`);
			if (t.errors - t.timeouts) parts.push(`${t.errors - t.timeouts} connection`);
			if (t.non2xx) parts.push(`${t.non2xx} non-2xx`);
			return `${t.errors + t.non2xx}${parts.length ? ` (${parts.join(', ')})` : ''}`;
		};
		row(
			'server',
			key,
			'errors (timeouts > 10 s, connection, non-2xx)',
			cell(lite, errText),
			cell(pg, errText),
			'0',
			both(lite && fig(lite) ? errs(lite) === 0 : null, pg && fig(pg) ? errs(pg) === 0 : null)
		);
		row(
			'server',
			key,
			'same HTML as a static file, req/s',
			cell(lite, (p) => fig(p) && String(fig(p)!.static.rps)),
			cell(pg, (p) => fig(p) && String(fig(p)!.static.rps))
		);
		row(
			'server',
			key,
			'page ÷ static file',
			cell(lite, (p) => fig(p) && pct(fig(p)!.ratioToStatic)),
			cell(pg, (p) => fig(p) && pct(fig(p)!.ratioToStatic))
		);
		if (minimalRps) {
			const share = (p?: PhaseResult) => (p && fig(p) ? fig(p)!.page.rps / minimalRps : null);
			row(
				'server',
				key,
				'page ÷ minimal SvelteKit page',
				cell(lite, () => (share(lite) === null ? undefined : pct(share(lite)!))),
				cell(pg, () => (share(pg) === null ? undefined : pct(share(pg)!))),
				isPlan ? `≥ ${pct(TARGETS.planShareOfMinimal)}` : '',
				isPlan
					? both(
							share(lite) === null ? null : share(lite)! >= TARGETS.planShareOfMinimal,
							share(pg) === null ? null : share(pg)! >= TARGETS.planShareOfMinimal
						)
					: null
			);
			const minimalCapacity = capacityOf(r.minimal, r.machine.cpus);
			const byCpu = (p: PhaseResult) => {
				const c = capacityOf(fig(p)?.page, r.machine.cpus);
				return c === null || !minimalCapacity ? undefined : pct(c / minimalCapacity);
			};
			row('server', key, 'page ÷ minimal page, by CPU (estimate)', cell(lite, byCpu), cell(pg, byCpu));
		}
		const cpu = (t: Throughput | undefined) =>
			t?.cpuMs
				? t.cpuMs.db > 0.05
					? `${t.cpuMs.app.toFixed(2)} + ${t.cpuMs.db.toFixed(2)}`
					: t.cpuMs.app.toFixed(2)
				: undefined;
		row(
			'server',
			key,
			'CPU ms per request: app (+ PostgreSQL)',
			cell(lite, (p) => cpu(fig(p)?.page)),
			cell(pg, (p) => cpu(fig(p)?.page))
		);
		row(
			'server',
			key,
			'req/s the CPU allows on a quiet machine (estimate)',
			cell(lite, (p) => capacity(fig(p)?.page, r.machine.cpus)),
			cell(pg, (p) => capacity(fig(p)?.page, r.machine.cpus)),
			isPlan ? `(≥ ${TARGETS.planRps})` : ''
		);
		const noise = (p: PhaseResult) => {
			const n = fig(p)?.page.otherCores;
			return n === null || n === undefined ? undefined : n.toFixed(2);
		};
		row('server', key, "other processes' CPU meanwhile, cores", cell(lite, noise), cell(pg, noise), '(noise)');
		row(
			'server',
			key,
			'HTML KB (of it serialized data KB)',
			cell(lite, (p) => fig(p) && `${kb(fig(p)!.htmlBytes)} (${kb(fig(p)!.dataBytes)})`),
			cell(pg, (p) => fig(p) && `${kb(fig(p)!.htmlBytes)} (${kb(fig(p)!.dataBytes)})`)
		);
	}
	if (lite?.plan10 || pg?.plan10) {
		const ok = (p?: PhaseResult) => (p?.plan10 ? p.plan10.p99 < TARGETS.p99At10 : null);
		row(
			'server',
			'plan',
			'p99 ms at 10 connections',
			cell(lite, (p) => p.plan10 && `${p.plan10.p99} (${p.plan10.rps} req/s)`),
			cell(pg, (p) => p.plan10 && `${p.plan10.p99} (${p.plan10.rps} req/s)`),
			`< ${TARGETS.p99At10}`,
			both(ok(lite), ok(pg))
		);
	}
	rows.push(...clusterRows(r.cluster));
	if (r.minimal)
		row(
			'server',
			'minimal',
			`minimal SvelteKit page (40 items, no DB), req/s at ${r.minimal.connections}`,
			`${r.minimal.rps} (p99 ${r.minimal.p99} ms; ${r.minimal.cpuMs?.app.toFixed(2) ?? '?'} CPU ms per request)`,
			'(no database)'
		);

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
		const key = CITIZEN_PAGES.find((p) => p.path === l.path)?.key ?? l.path;
		if (l.error) {
			row('lighthouse', key, 'failed', l.error.slice(0, 60), '', '', false);
			continue;
		}
		row(
			'lighthouse',
			key,
			'performance / accessibility / best practices',
			`${l.performance} / ${l.accessibility} / ${l.bestPractices}`,
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
		}
		if (l.failing.length) row('lighthouse', key, '  audits losing points', l.failing.join(', '), '');
	}
	return rows;
}

export function renderTable(r: BenchResults): string {
	const rows = tableRows(r);
	const header = ['area', 'page', 'measure', 'PGlite', 'PostgreSQL', 'target', 'ok'];
	const cells = rows.map((x) => [
		x.area,
		x.page,
		x.measure,
		x.pglite,
		x.postgres,
		x.target,
		x.ok === null ? '' : x.ok ? 'ok' : 'MISS'
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
	let area = '';
	for (const c of cells) {
		if (c[0] !== area && area) out.push('');
		area = c[0];
		out.push(line(c));
	}
	return out.join('\n');
}

export function summary(r: BenchResults): { met: number; missed: string[] } {
	const rows = tableRows(r).filter((x) => x.ok !== null);
	return {
		met: rows.filter((x) => x.ok).length,
		missed: rows.filter((x) => !x.ok).map((x) => `${x.area} ${x.page}: ${x.measure}`)
	};
}
