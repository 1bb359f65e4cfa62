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
	error?: string;
}

const score = (value: number | null | undefined) =>
	value === null || value === undefined ? null : Math.round(value * 100);

/** Runs Lighthouse for each path in one Chromium; a page that fails is reported, not thrown. */
export async function lighthouseScores(origin: string, paths: string[], token: string): Promise<LighthouseScores[]> {
	const chrome = await chromeLauncher.launch({
		chromePath: config.chromium,
		chromeFlags: CHROMIUM_FLAGS,
		logLevel: 'silent'
	});
	const results: LighthouseScores[] = [];
	try {
		for (const path of paths) {
			const noise = noiseMeter();
			try {
				const runnerResult = await lighthouse(origin + path, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility', 'best-practices'],
					extraHeaders: { Cookie: cookieOf(token) },
					formFactor: 'mobile'
				});
				if (!runnerResult) throw new Error('no result');
				const { categories, audits, runtimeError } = runnerResult.lhr;
				if (runtimeError) throw new Error(`${runtimeError.code}: ${runtimeError.message}`);
				const failing = ['accessibility', 'best-practices'].flatMap((id) =>
					(categories[id]?.auditRefs ?? [])
						.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
						.map((ref) => `${id === 'accessibility' ? 'a11y' : 'bp'}:${ref.id}`)
				);
				const metric = (id: string) => audits[id]?.numericValue ?? null;
				results.push({
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
					otherCores: noise()?.otherCores ?? null
				});
			} catch (error) {
				results.push({
					path,
					performance: null,
					accessibility: null,
					bestPractices: null,
					failing: [],
					error: String(error instanceof Error ? error.message : error)
				});
			}
		}
	} finally {
		chrome.kill();
	}
	return results;
}
