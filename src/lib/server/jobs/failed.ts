import * as v from 'valibot';
import { eq, inArray } from 'drizzle-orm';
import type { JobWithMetadata } from 'pg-boss';
import type { Db } from '../db';
import { consents, meetings, people, relativeDelegations } from '../db/schema';
import type { OperationsGrant } from '../policy';
import { FAILURE_REASONS, type FailureReason } from './context';
import { DEAD_LETTER_QUEUE, QUEUES, QUEUE_NAMES, queueByName, type MeetingNoticeJob } from './queues';
import type { JobRunner } from './runner';

/**
 * Failed jobs, for the administrator's page: those that gave up (in the dead letters) and those
 * still being tried again. Each in plain terms: what it was, for whom (a first name at most),
 * when, how many tries, and why it failed (a reason code the page words plainly).
 */

export const FAILED_JOB_KINDS = [
	'meetingReminder',
	'meetingChanged',
	'meetingCancelled',
	'meetingOffered',
	'meetingDeclined',
	'delegationExpiry',
	'consentExpiry',
	'routineReminder',
	'meetingSweep',
	'routineSweep',
	'expirySweep',
	'cleanup',
	'accessLogRetention',
	'mediaRetention',
	'unknown'
] as const;
export type FailedJobKind = (typeof FAILED_JOB_KINDS)[number];

export interface FailedJob {
	id: string;
	state: 'dead' | 'retrying';
	kind: FailedJobKind;
	/** For a reminder: how long before the meeting (1440 or 60 minutes). */
	minutesBefore: number | null;
	/** The first name of the person it was for, when the job is about a person. */
	forName: string | null;
	createdAt: Date;
	tries: number;
	reason: FailureReason;
	/** For a job still being tried: when the next try is. */
	nextTryAt: Date | null;
}

const LIMIT = 200;

/** Each kind of meeting notice in its own words on the admin page (a new kind must be added here). */
const NOTICE_KINDS = {
	reminder: 'meetingReminder',
	changed: 'meetingChanged',
	cancelled: 'meetingCancelled',
	offered: 'meetingOffered',
	declined: 'meetingDeclined'
} as const satisfies Record<MeetingNoticeJob['kind'], FailedJobKind>;

/** What a job was, from its queue and payload (a payload that does not match is "unknown"). */
export function failedJobKind(queue: string, data: unknown): { kind: FailedJobKind; minutesBefore: number | null } {
	const definition = queueByName(queue);
	if (!definition) return { kind: 'unknown', minutesBefore: null };
	const parsed = v.safeParse(definition.schema, data);
	const output = parsed.success ? (parsed.output as Record<string, unknown> | null) : null;
	switch (queue) {
		case QUEUES.meetingNotices.name: {
			if (!output) return { kind: 'unknown', minutesBefore: null };
			const notice = output as MeetingNoticeJob;
			return {
				kind: NOTICE_KINDS[notice.kind],
				minutesBefore: notice.kind === 'reminder' ? notice.minutesBefore : null
			};
		}
		case QUEUES.expiryNotices.name:
			if (!output) return { kind: 'unknown', minutesBefore: null };
			return { kind: output.subject === 'delegation' ? 'delegationExpiry' : 'consentExpiry', minutesBefore: null };
		case QUEUES.meetingReminders.name:
			return { kind: 'meetingSweep', minutesBefore: null };
		case QUEUES.expiryReminders.name:
			return { kind: 'expirySweep', minutesBefore: null };
		case QUEUES.routineNotices.name:
			return { kind: output ? 'routineReminder' : 'unknown', minutesBefore: null };
		case QUEUES.routineReminders.name:
			return { kind: 'routineSweep', minutesBefore: null };
		case QUEUES.cleanup.name:
			return { kind: 'cleanup', minutesBefore: null };
		case QUEUES.mediaRetention.name:
			return { kind: 'mediaRetention', minutesBefore: null };
		default:
			return { kind: 'accessLogRetention', minutesBefore: null };
	}
}

function reasonOf(output: unknown): FailureReason {
	const reason = (output as { reason?: unknown } | null)?.reason;
	return (FAILURE_REASONS as readonly unknown[]).includes(reason) ? (reason as FailureReason) : 'unexpected';
}

/** The citizen a valid payload is about, as an id to look up (nothing from a forged payload). */
function subjectOf(queue: string, data: unknown): { meetingId?: string; delegationId?: string; consentId?: string } {
	const definition = queueByName(queue);
	if (!definition) return {};
	const parsed = v.safeParse(definition.schema, data);
	if (!parsed.success || !parsed.output) return {};
	const output = parsed.output as Record<string, string>;
	if (queue === QUEUES.meetingNotices.name) return { meetingId: output.meetingId };
	if (queue === QUEUES.expiryNotices.name)
		return output.subject === 'delegation' ? { delegationId: output.id } : { consentId: output.id };
	return {};
}

/** First names of the citizens the jobs are about, by meeting, delegation and consent id. */
async function firstNames(db: Db, subjects: ReturnType<typeof subjectOf>[]) {
	const ids = (k: keyof ReturnType<typeof subjectOf>) => [
		...new Set(subjects.map((s) => s[k]).filter((x): x is string => Boolean(x)))
	];
	const [m, d, c] = [ids('meetingId'), ids('delegationId'), ids('consentId')];
	const [byMeeting, byDelegation, byConsent] = await Promise.all([
		m.length
			? db
					.select({ id: meetings.id, name: people.givenName })
					.from(meetings)
					.innerJoin(people, eq(people.id, meetings.citizenId))
					.where(inArray(meetings.id, m))
			: [],
		d.length
			? db
					.select({ id: relativeDelegations.id, name: people.givenName })
					.from(relativeDelegations)
					.innerJoin(people, eq(people.id, relativeDelegations.citizenId))
					.where(inArray(relativeDelegations.id, d))
			: [],
		c.length
			? db
					.select({ id: consents.id, name: people.givenName })
					.from(consents)
					.innerJoin(people, eq(people.id, consents.citizenId))
					.where(inArray(consents.id, c))
			: []
	]);
	const names = new Map<string, string>();
	for (const row of [...byMeeting, ...byDelegation, ...byConsent]) names.set(row.id, row.name);
	return (s: ReturnType<typeof subjectOf>) => names.get(s.meetingId ?? s.delegationId ?? s.consentId ?? '') ?? null;
}

/** The failed jobs, newest first: given up (dead letters) and still being retried. */
export async function failedJobs(
	db: Db,
	grant: OperationsGrant<'jobs', 'read'>,
	runner: JobRunner
): Promise<FailedJob[]> {
	const boss = runner.boss;
	const dead = await boss.findJobs<unknown>(DEAD_LETTER_QUEUE, { queued: true, limit: LIMIT });
	const retrying: Array<JobWithMetadata<unknown>> = [];
	for (const queue of QUEUE_NAMES) {
		const queued = await boss.findJobs<unknown>(queue, { queued: true, limit: LIMIT });
		retrying.push(...queued.filter((job) => job.state === 'retry'));
	}
	const rows = [
		...dead.map((job) => ({ job, queue: job.sourceName ?? 'unknown', dead: true })),
		...retrying.map((job) => ({ job, queue: job.name, dead: false }))
	];
	const nameOf = await firstNames(
		db,
		rows.map((r) => subjectOf(r.queue, r.job.data))
	);
	return rows
		.map(({ job, queue, dead: isDead }): FailedJob => {
			const { kind, minutesBefore } = failedJobKind(queue, job.data);
			return {
				id: job.id,
				state: isDead ? 'dead' : 'retrying',
				kind,
				minutesBefore,
				forName: nameOf(subjectOf(queue, job.data)),
				createdAt: isDead ? (job.sourceCreatedOn ?? job.createdOn) : job.createdOn,
				tries: (isDead ? (job.sourceRetryCount ?? 0) : job.retryCount) + 1,
				reason: reasonOf(isDead ? job.sourceOutput : job.output),
				nextTryAt: isDead ? null : job.startAfter
			};
		})
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
		.slice(0, LIMIT);
}

/** Sends a job from the dead letters back to its queue, for a new round of tries. */
export async function retryFailedJob(
	grant: OperationsGrant<'jobs', 'write'>,
	runner: JobRunner,
	jobId: string
): Promise<boolean> {
	const moved = await runner.boss.redrive(DEAD_LETTER_QUEUE, { ids: [jobId], limit: 1 });
	return moved > 0;
}
