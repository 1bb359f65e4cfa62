import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import {
	copingStrategies,
	coursePhases,
	courses,
	goals,
	organisations,
	people,
	planPeriods,
	subgoalNotes,
	subgoals,
	subgoalSuggestions
} from '../db/schema';

/** Plan reads. Callers have been through the policy; these functions trust the citizen id they get. */

/** The citizen's current course: the newest that has not ended, else the newest of all. */
export async function currentCourse(db: Db, citizenId: string) {
	const rows = await db
		.select({
			course: courses,
			organisation: { id: organisations.id, name: organisations.name, phone: organisations.phone }
		})
		.from(courses)
		.innerJoin(organisations, eq(organisations.id, courses.organisationId))
		.where(eq(courses.citizenId, citizenId))
		.orderBy(desc(courses.startsOn))
		.limit(3);
	const row = rows.find((r) => r.course.status !== 'ended') ?? rows[0];
	return row ?? null;
}

export async function phasesOf(db: Db, courseId: string) {
	return db.select().from(coursePhases).where(eq(coursePhases.courseId, courseId)).orderBy(asc(coursePhases.position));
}

export async function planPeriodsOf(db: Db, courseId: string) {
	return db
		.select()
		.from(planPeriods)
		.where(eq(planPeriods.courseId, courseId))
		.orderBy(desc(planPeriods.startsOn))
		.limit(6);
}

/** Goals with their delmål and coping strategies, in the plan's order, with who changed each last. */
export async function goalsOf(db: Db, courseId: string, citizenId: string) {
	const goalRows = await db
		.select({ goal: goals, changedBy: people.givenName })
		.from(goals)
		.leftJoin(people, eq(people.id, goals.updatedBy))
		.where(eq(goals.courseId, courseId))
		.orderBy(asc(goals.position), asc(goals.createdAt));
	const goalIds = goalRows.map((g) => g.goal.id);
	const [subgoalRows, strategyRows] = await Promise.all([
		goalIds.length
			? db
					.select({ subgoal: subgoals, changedBy: people.givenName })
					.from(subgoals)
					.leftJoin(people, eq(people.id, subgoals.updatedBy))
					.where(inArray(subgoals.goalId, goalIds))
					.orderBy(asc(subgoals.position), asc(subgoals.createdAt))
			: Promise.resolve([]),
		db
			.select()
			.from(copingStrategies)
			.where(eq(copingStrategies.citizenId, citizenId))
			.orderBy(asc(copingStrategies.createdAt))
	]);
	return goalRows.map(({ goal, changedBy }) => ({
		...goal,
		changedBy,
		subgoals: subgoalRows
			.filter((s) => s.subgoal.goalId === goal.id)
			.map((s) => ({ ...s.subgoal, changedBy: s.changedBy })),
		strategies: strategyRows.filter((s) => s.goalId === goal.id)
	}));
}

/** The delmål in focus now, with its goal; falls back to the first one being worked on. */
export async function focusSubgoal(db: Db, citizenId: string) {
	const rows = await db
		.select({ subgoal: subgoals, goalTitle: goals.title, goalTitleEasy: goals.titleEasy })
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(and(eq(courses.citizenId, citizenId), inArray(subgoals.status, ['working_on_it', 'not_started'])))
		.orderBy(desc(subgoals.inFocus), asc(goals.position), asc(subgoals.position))
		.limit(1);
	return rows[0] ?? null;
}

/** Whose plan a goal belongs to, with the goal; null when there is no such goal. */
export async function goalWithOwner(db: Db, goalId: string) {
	const [row] = await db
		.select({ goal: goals, citizenId: courses.citizenId })
		.from(goals)
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(eq(goals.id, goalId))
		.limit(1);
	return row ?? null;
}

/** Whose plan a delmål belongs to, with the delmål; null when there is no such delmål. */
export async function subgoalWithOwner(db: Db, subgoalId: string) {
	const [row] = await db
		.select({ subgoal: subgoals, citizenId: courses.citizenId })
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(eq(subgoals.id, subgoalId))
		.limit(1);
	return row ?? null;
}

/** The newest notes on each of the given delmål (a few each), with who wrote them. */
export async function recentNotes(db: Db, subgoalIds: string[], perSubgoal = 3) {
	if (subgoalIds.length === 0) return [];
	const rows = await db
		.select({ note: subgoalNotes, author: people.givenName })
		.from(subgoalNotes)
		.innerJoin(people, eq(people.id, subgoalNotes.authorId))
		.where(inArray(subgoalNotes.subgoalId, subgoalIds))
		.orderBy(desc(subgoalNotes.createdAt))
		.limit(subgoalIds.length * perSubgoal * 2);
	const seen = new Map<string, number>();
	return rows.filter(({ note }) => {
		const count = seen.get(note.subgoalId) ?? 0;
		seen.set(note.subgoalId, count + 1);
		return count < perSubgoal;
	});
}

/** Suggestions on the given goals, newest first. */
export async function suggestionsFor(db: Db, goalIds: string[]) {
	if (goalIds.length === 0) return [];
	return db
		.select({ suggestion: subgoalSuggestions, answeredByName: people.givenName })
		.from(subgoalSuggestions)
		.leftJoin(people, eq(people.id, subgoalSuggestions.answeredBy))
		.where(inArray(subgoalSuggestions.goalId, goalIds))
		.orderBy(desc(subgoalSuggestions.createdAt));
}
