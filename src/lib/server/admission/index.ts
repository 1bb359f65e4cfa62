import { poolSizeFromEnv } from '../db';
import { logger } from '../log';
import { wholeNumberSetting } from '../whole-number-setting';
import { metrics as appMetrics, type Metrics } from '../metrics';
import { AdmissionQueue, type ShedReason } from './queue';

export { AdmissionQueue } from './queue';

/**
 * The app's admission queue (./queue.ts): how many requests may be inside the database-using part
 * of the app at once, and how long one may wait for its turn.
 *
 * ADMISSION_CONCURRENCY overrides the default, a whole number from 1 to MAX_CONCURRENCY; unset or
 * empty gives the default for the database. Anything else stops the server at start.
 */

/**
 * PGlite: one. Its queries run synchronously on the app's own thread and never yield to the event
 * loop (measured: 200 queries in a row, not one timer tick in between), so two requests inside at
 * once cannot overlap their database work; they only interleave, and the loop stops reading the
 * network while they run. Measured on the plan page at 100 connections on this 2-core machine: with
 * 1 every waiting request stayed in the queue and was answered within 5 s (0 timeouts, p99 4.6 s);
 * with 2 or 3 the event loop stalled for seconds at a time (lag up to 4.5 s), requests waited
 * unread outside the queue and 19–46 timed out after 10 s, as many as with no limit.
 */
export const PGLITE_CONCURRENCY = 1;
/** PostgreSQL without DATABASE_POOL_SIZE: postgres.js's pool of 10 (src/lib/server/db/index.ts). */
const DEFAULT_POOL_SIZE = 10;
const MAX_CONCURRENCY = 500;

/**
 * The longest a request waits for its turn. Well under 5 s: with its own work after the wait, the
 * person still gets an answer (the page, or the 503 page) within about 5 s, before they give up.
 */
const MAX_WAIT_MS = 4000;

/** What a person is told to wait before trying again, when the server is too busy (Retry-After). */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** An admission setting that is wrong: the server does not start, and says which and why. */
export class AdmissionConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AdmissionConfigError';
	}
}

/** ADMISSION_CONCURRENCY as set (validated), or undefined when it is not set. */
export function admissionConcurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
	return wholeNumberSetting('ADMISSION_CONCURRENCY', env.ADMISSION_CONCURRENCY, {
		max: MAX_CONCURRENCY,
		meaning: 'requests using the database at once per app server',
		fail: (message) => new AdmissionConfigError(message)
	});
}

/**
 * Requests inside at once: ADMISSION_CONCURRENCY, else PGLITE_CONCURRENCY on PGlite, else the pool
 * size on PostgreSQL (a request holds one connection at a time, so more would only wait in the pool).
 */
export function admissionConcurrency(kind: 'pglite' | 'postgres', env: NodeJS.ProcessEnv = process.env): number {
	const set = admissionConcurrencyFromEnv(env);
	if (set !== undefined) return set;
	return kind === 'pglite' ? PGLITE_CONCURRENCY : (poolSizeFromEnv(env) ?? DEFAULT_POOL_SIZE);
}

let current: AdmissionQueue | undefined;

/** Made at start (src/lib/server/lifecycle.ts), once the database's kind is known. */
export function startAdmission(kind: 'pglite' | 'postgres', env: NodeJS.ProcessEnv = process.env): AdmissionQueue {
	current = new AdmissionQueue({ concurrency: admissionConcurrency(kind, env), maxWaitMs: MAX_WAIT_MS });
	appMetrics.setAdmissionSource(() => ({ active: current?.active ?? 0, queued: current?.queued ?? 0 }));
	return current;
}

/** The queue, or undefined before start (then nothing is held back). */
export function getAdmission(): AdmissionQueue | undefined {
	return current;
}

/**
 * Counts shed requests in the metrics, and says so in the log at most once a second (under
 * overload a line per request would flood the log and cost the time we are short of).
 */
export function createShedReporter(options: { now?: () => number; metrics?: Metrics; intervalMs?: number } = {}) {
	const now = options.now ?? (() => performance.now());
	const metrics = options.metrics ?? appMetrics;
	const intervalMs = options.intervalMs ?? 1000;
	let last = -Infinity;
	const since: Record<ShedReason, number> = { estimate: 0, waited: 0 };
	return (reason: ShedReason, queue: AdmissionQueue) => {
		metrics.requestShed(reason);
		since[reason]++;
		const at = now();
		if (at - last < intervalMs) return;
		logger.warn(
			{
				shed: { ...since },
				concurrency: queue.concurrency,
				active: queue.active,
				queued: queue.queued,
				serviceMs: Math.round(queue.averageServiceMs ?? 0)
			},
			'too busy: requests answered 503 instead of waiting'
		);
		last = at;
		since.estimate = 0;
		since.waited = 0;
	};
}
