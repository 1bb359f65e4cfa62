import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lte, max, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { routineSnoozes, routineSteps, routineTicks, routines } from '../db/schema';

/** The queries of "Min dag". Callers (service.ts) hold the policy's grant; nothing here decides access. */

export type RoutineRow = typeof routines.$inferSelect;
export type StepRow = typeof routineSteps.$inferSelect;

/** One citizen's routines at a time: two adds at once must not both pass the limit. */
export async function lockCitizenRoutines(db: Db, citizenId: string) {
	await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'routines:' + citizenId}))`);
}

/** The citizen's routines and their steps, in order (removed ones left out). */
export async function routinesWithSteps(db: Db, citizenId: string) {
	const rows = await db
		.select({ routine: routines, step: routineSteps })
		.from(routines)
		.leftJoin(routineSteps, and(eq(routineSteps.routineId, routines.id), isNull(routineSteps.deletedAt)))
		.where(and(eq(routines.citizenId, citizenId), isNull(routines.deletedAt)))
		.orderBy(asc(routines.position), asc(routines.createdAt), asc(routineSteps.position));
	const byId = new Map<string, RoutineRow & { steps: StepRow[] }>();
	for (const { routine, step } of rows) {
		let entry = byId.get(routine.id);
		if (!entry) byId.set(routine.id, (entry = { ...routine, steps: [] }));
		if (step) entry.steps.push(step);
	}
	return [...byId.values()];
}

export async function countRoutines(db: Db, citizenId: string) {
	const [row] = await db
		.select({ n: count(), last: max(routines.position) })
		.from(routines)
		.where(and(eq(routines.citizenId, citizenId), isNull(routines.deletedAt)));
	return { n: row.n, last: row.last ?? -1 };
}

export async function insertRoutine(db: Db, values: typeof routines.$inferInsert) {
	const [row] = await db.insert(routines).values(values).returning();
	return row;
}

/** A routine of this citizen that is not removed, or undefined. */
export async function routineOf(db: Db, citizenId: string, routineId: string) {
	const [row] = await db
		.select()
		.from(routines)
		.where(and(eq(routines.id, routineId), eq(routines.citizenId, citizenId), isNull(routines.deletedAt)))
		.limit(1);
	return row;
}

export async function updateRoutine(db: Db, routineId: string, set: Partial<typeof routines.$inferInsert>) {
	await db.update(routines).set(set).where(eq(routines.id, routineId));
}

/** A step of this citizen's (through its routine), neither removed, or undefined. */
export async function stepOf(db: Db, citizenId: string, stepId: string) {
	const [row] = await db
		.select({ step: routineSteps, routine: routines })
		.from(routineSteps)
		.innerJoin(routines, eq(routines.id, routineSteps.routineId))
		.where(
			and(
				eq(routineSteps.id, stepId),
				eq(routines.citizenId, citizenId),
				isNull(routineSteps.deletedAt),
				isNull(routines.deletedAt)
			)
		)
		.limit(1);
	return row;
}

export async function stepsOfRoutine(db: Db, routineId: string) {
	return db
		.select()
		.from(routineSteps)
		.where(and(eq(routineSteps.routineId, routineId), isNull(routineSteps.deletedAt)))
		.orderBy(asc(routineSteps.position), asc(routineSteps.createdAt));
}

export async function insertStep(db: Db, values: typeof routineSteps.$inferInsert) {
	const [row] = await db.insert(routineSteps).values(values).returning();
	return row;
}

export async function updateStep(db: Db, stepId: string, set: Partial<typeof routineSteps.$inferInsert>) {
	await db.update(routineSteps).set(set).where(eq(routineSteps.id, stepId));
}

/** Stores a tick once: the same id again, or the same step and day with another id, adds nothing. */
export async function insertTick(db: Db, values: typeof routineTicks.$inferInsert) {
	const rows = await db.insert(routineTicks).values(values).onConflictDoNothing().returning({ id: routineTicks.id });
	return rows.length > 0;
}

export async function tickById(db: Db, id: string) {
	const [row] = await db.select().from(routineTicks).where(eq(routineTicks.id, id)).limit(1);
	return row;
}

/** The steps ticked on one day. */
export async function ticksOn(db: Db, citizenId: string, day: string) {
	return db
		.select({ stepId: routineTicks.stepId, doneAt: routineTicks.doneAt })
		.from(routineTicks)
		.where(and(eq(routineTicks.citizenId, citizenId), eq(routineTicks.day, day)));
}

export async function ticksBetween(db: Db, citizenId: string, from: string, to: string) {
	return db
		.select({ stepId: routineTicks.stepId, day: routineTicks.day })
		.from(routineTicks)
		.where(and(eq(routineTicks.citizenId, citizenId), gte(routineTicks.day, from), lte(routineTicks.day, to)));
}

/** Every step the citizen has had, removed ones too (with when): the done-rate of past weeks. */
export async function allStepsOf(db: Db, citizenId: string) {
	return db
		.select({
			id: routineSteps.id,
			routineId: routines.id,
			routineName: routines.name,
			routinePosition: routines.position,
			routineDeletedAt: routines.deletedAt,
			createdAt: routineSteps.createdAt,
			deletedAt: routineSteps.deletedAt
		})
		.from(routineSteps)
		.innerJoin(routines, eq(routines.id, routineSteps.routineId))
		.where(eq(routines.citizenId, citizenId));
}

export async function snoozesOn(db: Db, stepIds: string[], day: string) {
	if (stepIds.length === 0) return [];
	return db
		.select({ stepId: routineSnoozes.stepId, until: routineSnoozes.until })
		.from(routineSnoozes)
		.where(and(inArray(routineSnoozes.stepId, stepIds), eq(routineSnoozes.day, day)));
}

export async function upsertSnooze(db: Db, stepId: string, day: string, until: Date) {
	await db
		.insert(routineSnoozes)
		.values({ stepId, day, until })
		.onConflictDoUpdate({ target: [routineSnoozes.stepId, routineSnoozes.day], set: { until } });
}

/** Steps whose reminders are on, at one of these wall-clock times (the reminder sweep). */
export async function remindedStepsAt(db: Db, times: string[]) {
	if (times.length === 0) return [];
	return db
		.select({ stepId: routineSteps.id, citizenId: routines.citizenId, time: routineSteps.time })
		.from(routineSteps)
		.innerJoin(routines, eq(routines.id, routineSteps.routineId))
		.where(
			and(
				inArray(routineSteps.time, times),
				eq(routines.reminders, true),
				isNull(routines.deletedAt),
				isNull(routineSteps.deletedAt)
			)
		);
}

/** Snoozes running out in a window (the reminder sweep's "Ikke nu" reminders). */
export async function snoozesEndingBetween(db: Db, from: Date, to: Date) {
	return db
		.select({
			stepId: routineSnoozes.stepId,
			day: routineSnoozes.day,
			until: routineSnoozes.until,
			citizenId: routines.citizenId
		})
		.from(routineSnoozes)
		.innerJoin(routineSteps, eq(routineSteps.id, routineSnoozes.stepId))
		.innerJoin(routines, eq(routines.id, routineSteps.routineId))
		.where(
			and(
				sql`${routineSnoozes.until} > ${from.toISOString()}::timestamptz`,
				lte(routineSnoozes.until, to),
				eq(routines.reminders, true),
				isNull(routines.deletedAt),
				isNull(routineSteps.deletedAt)
			)
		);
}

/** For a reminder job: the step, whether its routine still reminds, and whether it is done that day. */
export async function reminderState(db: Db, stepId: string, day: string) {
	const [row] = await db
		.select({
			citizenId: routines.citizenId,
			time: routineSteps.time,
			reminders: routines.reminders,
			gone: sql<boolean>`${routineSteps.deletedAt} is not null or ${routines.deletedAt} is not null`,
			done: sql<boolean>`exists (select 1 from ${routineTicks} where ${routineTicks.stepId} = ${routineSteps.id} and ${routineTicks.day} = ${day})`
		})
		.from(routineSteps)
		.innerJoin(routines, eq(routines.id, routineSteps.routineId))
		.where(eq(routineSteps.id, stepId))
		.limit(1);
	return row;
}

/** Everything for the citizen's export: routines and steps (removed ones too) and every tick. */
export async function exportRows(db: Db, citizenId: string) {
	const [routineRows, stepRows, tickRows] = await Promise.all([
		db.select().from(routines).where(eq(routines.citizenId, citizenId)).orderBy(asc(routines.createdAt)),
		db
			.select({ step: routineSteps })
			.from(routineSteps)
			.innerJoin(routines, eq(routines.id, routineSteps.routineId))
			.where(eq(routines.citizenId, citizenId))
			.orderBy(asc(routineSteps.createdAt)),
		db
			.select()
			.from(routineTicks)
			.where(and(eq(routineTicks.citizenId, citizenId), isNotNull(routineTicks.day)))
			.orderBy(asc(routineTicks.day), asc(routineTicks.doneAt))
	]);
	return { routines: routineRows, steps: stepRows.map((r) => r.step), ticks: tickRows };
}

/**
 * The reads "I dag" needs for Min dag's now step, as selects (not awaited) for the home page's one
 * statement (home/view.ts): the steps in day order, and what is done and waiting on `day`.
 */
export function nowStepReads(db: Db, citizenId: string | null | SQLWrapper, day: string | SQLWrapper) {
	const ofCitizen = and(eq(routines.citizenId, citizenId as string), isNull(routines.deletedAt));
	return [
		db
			.select({
				routineId: routines.id,
				routineName: routines.name,
				id: routineSteps.id,
				text: routineSteps.text,
				icon: routineSteps.icon,
				time: routineSteps.time,
				photoId: routineSteps.photoMediaId
			})
			.from(routineSteps)
			.innerJoin(routines, eq(routines.id, routineSteps.routineId))
			.where(and(ofCitizen, isNull(routineSteps.deletedAt)))
			.orderBy(asc(routines.position), asc(routines.createdAt), asc(routineSteps.position)),
		db
			.select({ stepId: routineTicks.stepId })
			.from(routineTicks)
			.where(and(eq(routineTicks.citizenId, citizenId as string), eq(routineTicks.day, day as string))),
		db
			.select({ stepId: routineSnoozes.stepId, until: routineSnoozes.until })
			.from(routineSnoozes)
			.innerJoin(routineSteps, eq(routineSteps.id, routineSnoozes.stepId))
			.innerJoin(routines, eq(routines.id, routineSteps.routineId))
			.where(and(ofCitizen, eq(routineSnoozes.day, day as string)))
	] as const;
}
