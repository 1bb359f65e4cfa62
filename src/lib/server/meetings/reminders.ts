import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { meetings, personSettings, pushSubscriptions } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import { REMINDER_CHOICES } from '../../meetings/schemas';

/**
 * Reminders before a meeting, as the citizen chose them (person_settings.reminderMinutes:
 * the day before, an hour before, both or none). dueReminders() says which are due; the
 * pg-boss sweep `meeting-reminders` (src/lib/server/jobs/meeting-notices.ts) calls it every minute
 * and sends one keyed `meeting-notices` job per reminder, which sends it once.
 */

/** The schema's default when a person has no settings row: the day before and an hour before. */
const DEFAULT_REMINDER_MINUTES = [REMINDER_CHOICES.dayBefore, REMINDER_CHOICES.hourBefore];
const LONGEST = Math.max(...Object.values(REMINDER_CHOICES));

export interface DueReminder {
	meetingId: string;
	citizenId: string;
	minutesBefore: number;
	startsAt: Date;
	/** When the reminder should go: the start minus minutesBefore. */
	dueAt: Date;
	/**
	 * One key per reminder and meeting time: a job queue de-duplicates on it, and a meeting moved
	 * to another time gets its reminders again.
	 */
	key: string;
}

function minutesOf(saved: readonly string[] | null | undefined): number[] {
	if (!saved) return [...DEFAULT_REMINDER_MINUTES];
	return saved.map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * The reminders due at `now`: those whose time fell in the last `windowMinutes` (the job's
 * interval; it runs at least that often), for meetings that are still on, of citizens with a
 * push subscription and that reminder chosen. A meeting that starts sooner than a reminder's
 * lead time (booked at short notice) gets no late reminder for it.
 */
export async function dueReminders(db: Db, now: Date, { windowMinutes = 5 } = {}): Promise<DueReminder[]> {
	const windowMs = windowMinutes * 60_000;
	const rows = await db
		.select({
			meetingId: meetings.id,
			citizenId: meetings.citizenId,
			startsAt: meetings.startsAt,
			createdAt: meetings.createdAt,
			reminderMinutes: personSettings.reminderMinutes
		})
		.from(meetings)
		.leftJoin(personSettings, eq(personSettings.personId, meetings.citizenId))
		.where(
			and(
				inArray(meetings.status, ['planned', 'changed']),
				gt(meetings.startsAt, now),
				lte(meetings.startsAt, new Date(now.getTime() + LONGEST * 60_000 + windowMs))
			)
		);
	if (rows.length === 0) return [];
	const subscribed = new Set(
		(
			await db
				.selectDistinct({ personId: pushSubscriptions.personId })
				.from(pushSubscriptions)
				.where(inArray(pushSubscriptions.personId, [...new Set(rows.map((r) => r.citizenId))]))
		).map((r) => r.personId)
	);
	const due: DueReminder[] = [];
	for (const row of rows) {
		if (!subscribed.has(row.citizenId)) continue;
		for (const minutesBefore of minutesOf(row.reminderMinutes)) {
			const dueAt = new Date(row.startsAt.getTime() - minutesBefore * 60_000);
			const inWindow = dueAt.getTime() <= now.getTime() && dueAt.getTime() > now.getTime() - windowMs;
			// Booked after the reminder's time had passed: that reminder is not sent late.
			if (!inWindow || row.createdAt.getTime() > dueAt.getTime()) continue;
			due.push({
				meetingId: row.meetingId,
				citizenId: row.citizenId,
				minutesBefore,
				startsAt: row.startsAt,
				dueAt,
				key: `${row.meetingId}:${minutesBefore}:${row.startsAt.toISOString()}`
			});
		}
	}
	return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The citizen's current choice. */
export async function reminderChoice(db: Db, personId: string) {
	const [row] = await db
		.select({ minutes: personSettings.reminderMinutes })
		.from(personSettings)
		.where(eq(personSettings.personId, personId))
		.limit(1);
	return reminderChoiceOf(row?.minutes);
}

/** The choice as the reminders form shows it, from person_settings.reminder_minutes (no row: the default). */
export function reminderChoiceOf(stored: readonly string[] | null | undefined) {
	const minutes = minutesOf(stored);
	return {
		dayBefore: minutes.includes(REMINDER_CHOICES.dayBefore),
		hourBefore: minutes.includes(REMINDER_CHOICES.hourBefore)
	};
}

/** Saves the choice; both off means no reminders at all. */
export async function saveReminderChoice(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	choice: { dayBefore: boolean; hourBefore: boolean }
) {
	// A meetings write may be a professional's: whose it is, only the policy's relation says.
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen chooses their reminders');
	const reminderMinutes = [
		...(choice.dayBefore ? [String(REMINDER_CHOICES.dayBefore)] : []),
		...(choice.hourBefore ? [String(REMINDER_CHOICES.hourBefore)] : [])
	];
	await db
		.insert(personSettings)
		.values({ personId: grant.citizenId, reminderMinutes })
		.onConflictDoUpdate({ target: personSettings.personId, set: { reminderMinutes } });
	return reminderMinutes;
}
