import { and, eq } from 'drizzle-orm';
import { meetings, rescheduleRequests } from '../db/schema';
import { dueReminders, reminderChoice } from '../meetings/reminders';
import { sendMeetingNotice } from '../push/send';
import { REMINDER_CHOICES } from '../../meetings/schemas';
import type { JobContext } from './context';
import { deliverOnce } from './deliveries';
import { QUEUES, type MeetingNoticeJob } from './queues';

/**
 * Meeting notices: reminders before a meeting (the citizen's choice of the day before, an hour
 * before, both or none), "changed" / "cancelled" after a professional changes a meeting, and
 * the answer to the citizen's "I need another time" (times offered, or a no).
 * The sweep runs every minute and sends one job per reminder due; each job checks that its
 * notice is still wanted, then sends it once (see deliveries.ts).
 */

/** The delivery key: one per notice and meeting time (a moved meeting is reminded again). */
export function meetingNoticeKey(job: MeetingNoticeJob): string {
	switch (job.kind) {
		case 'reminder':
			return `meeting-reminder:${job.meetingId}:${job.minutesBefore}:${job.startsAt}`;
		case 'changed':
			return `meeting-changed:${job.meetingId}:${job.version}`;
		case 'cancelled':
			return `meeting-cancelled:${job.meetingId}`;
		case 'offered':
		case 'declined':
			return `meeting-${job.kind}:${job.requestId}`;
	}
}

/** Sends a notice job (from a sweep or a change); the same notice twice is one job. */
export function sendMeetingNoticeJob(ctx: Pick<JobContext, 'send'>, job: MeetingNoticeJob) {
	return ctx.send(QUEUES.meetingNotices.name, job, meetingNoticeKey(job));
}

/** Every minute: one job per reminder that has fallen due in the last few minutes. */
export async function meetingReminderSweep(ctx: JobContext) {
	const due = await dueReminders(ctx.db, ctx.now());
	let sent = 0;
	for (const reminder of due) {
		const minutesBefore = reminder.minutesBefore;
		if (minutesBefore !== REMINDER_CHOICES.dayBefore && minutesBefore !== REMINDER_CHOICES.hourBefore) continue;
		const id = await sendMeetingNoticeJob(ctx, {
			kind: 'reminder',
			meetingId: reminder.meetingId,
			minutesBefore,
			startsAt: reminder.startsAt.toISOString()
		});
		if (id) sent++;
	}
	return { due: due.length, sent };
}

type Skip = { skipped: string };

/** Whether the notice still makes sense now; the reason when not (nothing is sent then). */
async function stillWanted(ctx: JobContext, job: MeetingNoticeJob) {
	const [meeting] = await ctx.db
		.select({
			citizenId: meetings.citizenId,
			status: meetings.status,
			startsAt: meetings.startsAt,
			version: meetings.version
		})
		.from(meetings)
		.where(eq(meetings.id, job.meetingId))
		.limit(1);
	if (!meeting) return { skipped: 'meeting_gone' } satisfies Skip;
	const now = ctx.now().getTime();
	if (job.kind === 'reminder') {
		if (meeting.status !== 'planned' && meeting.status !== 'changed') return { skipped: 'meeting_off' };
		if (meeting.startsAt.toISOString() !== new Date(job.startsAt).toISOString()) return { skipped: 'meeting_moved' };
		if (now >= meeting.startsAt.getTime()) return { skipped: 'too_late' };
		if (now < meeting.startsAt.getTime() - job.minutesBefore * 60_000) return { skipped: 'not_due' };
		const choice = await reminderChoice(ctx.db, meeting.citizenId);
		const chosen = job.minutesBefore === REMINDER_CHOICES.dayBefore ? choice.dayBefore : choice.hourBefore;
		if (!chosen) return { skipped: 'not_chosen' };
	}
	if (job.kind === 'changed' && meeting.version !== job.version) return { skipped: 'changed_again' };
	if (job.kind === 'cancelled' && meeting.status !== 'cancelled') return { skipped: 'not_cancelled' };
	if (job.kind === 'offered' || job.kind === 'declined') {
		const [request] = await ctx.db
			.select({ status: rescheduleRequests.status })
			.from(rescheduleRequests)
			.where(and(eq(rescheduleRequests.id, job.requestId), eq(rescheduleRequests.meetingId, job.meetingId)))
			.limit(1);
		// Times already chosen, or the request taken back: the citizen has moved on.
		if (request?.status !== job.kind) return { skipped: 'answered_already' };
	}
	return { citizenId: meeting.citizenId };
}

/** Sends one meeting notice, once. */
export async function meetingNoticeJob(ctx: JobContext, job: MeetingNoticeJob) {
	const wanted = await stillWanted(ctx, job);
	if ('skipped' in wanted) return wanted;
	return deliverOnce(
		ctx.db,
		{ key: meetingNoticeKey(job), personId: wanted.citizenId, kind: `meeting_${job.kind}` },
		() =>
			sendMeetingNotice(
				ctx.db,
				job.meetingId,
				job.kind,
				job.kind === 'reminder' ? { minutesBefore: job.minutesBefore } : {}
			)
	);
}
