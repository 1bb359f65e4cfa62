import * as v from 'valibot';
import type { Queue } from 'pg-boss';
import { REMINDER_CHOICES } from '../../meetings/schemas';

/**
 * Every queue the app uses, with its retry policy and the exact shape of its payload. A payload
 * that does not match (a forged or broken job) is never worked: it goes straight to the
 * dead-letter queue, with nothing done.
 *
 * Sweeps run on a schedule (cron, Europe/Copenhagen) and send one job per notification due;
 * their queues keep at most one job waiting (policy `short`), so a pause does not pile them up.
 */

/** Where a job lands after its last try; the admin page lists it and can send it back. */
export const DEAD_LETTER_QUEUE = 'failed-jobs';

const uuid = v.pipe(v.string(), v.uuid());
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const empty = v.nullish(v.strictObject({}));

const meetingNoticeSchema = v.variant('kind', [
	v.strictObject({
		kind: v.literal('reminder'),
		meetingId: uuid,
		minutesBefore: v.picklist([REMINDER_CHOICES.dayBefore, REMINDER_CHOICES.hourBefore]),
		startsAt: timestamp
	}),
	v.strictObject({
		kind: v.literal('changed'),
		meetingId: uuid,
		version: v.pipe(v.number(), v.integer(), v.minValue(1))
	}),
	v.strictObject({ kind: v.literal('cancelled'), meetingId: uuid }),
	// The answer to the citizen's "I need another time" (one notice per request).
	v.strictObject({ kind: v.literal('offered'), meetingId: uuid, requestId: uuid }),
	v.strictObject({ kind: v.literal('declined'), meetingId: uuid, requestId: uuid })
]);
export type MeetingNoticeJob = v.InferOutput<typeof meetingNoticeSchema>;

/** One "Min dag" reminder: the step, the Copenhagen day, and the instant it is for (a snooze has its own). */
const routineNoticeSchema = v.strictObject({
	stepId: uuid,
	day: v.pipe(v.string(), v.isoDate()),
	at: timestamp
});
export type RoutineNoticeJob = v.InferOutput<typeof routineNoticeSchema>;

export const EXPIRY_NOTICE_DAYS = [30, 7] as const;
const expiryNoticeSchema = v.strictObject({
	subject: v.picklist(['delegation', 'consent']),
	id: uuid,
	daysBefore: v.picklist(EXPIRY_NOTICE_DAYS),
	expiresAt: timestamp
});
export type ExpiryNoticeJob = v.InferOutput<typeof expiryNoticeSchema>;

const SWEEP: Omit<Queue, 'name'> = {
	policy: 'short',
	retryLimit: 2,
	retryDelay: 10,
	retryBackoff: true,
	expireInSeconds: 300,
	deadLetter: DEAD_LETTER_QUEUE
};

const NOTICE: Omit<Queue, 'name'> = {
	policy: 'standard',
	// 6 tries over about half an hour: 30 s, 1, 2, 4, 8 min … (with jitter), then the dead letters.
	retryLimit: 5,
	retryDelay: 30,
	retryBackoff: true,
	retryDelayMax: 15 * 60,
	// A push takes at most 10 s per browser; a worker silent for 2 minutes has died.
	expireInSeconds: 120,
	deadLetter: DEAD_LETTER_QUEUE,
	// Wakes a worker at once (LISTEN/NOTIFY) instead of at its next poll.
	notify: true
};

export const QUEUES = {
	meetingReminders: { name: 'meeting-reminders', options: SWEEP, schema: empty, cron: '* * * * *' },
	meetingNotices: { name: 'meeting-notices', options: NOTICE, schema: meetingNoticeSchema },
	routineReminders: { name: 'routine-reminders', options: SWEEP, schema: empty, cron: '* * * * *' },
	routineNotices: { name: 'routine-notices', options: NOTICE, schema: routineNoticeSchema },
	expiryReminders: { name: 'expiry-reminders', options: SWEEP, schema: empty, cron: '7 * * * *' },
	expiryNotices: { name: 'expiry-notices', options: NOTICE, schema: expiryNoticeSchema },
	cleanup: { name: 'cleanup', options: SWEEP, schema: empty, cron: '23 * * * *' },
	accessLogRetention: {
		name: 'access-log-retention',
		options: { ...SWEEP, expireInSeconds: 3600 },
		schema: empty,
		cron: '40 3 * * *'
	},
	/** Photos and recordings whose delete_after has passed (topic photos: days after the meeting). */
	mediaRetention: { name: 'media-retention', options: SWEEP, schema: empty, cron: '51 * * * *' }
} as const satisfies Record<
	string,
	{ name: string; options: Omit<Queue, 'name'>; schema: v.GenericSchema; cron?: string }
>;

type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey]['name'];
export const QUEUE_NAMES = Object.values(QUEUES).map((q) => q.name) as QueueName[];

export const DEAD_LETTER_OPTIONS: Omit<Queue, 'name'> = {
	// Kept a month for the admin page; nobody works this queue, people look at it.
	retentionSeconds: 30 * 24 * 3600,
	deleteAfterSeconds: 30 * 24 * 3600
};

export function queueByName(name: string) {
	return Object.values(QUEUES).find((q) => q.name === name);
}
