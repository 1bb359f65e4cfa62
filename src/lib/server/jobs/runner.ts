import * as v from 'valibot';
import { PgBoss, fromPglite, type Db as BossDb, type Job, type JobResult, type Queue } from 'pg-boss';
import type { OpenDatabase } from '../db';
import { logger } from '../log';
import type { Metrics, QueueDepth } from '../metrics';
import type { JobsConfig } from './config';
import { JobError, jobIdFor, type FailureReason, type JobContext } from './context';
import { accessLogRetention, cleanup, mediaRetention } from './cleanup';
import { expiryNoticeJob, expiryReminderSweep } from './expiry-notices';
import { meetingNoticeJob, meetingReminderSweep } from './meeting-notices';
import { routineNoticeJob, routineReminderSweep } from './routine-notices';
import {
	DEAD_LETTER_OPTIONS,
	DEAD_LETTER_QUEUE,
	QUEUES,
	QUEUE_NAMES,
	type ExpiryNoticeJob,
	type MeetingNoticeJob,
	type RoutineNoticeJob,
	type QueueName
} from './queues';

/**
 * One pg-boss runner per app server. On PostgreSQL pg-boss keeps its own small pool (from the
 * same DATABASE_URL); on the embedded PGlite it shares the app's one connection (fromPglite).
 * Every server can send jobs; servers with JOBS=1 also work them and keep the schedules, and
 * pg-boss hands each job to exactly one of them.
 */

type Handler = (ctx: JobContext, data: never) => Promise<unknown>;

const HANDLERS: Record<QueueName, Handler> = {
	[QUEUES.meetingReminders.name]: (ctx) => meetingReminderSweep(ctx),
	[QUEUES.meetingNotices.name]: (ctx, data: MeetingNoticeJob) => meetingNoticeJob(ctx, data),
	[QUEUES.routineReminders.name]: (ctx) => routineReminderSweep(ctx),
	[QUEUES.routineNotices.name]: (ctx, data: RoutineNoticeJob) => routineNoticeJob(ctx, data),
	[QUEUES.expiryReminders.name]: (ctx) => expiryReminderSweep(ctx),
	[QUEUES.expiryNotices.name]: (ctx, data: ExpiryNoticeJob) => expiryNoticeJob(ctx, data),
	[QUEUES.cleanup.name]: (ctx) => cleanup(ctx),
	[QUEUES.accessLogRetention.name]: (ctx) => accessLogRetention(ctx),
	[QUEUES.mediaRetention.name]: (ctx) => mediaRetention(ctx)
};

/** pg-boss keeps its tables in a schema of its own. */
const JOBS_SCHEMA = 'pgboss';
const TIME_ZONE = 'Europe/Copenhagen';

export interface JobRunnerOptions {
	database: OpenDatabase;
	config: JobsConfig;
	metrics?: Metrics;
	/** The clock handlers see (tests move it). */
	now?: () => Date;
	/** Tests: shorter retries, so a failing job reaches the dead letters quickly. */
	retry?: Pick<Queue, 'retryLimit' | 'retryDelay' | 'retryBackoff'>;
	/** Tests: no cron schedules (the test runs the sweeps itself). Default true. */
	schedules?: boolean;
}

/** What a failed try leaves on the job: a reason code the admin page words plainly, never a message. */
interface FailureOutput {
	reason: FailureReason;
	error?: string;
}

function failureOf(cause: unknown): FailureOutput {
	if (cause instanceof JobError) return { reason: cause.reason };
	const name = cause instanceof Error ? cause.name : 'unknown';
	// PostgreSQL errors carry a SQLSTATE code; the message may quote data, so it is not kept.
	const code = (cause as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { reason: 'database', error: code };
	return { reason: 'unexpected', error: name.slice(0, 60) };
}

export class JobRunner {
	readonly #options: JobRunnerOptions;
	#boss: PgBoss | null = null;
	#started = false;
	#stopping = false;
	#sweepTimer: ReturnType<typeof setInterval> | null = null;

	constructor(options: JobRunnerOptions) {
		this.#options = options;
	}

	get started() {
		return this.#started && !this.#stopping;
	}

	get workers() {
		return this.#options.config.workers;
	}

	get boss(): PgBoss {
		if (!this.#boss) throw new Error('Job runner not started');
		return this.#boss;
	}

	/** What handlers get; also for running a handler directly (tests). */
	context(): JobContext {
		return {
			db: this.#options.database.db,
			now: this.#options.now ?? (() => new Date()),
			send: (queue, data, key) => this.send(queue, data, key),
			config: this.#options.config
		};
	}

	#createBoss(): PgBoss {
		const { database, config } = this.#options;
		const common = {
			schema: JOBS_SCHEMA,
			// Only working servers keep the schedules and do pg-boss's own maintenance.
			schedule: config.workers && this.#options.schedules !== false,
			supervise: config.workers,
			useListenNotify: true,
			instanceName: 'mit-forloeb',
			openTelemetry: { enabled: false }
		};
		if (database.kind === 'pglite') {
			if (!database.pglite) throw new Error('PGlite client missing');
			return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
		}
		if (!database.url) throw new Error('DATABASE_URL missing');
		return new PgBoss({
			...common,
			connectionString: database.url,
			max: config.poolSize,
			application_name: 'mit-forloeb-jobs'
		});
	}

	async start(): Promise<this> {
		if (this.#boss) return this;
		const boss = this.#createBoss();
		boss.on('error', (error) =>
			logger.warn({ err: error.name, code: (error as { code?: string }).code }, 'pg-boss error')
		);
		boss.on('warning', (warning) => logger.warn({ warning: warning.message }, 'pg-boss warning'));
		this.#boss = boss;
		await boss.start();
		await boss.createQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_OPTIONS);
		await boss.updateQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_OPTIONS);
		for (const queue of Object.values(QUEUES)) {
			const options = { ...queue.options, ...this.#options.retry };
			// createQueue leaves an existing queue as it is; updateQueue brings its options up to date.
			await boss.createQueue(queue.name, options);
			const { policy: _policy, ...changeable } = options;
			await boss.updateQueue(queue.name, changeable);
		}
		if (this.workers) {
			for (const queue of Object.values(QUEUES)) {
				await boss.work(
					queue.name,
					{
						pollingIntervalSeconds: this.#options.config.pollSeconds,
						// A retry that comes due sends no NOTIFY: keep polling as often as without it.
						notifyPollingIntervalSeconds: this.#options.config.pollSeconds,
						batchSize: 5,
						burstWhenBatchFull: true,
						perJobResults: true
					},
					(jobs: Job<unknown>[]) => Promise.all(jobs.map((job) => this.#run(queue.name, job)))
				);
				if ('cron' in queue && this.#options.schedules !== false)
					await boss.schedule(queue.name, queue.cron, {}, { tz: TIME_ZONE });
			}
		}
		const sweepSeconds = this.#options.config.reminderSweepSeconds;
		if (this.workers && sweepSeconds) {
			// JOBS_REMINDER_SWEEP_SECONDS (tests, demos): more sweeps than the minute's schedule gives.
			// A sweep already waiting makes this send a no-op (the queue keeps one), and what a sweep
			// sends is keyed, so more sweeps never mean more reminders.
			this.#sweepTimer = setInterval(() => {
				for (const sweep of [QUEUES.meetingReminders.name, QUEUES.routineReminders.name])
					boss
						.send(sweep, {})
						.catch((error: Error) => logger.debug({ err: error.name }, 'extra reminder sweep not sent'));
			}, sweepSeconds * 1000);
			this.#sweepTimer.unref();
		}
		this.#options.metrics?.setQueueDepthSource(() => this.queueDepths());
		this.#started = true;
		logger.info({ workers: this.workers }, 'job runner started');
		return this;
	}

	/** Validates the payload, runs the handler, and says how the try ended. */
	async #run(name: QueueName, job: Job<unknown>): Promise<JobResult> {
		const queue = Object.values(QUEUES).find((q) => q.name === name)!;
		const parsed = v.safeParse(queue.schema, job.data);
		if (!parsed.success) {
			// A forged or broken payload: nothing is done, and trying again cannot help.
			this.#options.metrics?.jobFailed(name, 'invalid_payload');
			logger.warn({ queue: name, jobId: job.id }, 'job refused: invalid payload');
			return { id: job.id, status: 'deadletter', output: { reason: 'invalid_payload' } satisfies FailureOutput };
		}
		try {
			const output = await HANDLERS[name](this.context(), parsed.output as never);
			this.#options.metrics?.jobCompleted(name);
			return { id: job.id, status: 'completed', output: (output ?? {}) as object };
		} catch (cause) {
			const failure = failureOf(cause);
			this.#options.metrics?.jobFailed(name, failure.reason);
			logger.warn({ queue: name, jobId: job.id, try: job.retryCount + 1, ...failure }, 'job failed');
			const give_up = cause instanceof JobError && !cause.retry;
			return { id: job.id, status: give_up ? 'deadletter' : 'failed', output: failure };
		}
	}

	/**
	 * Sends a job; with a key, at most one job per key and queue (null when it was there). With
	 * `db` (pg-boss's `fromDrizzle(tx, sql)`), inside the caller's transaction.
	 */
	async send(queue: QueueName, data: object, key?: string, options: { db?: BossDb } = {}): Promise<string | null> {
		return this.boss.send(queue, data, { ...(key ? { id: jobIdFor(queue, key) } : {}), ...options });
	}

	/** Jobs waiting, running and failed in each queue (and the dead letters), for the metrics. */
	async queueDepths(): Promise<QueueDepth[]> {
		const out: QueueDepth[] = [];
		for (const queue of [...QUEUE_NAMES, DEAD_LETTER_QUEUE]) {
			const [stats] = await this.boss.getQueueStats(queue, { force: true });
			if (!stats) continue;
			out.push(
				{ queue, state: 'queued', count: stats.readyCount },
				{ queue, state: 'deferred', count: stats.deferredCount },
				{ queue, state: 'active', count: stats.activeCount },
				{ queue, state: 'failed', count: stats.failedCount }
			);
		}
		return out;
	}

	/**
	 * Stops taking jobs, lets the ones running finish (up to `timeoutMs`), and closes pg-boss's own
	 * pool. The app's database is closed by the caller after this.
	 */
	async stop(timeoutMs = 10_000): Promise<void> {
		const boss = this.#boss;
		if (!boss || this.#stopping) return;
		this.#stopping = true;
		if (this.#sweepTimer) clearInterval(this.#sweepTimer);
		this.#sweepTimer = null;
		this.#options.metrics?.setQueueDepthSource(null);
		const stopped = new Promise<void>((resolve) => boss.once('stopped', () => resolve()));
		await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
		await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, timeoutMs + 1000).unref())]);
		this.#boss = null;
		this.#started = false;
		logger.info('job runner stopped');
	}
}
