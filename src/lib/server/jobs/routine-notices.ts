import { pushToPerson, translatorFor } from '../push/send';
import { dueStepReminders, routineReminderKey } from '../routines/reminders';
import { reminderState } from '../routines/repository';
import { subscriptionsOf } from '../push/subscriptions';
import { logger } from '../log';
import { routineNotice } from '../../routines/push';
import type { JobContext } from './context';
import { deliverOnce } from './deliveries';
import { QUEUES, type RoutineNoticeJob } from './queues';

/**
 * "Min dag" reminders, the same way as meeting reminders (meeting-notices.ts): a sweep every
 * minute sends one job per reminder due, keyed by step, day and time, so two servers sweeping at
 * once send one job; the job claims the same key in notification_deliveries before it pushes, so
 * a job run twice pushes once.
 */

/** How late a reminder may still go (a sweep or a worker held up): after that it is let go. */
const LATE_MINUTES = 15;

export async function routineReminderSweep(ctx: JobContext) {
	const due = await dueStepReminders(ctx.db, ctx.now());
	let sent = 0;
	for (const reminder of due) {
		const job: RoutineNoticeJob = { stepId: reminder.stepId, day: reminder.day, at: reminder.at.toISOString() };
		if (await ctx.send(QUEUES.routineNotices.name, job, routineReminderKey(job))) sent++;
	}
	return { due: due.length, sent };
}

/** Sends one step reminder, once, if it is still wanted: not done, reminders on, not too late. */
export async function routineNoticeJob(ctx: JobContext, job: RoutineNoticeJob) {
	const state = await reminderState(ctx.db, job.stepId, job.day);
	if (!state || state.gone) return { skipped: 'step_gone' };
	if (!state.reminders) return { skipped: 'not_chosen' };
	if (state.done) return { skipped: 'done' };
	const now = ctx.now().getTime();
	const at = Date.parse(job.at);
	if (now < at) return { skipped: 'not_due' };
	if (now > at + LATE_MINUTES * 60_000) return { skipped: 'too_late' };
	const key = routineReminderKey(job);
	return deliverOnce(ctx.db, { key, personId: state.citizenId, kind: 'routine_step' }, async () => {
		if ((await subscriptionsOf(ctx.db, state.citizenId)).length === 0) return { sent: 0, removed: 0, failed: 0 };
		const { t } = await translatorFor(ctx.db, state.citizenId);
		const result = await pushToPerson(
			ctx.db,
			state.citizenId,
			routineNotice(t, job.stepId, job.day),
			LATE_MINUTES * 60
		);
		logger.info({ stepId: job.stepId, ...result }, 'routine reminder');
		return result;
	});
}
