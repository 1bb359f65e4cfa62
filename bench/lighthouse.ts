// Lighthouse (the npm package) in Debian's Chromium, mobile profile (Lighthouse's default:
// a mid-range phone, simulated slow 4G and 4× CPU slowdown), logged in by sending the session
// cookie with every request. Nothing is downloaded: Chromium runs with background networking off.

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, config } from './config';
import { cookieOf } from './http';
import { noiseMeter } from './noise';

export interface LighthouseScores {
	path: string;
	performance: number | null;
	accessibility: number | null;
	bestPractices: number | null;
	/** Audits that cost points in accessibility or best practices (ids), to see what to fix. */
	failing: string[];
	/** The performance metrics (ms; CLS unitless) behind the performance score. */
	metrics?: Record<string, number | null>;
	/** Cores' worth of other processes' work meanwhile (the score is sensitive to a busy CPU). */
	otherCores?: number | null;
	/** Every run's performance score, in order (the reported one is their median). */
	performanceRuns?: number[];
	/**
	 * Lighthouse's own measure of the machine's speed per run (lhr.environment.benchmarkIndex): a
	 * busy machine scores lower, and Lighthouse's simulated 4× slowdown multiplies what it observed.
	 */
	benchmarkIndex?: number[];
	/** The server's response time for the page's HTML per run (ms; the server-response-time audit). */
	serverMs?: number[];
	/** Runs that failed (their errors), beside the median of the others. */
	failedRuns?: string[];
	error?: string;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
};

const score = (value: number | null | undefined) =>
	value === null || value === undefined ? null : Math.round(value * 100);

/**
 * Runs Lighthouse `runs` times for each path in one Chromium and reports the run with the median
 * performance score, with every run's score beside it; a page that fails is reported, not thrown.
 */
export async function lighthouseScores(
	origin: string,
	paths: string[],
	token: string,
	runs = 1,
	/** Called before each run (the benchmark waits there for an idle server and a quiet machine). */
	beforeRun?: () => Promise<void>
): Promise<LighthouseScores[]> {
	const chrome = await chromeLauncher.launch({
		chromePath: config.chromium,
		chromeFlags: CHROMIUM_FLAGS,
		logLevel: 'silent'
	});
	const results: LighthouseScores[] = [];
	try {
		for (const path of paths) {
			const attempts: LighthouseScores[] = [];
			for (let i = 0; i < runs; i++) {
				await beforeRun?.();
				attempts.push(await once(chrome.port, origin, path, token));
			}
			const good = attempts.filter((a) => !a.error && a.performance !== null);
			if (good.length === 0) {
				results.push(attempts[attempts.length - 1]);
				continue;
			}
			const mid = median(good.map((a) => a.performance!));
			const chosen = good.find((a) => a.performance === mid)!;
			results.push({
				...chosen,
				performanceRuns: good.map((a) => a.performance!),
				benchmarkIndex: good.flatMap((a) => a.benchmarkIndex ?? []),
				serverMs: good.flatMap((a) => a.serverMs ?? []),
				failedRuns: attempts.filter((a) => a.error).map((a) => a.error!)
			});
		}
	} finally {
		chrome.kill();
	}
	return results;
}

async function once(port: number, origin: string, path: string, token: string): Promise<LighthouseScores> {
	const noise = noiseMeter();
	try {
		const runnerResult = await lighthouse(origin + path, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices'],
			extraHeaders: { Cookie: cookieOf(token) },
			formFactor: 'mobile'
		});
		if (!runnerResult) throw new Error('no result');
		const { categories, audits, runtimeError, environment } = runnerResult.lhr;
		if (runtimeError) throw new Error(`${runtimeError.code}: ${runtimeError.message}`);
		const failing = ['accessibility', 'best-practices'].flatMap((id) =>
			(categories[id]?.auditRefs ?? [])
				.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
				.map((ref) => `${id === 'accessibility' ? 'a11y' : 'bp'}:${ref.id}`)
		);
		const metric = (id: string) => audits[id]?.numericValue ?? null;
		return {
			path,
			performance: score(categories.performance?.score),
			accessibility: score(categories.accessibility?.score),
			bestPractices: score(categories['best-practices']?.score),
			failing,
			metrics: {
				fcp: metric('first-contentful-paint'),
				lcp: metric('largest-contentful-paint'),
				tbt: metric('total-blocking-time'),
				cls: metric('cumulative-layout-shift'),
				si: metric('speed-index')
			},
			otherCores: noise()?.otherCores ?? null,
			benchmarkIndex: environment?.benchmarkIndex ? [Math.round(environment.benchmarkIndex)] : [],
			serverMs: metric('server-response-time') === null ? [] : [Math.round(metric('server-response-time')!)]
		};
	} catch (error) {
		return {
			path,
			performance: null,
			accessibility: null,
			bestPractices: null,
			failing: [],
			error: String(error instanceof Error ? error.message : error)
		};
	}
}
