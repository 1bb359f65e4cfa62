import type { Server } from 'node:http';
import { closeDatabase, initDatabase } from './db';
import { markShuttingDown } from './health';
import { startJobs, stopJobs } from './jobs';
import { logger } from './log';
import { metricsPort, startMetricsServer } from './metrics';

/**
 * Start and graceful stop of one app server.
 *
 * Start (the server's init hook, before the first request): open the database and apply the
 * migrations, start the job runner, and the metrics port if METRICS_PORT is set.
 *
 * Stop: on SIGTERM adapter-node stops accepting connections and lets the requests in flight
 * finish (up to SHUTDOWN_TIMEOUT seconds, default 30), then emits `sveltekit:shutdown`. Then we
 * stop pg-boss gracefully (the jobs running may finish, up to JOBS_STOP_SECONDS, default 10),
 * close the metrics port and the database pool. If anything still holds the process after
 * that, it exits a few seconds later regardless: the whole stop is bounded.
 */

let metricsServer: Server | null = null;
let stopping: Promise<void> | null = null;

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
	const database = await initDatabase(env);
	logger.info({ database: database.kind }, 'database ready');
	await startJobs(database, env);
	const port = metricsPort(env);
	if (port) {
		metricsServer = await startMetricsServer(port);
		logger.info({ port }, 'metrics on 127.0.0.1');
	}
	process.once('sveltekit:shutdown', () => void shutdown(env));
	return database;
}

function jobsStopMs(env: NodeJS.ProcessEnv) {
	const seconds = Number(env.JOBS_STOP_SECONDS ?? 10);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

/** Stops what startServer started, in order; safe to call more than once. */
export function shutdown(env: NodeJS.ProcessEnv = process.env): Promise<void> {
	stopping ??= (async () => {
		markShuttingDown();
		logger.info('shutting down: requests drained, stopping jobs');
		try {
			await stopJobs(jobsStopMs(env));
		} catch (cause) {
			logger.warn({ err: cause instanceof Error ? cause.name : 'unknown' }, 'job runner did not stop cleanly');
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
		setTimeout(() => process.exit(0), 3000).unref();
	})();
	return stopping;
}
