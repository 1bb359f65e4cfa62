import { and, asc, desc, eq, inArray, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import {
	copingStrategies,
	coursePhases,
	courses,
	goals,
	media,
	organisations,
	people,
	planPeriods,
	subgoalNotes,
	subgoals,
	subgoalSuggestions
} from '../db/schema';

/** Plan reads. Callers have been through the policy; these functions trust the citizen id they get. */

/**
 * The citizen's current course: the newest that has not ended, else the newest of all.
 * `currentCourseRows` gives the candidates (for a read together with others), `pickCurrentCourse`
 * chooses among them, and `currentCourseId` is the same choice as SQL, so reads that hang off the
 * course can go in the same round trip as the course itself. Ties on the start date are broken by
 * id in all three, so they always agree.
 */
export function currentCourseRows(db: Db, citizenId: string | SQLWrapper) {
	return db
		.select({
			course: courses,
			organisation: { id: organisations.id, name: organisations.name, phone: organisations.phone }
		})
		.from(courses)
		.innerJoin(organisations, eq(organisations.id, courses.organisationId))
		.where(eq(courses.citizenId, citizenId))
		.orderBy(desc(courses.startsOn), desc(courses.id))
		.limit(3);
}

export function pickCurrentCourse<T extends { course: { status: string } }>(rows: T[]): T | null {
	return rows.find((r) => r.course.status !== 'ended') ?? rows[0] ?? null;
}

export function currentCourseId(citizenId: string | SQLWrapper) {
	return sql<
		string | null
	>`(select c.id from (select ${courses.id} as id, ${courses.status} as status, ${courses.startsOn} as starts_on from ${courses} where ${courses.citizenId} = ${citizenId} order by ${courses.startsOn} desc, ${courses.id} desc limit 3) as c order by (c.status = 'ended'), c.starts_on desc, c.id desc limit 1)`;
}

export async function currentCourse(db: Db, citizenId: string) {
	return pickCurrentCourse(await currentCourseRows(db, citizenId));
}

export function phasesOf(db: Db, courseId: string | SQL) {
	return db.select().from(coursePhases).where(eq(coursePhases.courseId, courseId)).orderBy(asc(coursePhases.position));
}

export function planPeriodsOf(db: Db, courseId: string | SQL) {
	return db
		.select()
		.from(planPeriods)
		.where(eq(planPeriods.courseId, courseId))
		.orderBy(desc(planPeriods.startsOn))
		.limit(6);
}

/**
 * Goals with their delmål and coping strategies, in the plan's order, with who changed each last:
 * three reads (the delmål are found through their goal's course) that go together in one round
 * trip (`goalReads`), put together by `withSubgoalsAndStrategies`.
 */
export function goalReads(db: Db, courseId: string | SQL, citizenId: string | SQLWrapper) {
	return [
		db
			.select({ goal: goals, changedBy: people.givenName })
			.from(goals)
			.leftJoin(people, eq(people.id, goals.updatedBy))
			.where(eq(goals.courseId, courseId))
			.orderBy(asc(goals.position), asc(goals.createdAt)),
		db
			.select({ subgoal: subgoals, changedBy: people.givenName })
			.from(subgoals)
			.innerJoin(goals, eq(goals.id, subgoals.goalId))
			.leftJoin(people, eq(people.id, subgoals.updatedBy))
			.where(eq(goals.courseId, courseId))
			.orderBy(asc(subgoals.position), asc(subgoals.createdAt)),
		db
			.select()
			.from(copingStrategies)
			.where(eq(copingStrategies.citizenId, citizenId))
			.orderBy(asc(copingStrategies.createdAt))
	] as const;
}

/** The goals of a course with their delmål and coping strategies, in one round trip. */
export async function goalsOf(db: Db, courseId: string, citizenId: string) {
	const [goalRows, subgoalRows, strategyRows] = await readTogether(db, goalReads(db, courseId, citizenId));
	return withSubgoalsAndStrategies(goalRows, subgoalRows, strategyRows);
}

type GoalReads = ReturnType<typeof goalReads>;
export function withSubgoalsAndStrategies(
	goalRows: Awaited<GoalReads[0]>,
	subgoalRows: Awaited<GoalReads[1]>,
	strategyRows: Awaited<GoalReads[2]>
) {
	return goalRows.map(({ goal, changedBy }) => ({
		...goal,
		changedBy,
		subgoals: subgoalRows
			.filter((s) => s.subgoal.goalId === goal.id)
			.map((s) => ({ ...s.subgoal, changedBy: s.changedBy })),
		strategies: strategyRows.filter((s) => s.goalId === goal.id)
	}));
}

/**
 * The delmål in focus now, with its goal; falls back to the first one being worked on. A read to go
 * with others ([] when none), with the columns the home page shows.
 */
export function focusSubgoalRows(db: Db, citizenId: string | SQLWrapper) {
	return db
		.select({
			subgoal: {
				title: subgoals.title,
				titleEasy: subgoals.titleEasy,
				nextStep: subgoals.nextStep,
				nextStepEasy: subgoals.nextStepEasy,
				status: subgoals.status
			},
			goalTitle: goals.title
		})
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(and(eq(courses.citizenId, citizenId), inArray(subgoals.status, ['working_on_it', 'not_started'])))
		.orderBy(desc(subgoals.inFocus), asc(goals.position), asc(subgoals.position))
		.limit(1);
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

/** Whether a delmål note is on one of this citizen's delmål (the policy's case for its recording). */
export async function noteOfCitizen(db: Db, citizenId: string, noteId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: subgoalNotes.id })
		.from(subgoalNotes)
		.innerJoin(subgoals, eq(subgoals.id, subgoalNotes.subgoalId))
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(and(eq(subgoalNotes.id, noteId), eq(courses.citizenId, citizenId)))
		.limit(1);
	return Boolean(row);
}

/**
 * The newest notes on each delmål of a course (`perSubgoal` each, newest first), with who wrote
 * them. One read per delmål through the (subgoal_id, created_at) index, so a long history costs
 * nothing extra.
 */
export function recentNotesOfCourse(db: Db, courseId: string | SQL, perSubgoal = 3) {
	const newest = db
		.select({
			id: subgoalNotes.id,
			subgoalId: subgoalNotes.subgoalId,
			authorId: subgoalNotes.authorId,
			text: subgoalNotes.text,
			createdAt: subgoalNotes.createdAt
		})
		.from(subgoalNotes)
		.where(eq(subgoalNotes.subgoalId, subgoals.id))
		.orderBy(desc(subgoalNotes.createdAt))
		.limit(perSubgoal)
		.as('newest');
	return db
		.select({
			id: newest.id,
			subgoalId: newest.subgoalId,
			text: newest.text,
			createdAt: newest.createdAt,
			author: people.givenName,
			/** A spoken note's recording (at most one), played from /media/<id>. */
			audioId: media.id,
			audioMs: media.durationMs
		})
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoinLateral(newest, sql`true`)
		.innerJoin(people, eq(people.id, newest.authorId))
		.leftJoin(
			media,
			and(eq(media.subjectType, 'subgoal_note'), eq(media.kind, 'audio'), eq(media.subjectId, newest.id))
		)
		.where(eq(goals.courseId, courseId))
		.orderBy(desc(newest.createdAt));
}

/** Suggestions on the goals of a course that the citizen has not withdrawn, newest first. */
export function suggestionsOfCourse(db: Db, courseId: string | SQL) {
	return db
		.select({ suggestion: subgoalSuggestions, answeredByName: people.givenName })
		.from(subgoalSuggestions)
		.innerJoin(goals, eq(goals.id, subgoalSuggestions.goalId))
		.leftJoin(people, eq(people.id, subgoalSuggestions.answeredBy))
		.where(and(eq(goals.courseId, courseId), ne(subgoalSuggestions.status, 'withdrawn')))
		.orderBy(desc(subgoalSuggestions.createdAt));
}
