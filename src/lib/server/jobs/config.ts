/**
 * The job runner's settings, from the environment. A setting that is wrong stops the server at
 * start with a plain message, rather than running with something nobody asked for.
 *
 * - JOBS                       `1` (default): this server runs workers and the schedules; `0`: it only
 *                              sends jobs (another server works them).
 * - JOBS_POOL_SIZE             connections pg-boss opens to PostgreSQL (its own pool), default 3.
 * - JOBS_POLL_SECONDS          how often an idle worker looks for work, default 2 (≥ 0.5).
 * - JOBS_REMINDER_SWEEP_SECONDS  tests and demos: each working server also sends the meeting-reminder
 *                              sweep every so many seconds (1–59), besides the schedule's once a
 *                              minute; unset in production.
 * - ACCESS_LOG_RETENTION_DAYS  how long the access log is kept, default 730; less than 730 is refused
 *                              (the database refuses to delete rows younger than two years anyway).
 */

const MIN_ACCESS_LOG_RETENTION_DAYS = 730;

export interface JobsConfig {
	/** Whether this server works jobs and runs the schedules. */
	workers: boolean;
	poolSize: number;
	pollSeconds: number;
	/** Seconds between extra reminder sweeps from this server; null: only the minute schedule. */
	reminderSweepSeconds: number | null;
	accessLogRetentionDays: number;
}

export class JobsConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'JobsConfigError';
	}
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		throw new JobsConfigError(`${name} must be a whole number from ${min} to ${max} (it is "${raw}")`);
	return value;
}

export function jobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
	const jobs = (env.JOBS ?? '1').trim();
	if (jobs !== '0' && jobs !== '1') throw new JobsConfigError(`JOBS must be 1 or 0 (it is "${env.JOBS}")`);
	const poll = env.JOBS_POLL_SECONDS?.trim() ? Number(env.JOBS_POLL_SECONDS) : 2;
	if (!Number.isFinite(poll) || poll < 0.5 || poll > 600)
		throw new JobsConfigError(`JOBS_POLL_SECONDS must be from 0.5 to 600 (it is "${env.JOBS_POLL_SECONDS}")`);
	const retention = env.ACCESS_LOG_RETENTION_DAYS;
	if (retention?.trim() && Number(retention) < MIN_ACCESS_LOG_RETENTION_DAYS)
		throw new JobsConfigError(
			`ACCESS_LOG_RETENTION_DAYS must be at least ${MIN_ACCESS_LOG_RETENTION_DAYS}: the access log is kept for two years (it is "${retention}")`
		);
	return {
		workers: jobs === '1',
		poolSize: integer(env, 'JOBS_POOL_SIZE', 3, 1, 50),
		pollSeconds: poll,
		reminderSweepSeconds: env.JOBS_REMINDER_SWEEP_SECONDS?.trim()
			? integer(env, 'JOBS_REMINDER_SWEEP_SECONDS', 60, 1, 59)
			: null,
		accessLogRetentionDays: integer(
			env,
			'ACCESS_LOG_RETENTION_DAYS',
			MIN_ACCESS_LOG_RETENTION_DAYS,
			MIN_ACCESS_LOG_RETENTION_DAYS,
			36_500
		)
	};
}
