import type { Db } from '../db';
import { copenhagenToUtc, utcToCopenhagen } from '../../meetings/time';
import { remindedStepsAt, snoozesEndingBetween } from './repository';

/**
 * Reminders of "Min dag": a gentle push at a step's time, for routines whose reminders the citizen
 * turned on, and again when an "Ikke nu" has run out. The pg-boss sweep `routine-reminders`
 * (src/lib/server/jobs/routine-notices.ts) asks every minute which are due and sends one keyed
 * `routine-notices` job each; the job sends it once (notification_deliveries), as for meetings.
 *
 * Times are Copenhagen wall-clock times on the Copenhagen day: 07:30 is 05:30 UTC in summer and
 * 06:30 in winter, also on the days the clocks change. A time in the hour skipped in spring
 * (02:00–02:59 on the last Sunday of March) comes at the same distance after the change (03:30).
 */

export interface DueStepReminder {
	stepId: string;
	citizenId: string;
	day: string;
	/** When it is due: the step's time that day, or the end of its snooze. */
	at: Date;
	snoozed: boolean;
}

/** The routine-notices job's key: one push per step, day and time (a snooze has its own time). */
export function routineReminderKey(r: { stepId: string; day: string; at: string }) {
	return `routine-step:${r.stepId}:${r.day}:${r.at}`;
}

/** The reminders that fell due in the last `windowMinutes` (the sweep runs at least that often). */
export async function dueStepReminders(db: Db, now: Date, { windowMinutes = 5 } = {}): Promise<DueStepReminder[]> {
	const from = now.getTime() - windowMinutes * 60_000;
	// The wall-clock minutes the window covers, each checked below against its real instant.
	const wall = new Map<string, { day: string; time: string }>();
	for (let ms = from; ms <= now.getTime(); ms += 60_000) {
		const at = utcToCopenhagen(new Date(ms));
		wall.set(`${at.date} ${at.time}`, { day: at.date, time: at.time });
	}
	// In spring the wall clock jumps from 01:59 to 03:00, and a 02:xx step comes at 03:xx: look for
	// 02:xx beside every 03:xx (on any other day its instant is an hour earlier, outside the window).
	const spring = [...wall.values()]
		.filter(({ time }) => time.startsWith('03:'))
		.map(({ day, time }) => ({ day, time: `02:${time.slice(3)}` }));
	for (const s of spring) wall.set(`${s.day} ${s.time}`, s);
	const candidates = [...wall.values()];
	const inWindow = (ms: number) => ms > from && ms <= now.getTime();

	const due: DueStepReminder[] = [];
	const timed = await remindedStepsAt(db, [...new Set(candidates.map((c) => c.time))]);
	for (const step of timed) {
		for (const { day, time } of candidates) {
			if (time !== step.time) continue;
			const at = copenhagenToUtc(day, time);
			if (inWindow(at.getTime())) due.push({ stepId: step.stepId, citizenId: step.citizenId, day, at, snoozed: false });
		}
	}
	for (const s of await snoozesEndingBetween(db, new Date(from), now))
		due.push({ stepId: s.stepId, citizenId: s.citizenId, day: s.day, at: s.until, snoozed: true });
	// The same step found twice (a repeated autumn hour): one reminder.
	const unique = new Map(due.map((d) => [routineReminderKey({ ...d, at: d.at.toISOString() }), d]));
	return [...unique.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}
