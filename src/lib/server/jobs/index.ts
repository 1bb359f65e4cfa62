import type { OpenDatabase } from '../db';
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
 * Puts a "meeting changed / cancelled" notice on the queue. False when it could not be queued
 * (no runner, or the database refused): the change itself is saved either way.
 */
export async function queueMeetingNotice(job: MeetingNoticeJob): Promise<boolean> {
	const jobs = getJobs();
	if (!jobs) return false;
	try {
		await sendMeetingNoticeJob(jobs, job);
		return true;
	} catch {
		return false;
	}
}

export { JobRunner } from './runner';
export { jobsConfig, JobsConfigError } from './config';
