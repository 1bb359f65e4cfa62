import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import type { Db, OpenDatabase } from '../db';
import { metrics } from '../metrics';
import { jobsConfig } from './config';
import { sendMeetingNoticeJob } from './meeting-notices';
import type { MeetingNoticeJob } from './queues';
import { JobRunner } from './runner';

/**
 * The app's one job runner, started by the server's init hook (src/hooks.server.ts) and stopped
 * on shutdown. See runner.ts for what it does and queues.ts for the queues.
 */

let runner: JobRunner | null = null;

export async function startJobs(database: OpenDatabase, env: NodeJS.ProcessEnv = process.env): Promise<JobRunner> {
	if (runner) return runner;
	const created = new JobRunner({ database, config: jobsConfig(env), metrics });
	await created.start();
	runner = created;
	return runner;
}

/** The running job runner, or null before start and after stop. */
export function getJobs(): JobRunner | null {
	return runner?.started ? runner : null;
}

export async function stopJobs(timeoutMs?: number): Promise<void> {
	const stopping = runner;
	runner = null;
	await stopping?.stop(timeoutMs);
}

/**
 * Puts a notice to the citizen about a meeting ("changed", "cancelled", or the answer to "I need
 * another time") on the queue, inside `tx`, the transaction that saves the change: the job is
 * committed with the change or not at all, so a crash or a lost connection right after the save
 * cannot lose the notice (pg-boss's `send` with `db: fromDrizzle(tx, sql)`). Errors are not
 * swallowed: a notice that cannot be queued rolls the change back.
 *
 * False only when this process runs no job runner (a script, a unit test): then nothing is queued.
 * The same notice twice (the same key) is one job.
 */
export async function queueMeetingNoticeIn(tx: Db, job: MeetingNoticeJob): Promise<boolean> {
	const jobs = getJobs();
	if (!jobs) return false;
	// Db is generic over both drivers (its execute() result is `unknown`); postgres.js gives an
	// array of rows and PGlite `{ rows }`, both of which the adapter reads.
	const db = fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql);
	await sendMeetingNoticeJob({ send: (queue, data, key) => jobs.send(queue, data, key, { db }) }, job);
	return true;
}

export { JobRunner } from './runner';
