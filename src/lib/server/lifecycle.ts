import type { Server } from 'node:http';
import { dev } from '$app/environment';
import { admissionConcurrencyFromEnv, startAdmission } from './admission';
import { closeDatabase, initDatabase } from './db';
import { markShuttingDown } from './health';
import { startJobs, stopJobs } from './jobs';
import { logger } from './log';
import { topicRetentionDays } from './media/limits';
import { metricsPort, startMetricsServer } from './metrics';
import { closeTogetherHub, endTogetherStreams } from './together/hub';

/**
 * Start and graceful stop of one app server.
 *
 * Start (the server's init hook, before the first request): open the database and apply the
 * migrations, size the admission queue for it (src/lib/server/admission), start the job runner,
 * and the metrics port if METRICS_PORT is set.
 *
 * Stop, in three steps:
 * 1. Drain (only under `node server.js`, the production entry): on SIGTERM server.js emits
 *    `mit-forloeb:drain` and holds the signal back for SHUTDOWN_DRAIN_SECONDS. /readyz answers
 *    503 from now on, so the load balancer stops sending requests, while this server still
 *    answers the ones that come meanwhile.
 * 2. Close: the SIGTERM reaches adapter-node, which stops accepting connections and lets the
 *    requests in flight finish (up to SHUTDOWN_TIMEOUT seconds, default 30). The "look at it
 *    together" streams would never finish by themselves: they are ended now, and the browsers
 *    reconnect to another server.
 * 3. When the last request has finished adapter-node emits `sveltekit:shutdown`. Then we stop
 *    pg-boss gracefully (the jobs running may finish, up to JOBS_STOP_SECONDS, default 10), end
 *    the together hub's LISTEN, close the metrics port and the database pool, and the process ends
 *    by itself. If anything still holds it, it exits a few seconds later regardless (and says
 *    what held it): the whole stop is bounded.
 */

/** Sent by server.js when SIGTERM starts the drain (step 1). */
const DRAIN_EVENT = 'mit-forloeb:drain';

let metricsServer: Server | null = null;
let stopping: Promise<void> | null = null;

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
	// A bad setting stops the server before it opens anything.
	admissionConcurrencyFromEnv(env);
	topicRetentionDays(env);
	const database = await initDatabase(env);
	const admission = startAdmission(database.kind, env);
	logger.info({ database: database.kind, admission: admission.concurrency }, 'database ready');
	await startJobs(database, env);
	const port = metricsPort(env);
	if (port) {
		metricsServer = await startMetricsServer(port);
		logger.info({ port }, 'metrics on 127.0.0.1');
	}
	// Not under `vite dev`, where adapter-node is not running and Ctrl-C must simply end the process.
	if (!dev) {
		process.once(DRAIN_EVENT, draining);
		// Registered here, inside build/index.js's start: server.js holds it back with adapter-node's.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, closing);
		process.once('sveltekit:shutdown', () => void shutdown(env));
	}
	return database;
}

function draining() {
	markShuttingDown();
	logger.info('shutting down: draining (not ready, still serving)');
}

function closing() {
	markShuttingDown();
	const streams = endTogetherStreams();
	logger.info({ streams }, 'shutting down: no new connections, finishing requests in flight');
}

function jobsStopMs(env: NodeJS.ProcessEnv) {
	const seconds = Number(env.JOBS_STOP_SECONDS ?? 10);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

/** Stops what startServer started, in order; safe to call more than once. */
function shutdown(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	stopping ??= (async () => {
		markShuttingDown();
		logger.info('shutting down: requests finished, stopping jobs');
		try {
			await stopJobs(jobsStopMs(env));
		} catch (cause) {
			logger.warn({ err: cause instanceof Error ? cause.name : 'unknown' }, 'job runner did not stop cleanly');
		}
		try {
			await closeTogetherHub();
		} catch (cause) {
			logger.warn({ err: cause instanceof Error ? cause.name : 'unknown' }, 'together hub did not close cleanly');
		}
		const server = metricsServer;
		metricsServer = null;
		if (server)
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		try {
			await closeDatabase();
		} catch (cause) {
			logger.warn({ err: cause instanceof Error ? cause.name : 'unknown' }, 'database did not close cleanly');
		}
		logger.info('shutdown complete');
		// Something still open (a keep-alive socket, a timer) must not keep a stopped server alive.
		setTimeout(() => {
			logger.warn({ open: process.getActiveResourcesInfo() }, 'shutdown: something was still open, exiting anyway');
			process.exit(0);
		}, 3000).unref();
	})();
	return stopping;
}
