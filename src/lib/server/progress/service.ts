import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { diaryEntries, goals, planChanges, subgoals } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import { addDays } from '../../programmes';
import { isoWeekdayOf, utcToCopenhagen } from '../../meetings/time';
import { currentCourse } from '../plan/repository';

/**
 * "Mine skridt": how far the citizen has come, as steps on a path — one step per delmål done,
 * in the order they were done. Never a comparison with anyone else: only the citizen's own plan.
 *
 * A delmål has no "done at" column; the time comes from the plan's history (plan_changes):
 * the last time its status became 'done' (an edit of a done delmål that keeps it done does not
 * move it; moving it back to "working on it" clears it). A delmål marked done without history
 * (older data) falls back to when it was last changed.
 */

interface StatusSnapshot {
	status?: unknown;
}

const statusOf = (value: unknown) =>
	value && typeof value === 'object' ? (value as StatusSnapshot).status : undefined;

/** When each delmål last became done, from its history, in time order. */
export function completionTimes(
	changes: Array<{ entityId: string; before: unknown; after: unknown; createdAt: Date }>
): Map<string, Date> {
	const done = new Map<string, Date>();
	const sorted = [...changes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
	for (const change of sorted) {
		const after = statusOf(change.after);
		const before = statusOf(change.before);
		if (after === 'done' && before !== 'done') done.set(change.entityId, change.createdAt);
		else if (after !== undefined && after !== 'done') done.delete(change.entityId);
	}
	return done;
}

/** The steps, the count done and the count in the plan, read through a plan grant. */
export async function progressOf(db: Db, grant: Grant<'plan', 'read'>) {
	const found = await currentCourse(db, grant.citizenId);
	if (!found) return { course: null, total: 0, done: 0, steps: [] };
	const rows = await db
		.select({
			id: subgoals.id,
			title: subgoals.title,
			titleEasy: subgoals.titleEasy,
			status: subgoals.status,
			updatedAt: subgoals.updatedAt,
			goalTitle: goals.title,
			goalTitleEasy: goals.titleEasy
		})
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.where(eq(goals.courseId, found.course.id))
		.orderBy(asc(goals.position), asc(subgoals.position));
	const doneRows = rows.filter((r) => r.status === 'done');
	const history = doneRows.length
		? await db
				.select({
					entityId: planChanges.entityId,
					before: planChanges.before,
					after: planChanges.after,
					createdAt: planChanges.createdAt
				})
				.from(planChanges)
				.where(
					and(
						eq(planChanges.citizenId, grant.citizenId),
						eq(planChanges.entity, 'subgoal'),
						inArray(
							planChanges.entityId,
							doneRows.map((r) => r.id)
						),
						sql`${planChanges.after}->>'status' is not null`
					)
				)
				// The database orders to the microsecond; the sort below keeps that order for equal milliseconds.
				.orderBy(asc(planChanges.createdAt))
		: [];
	const times = completionTimes(history);
	const steps = doneRows
		.map((r) => ({
			id: r.id,
			title: r.title,
			titleEasy: r.titleEasy,
			goalTitle: r.goalTitle,
			goalTitleEasy: r.goalTitleEasy,
			completedAt: times.get(r.id) ?? r.updatedAt
		}))
		.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime())
		.map((s) => ({ ...s, completedAt: s.completedAt.toISOString() }));
	return {
		course: { startsOn: found.course.startsOn },
		total: rows.length,
		done: steps.length,
		steps
	};
}

export type Progress = Awaited<ReturnType<typeof progressOf>>;

/** The Monday (Danish calendar) of the week an instant falls in, 'YYYY-MM-DD'. */
export function weekOf(instant: Date | string): string {
	const { date } = utcToCopenhagen(instant);
	return addDays(date, 1 - isoWeekdayOf(date));
}

/** At most this many weeks of diary moods are read, so the cost does not grow with history. */
const MOOD_WEEKS_MAX = 26;

/**
 * The citizen's own diary moods per week (the rounded average of the week's entries), for the
 * weeks given. Only the citizen: the diary is private, so this needs the citizen's own grant.
 */
export async function moodsByWeek(db: Db, grant: Grant<'diary', 'read'>, weeks: string[], now = new Date()) {
	// A diary read may be a professional's or a relative's (shared pages): only the relation says.
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen sees their own moods');
	const wanted = new Set(weeks);
	const result = new Map<string, number>();
	if (wanted.size === 0) return result;
	const earliest = new Date(now.getTime() - MOOD_WEEKS_MAX * 7 * 86_400_000);
	const rows = await db
		.select({ mood: diaryEntries.mood, writtenFor: diaryEntries.writtenFor })
		.from(diaryEntries)
		.where(
			and(
				eq(diaryEntries.citizenId, grant.citizenId),
				isNull(diaryEntries.deletedAt),
				gte(diaryEntries.writtenFor, earliest)
			)
		);
	const sums = new Map<string, { sum: number; n: number }>();
	for (const row of rows) {
		const week = weekOf(row.writtenFor);
		if (!wanted.has(week)) continue;
		const acc = sums.get(week) ?? { sum: 0, n: 0 };
		acc.sum += row.mood;
		acc.n += 1;
		sums.set(week, acc);
	}
	for (const [week, { sum, n }] of sums) result.set(week, Math.round(sum / n));
	return result;
}
