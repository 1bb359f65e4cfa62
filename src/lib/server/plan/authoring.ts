import { and, eq, inArray, max, ne } from 'drizzle-orm';
import type { InferOutput } from 'valibot';
import type { Db } from '../db';
import { coursePhases, courses, goals, personRoles, planPeriods, subgoals, subgoalSuggestions } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError, StaleWriteError } from '../../errors';
import { PROFESSIONAL_ROLES } from '../../domain';
import { expectedEnd, phasePlan, resolveVariant } from '../../programmes';
import type {
	answerSuggestionSchema,
	courseSchema,
	goalSchema,
	planPeriodSchema,
	subgoalSchema
} from '../../plan/schemas';
import { recordChange, requireOwner } from './changes';
import { currentCourse, goalWithOwner, subgoalWithOwner } from './repository';

/**
 * A professional writes the plan: the course from a programme template, plan periods, goals and
 * delmål, and answers to the citizen's suggestions. Every save names the version it started from
 * (optimistic concurrency) and leaves a row in plan_changes with what was there before.
 */

type CourseInput = InferOutput<typeof courseSchema>;

async function organisationOf(db: Db, personId: string): Promise<string> {
	const [row] = await db
		.select({ organisationId: personRoles.organisationId })
		.from(personRoles)
		.where(and(eq(personRoles.personId, personId), inArray(personRoles.role, [...PROFESSIONAL_ROLES])))
		.limit(1);
	if (!row?.organisationId) throw new DomainError('invalid', 'The professional belongs to no organisation');
	return row.organisationId;
}

function phaseRows(courseId: string, input: CourseInput) {
	return phasePlan(input.programme, resolveVariant(input.programme, input.variant), input.startsOn).map((p) => ({
		courseId,
		key: p.key,
		position: p.position,
		startsOn: p.startsOn,
		endsOn: p.endsOn
	}));
}

/** Creates the citizen's course from the programme template, or changes the current one. */
export async function saveCourse(db: Db, grant: Grant<'plan', 'write'>, input: CourseInput) {
	const variant = resolveVariant(input.programme, input.variant);
	const endsOn = input.endsOn ?? expectedEnd(input.programme, variant, input.startsOn);
	return db.transaction(async (tx) => {
		const existing = await currentCourse(tx, grant.citizenId);
		if (!existing || input.version === undefined) {
			if (existing && existing.course.status !== 'ended') throw new StaleWriteError(existing.course);
			const [created] = await tx
				.insert(courses)
				.values({
					citizenId: grant.citizenId,
					organisationId: await organisationOf(tx, grant.actor.id),
					programme: input.programme,
					variant,
					startsOn: input.startsOn,
					endsOn
				})
				.returning();
			await tx.insert(coursePhases).values(phaseRows(created.id, input));
			await recordChange(tx, grant, 'course', created.id, null, created);
			return created;
		}
		const before = existing.course;
		const [updated] = await tx
			.update(courses)
			.set({ programme: input.programme, variant, startsOn: input.startsOn, endsOn, version: before.version + 1 })
			.where(and(eq(courses.id, before.id), eq(courses.version, input.version)))
			.returning();
		if (!updated) throw new StaleWriteError(before);
		// The phases follow the template again when the programme, variant or start changes.
		if (
			before.programme !== updated.programme ||
			before.variant !== updated.variant ||
			before.startsOn !== updated.startsOn
		) {
			await tx.delete(coursePhases).where(eq(coursePhases.courseId, updated.id));
			await tx.insert(coursePhases).values(phaseRows(updated.id, input));
		}
		await recordChange(tx, grant, 'course', updated.id, before, updated);
		return updated;
	});
}

export async function savePlanPeriod(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: InferOutput<typeof planPeriodSchema>
) {
	return db.transaction(async (tx) => {
		const found = await currentCourse(tx, grant.citizenId);
		if (!found) throw new DomainError('invalid', 'No course yet');
		return writePlanPeriod(tx, grant, found.course.id, input);
	});
}

export interface PlanPeriodInput {
	id?: string;
	startsOn: string;
	endsOn: string | null;
	status: string | null;
	statusEasy: string | null;
	version?: number;
}

/**
 * Writes one plan period of a course inside the caller's transaction: a new one, or a change
 * that names the version it started from. Either way plan_changes keeps what was there before.
 */
export async function writePlanPeriod(tx: Db, grant: Grant<'plan', 'write'>, courseId: string, input: PlanPeriodInput) {
	const values = {
		startsOn: input.startsOn,
		endsOn: input.endsOn,
		status: input.status,
		statusEasy: input.statusEasy
	};
	if (!input.id) {
		const [created] = await tx
			.insert(planPeriods)
			.values({ courseId, ...values })
			.returning();
		await recordChange(tx, grant, 'plan_period', created.id, null, created);
		return created;
	}
	const [before] = await tx
		.select()
		.from(planPeriods)
		.where(and(eq(planPeriods.id, input.id), eq(planPeriods.courseId, courseId)));
	if (!before) throw new DomainError('not_found');
	const [updated] = await tx
		.update(planPeriods)
		.set({ ...values, version: before.version + 1 })
		.where(and(eq(planPeriods.id, input.id), eq(planPeriods.version, input.version ?? -1)))
		.returning();
	if (!updated) throw new StaleWriteError(before);
	await recordChange(tx, grant, 'plan_period', updated.id, before, updated);
	return updated;
}

export async function saveGoal(db: Db, grant: Grant<'plan', 'write'>, input: InferOutput<typeof goalSchema>) {
	return db.transaction(async (tx) => {
		const values = {
			title: input.title,
			titleEasy: input.titleEasy,
			ownWords: input.ownWords,
			whyItMatters: input.whyItMatters,
			status: input.status,
			updatedBy: grant.actor.id
		};
		if (!input.id) {
			const found = await currentCourse(tx, grant.citizenId);
			if (!found) throw new DomainError('invalid', 'No course yet');
			const [{ last }] = await tx
				.select({ last: max(goals.position) })
				.from(goals)
				.where(eq(goals.courseId, found.course.id));
			const [created] = await tx
				.insert(goals)
				.values({ courseId: found.course.id, position: (last ?? -1) + 1, ...values })
				.returning();
			await recordChange(tx, grant, 'goal', created.id, null, created);
			return created;
		}
		const found = await goalWithOwner(tx, input.id);
		requireOwner(found, grant);
		const [updated] = await tx
			.update(goals)
			.set({ ...values, version: found.goal.version + 1 })
			.where(and(eq(goals.id, input.id), eq(goals.version, input.version ?? -1)))
			.returning();
		if (!updated) throw new StaleWriteError(found.goal);
		await recordChange(tx, grant, 'goal', updated.id, found.goal, updated);
		return updated;
	});
}

/** Only one delmål is "in focus" at a time: choosing one clears the others. */
async function clearOtherFocus(tx: Db, citizenId: string, keepId: string) {
	const found = await currentCourse(tx, citizenId);
	if (!found) return;
	const goalIds = tx.select({ id: goals.id }).from(goals).where(eq(goals.courseId, found.course.id));
	await tx
		.update(subgoals)
		.set({ inFocus: false })
		.where(and(inArray(subgoals.goalId, goalIds), ne(subgoals.id, keepId), eq(subgoals.inFocus, true)));
}

export async function saveSubgoal(db: Db, grant: Grant<'plan', 'write'>, input: InferOutput<typeof subgoalSchema>) {
	return db.transaction(async (tx) => {
		const goal = await goalWithOwner(tx, input.goalId);
		requireOwner(goal, grant);
		const values = {
			goalId: input.goalId,
			title: input.title,
			titleEasy: input.titleEasy,
			status: input.status,
			nextStep: input.nextStep,
			nextStepEasy: input.nextStepEasy,
			dueOn: input.dueOn,
			inFocus: input.inFocus,
			updatedBy: grant.actor.id
		};
		let saved: typeof subgoals.$inferSelect;
		if (!input.id) {
			const [{ last }] = await tx
				.select({ last: max(subgoals.position) })
				.from(subgoals)
				.where(eq(subgoals.goalId, input.goalId));
			[saved] = await tx
				.insert(subgoals)
				.values({ position: (last ?? -1) + 1, ...values })
				.returning();
			await recordChange(tx, grant, 'subgoal', saved.id, null, saved);
		} else {
			const found = await subgoalWithOwner(tx, input.id);
			requireOwner(found, grant);
			// A delmål stays under its goal; moving it is not an edit.
			if (found.subgoal.goalId !== input.goalId) throw new DomainError('not_found');
			const [updated] = await tx
				.update(subgoals)
				.set({ ...values, version: found.subgoal.version + 1 })
				.where(and(eq(subgoals.id, input.id), eq(subgoals.version, input.version ?? -1)))
				.returning();
			if (!updated) throw new StaleWriteError(found.subgoal);
			saved = updated;
			await recordChange(tx, grant, 'subgoal', saved.id, found.subgoal, saved);
		}
		if (saved.inFocus) await clearOtherFocus(tx, grant.citizenId, saved.id);
		return saved;
	});
}

/** Accepting makes the suggestion a delmål; "let us talk about it" keeps it open with an answer. */
export async function answerSuggestion(
	db: Db,
	grant: Grant<'plan', 'write'>,
	input: InferOutput<typeof answerSuggestionSchema>
) {
	return db.transaction(async (tx) => {
		const [suggestion] = await tx
			.select()
			.from(subgoalSuggestions)
			.where(eq(subgoalSuggestions.id, input.suggestionId));
		if (!suggestion) throw new DomainError('not_found');
		const goal = await goalWithOwner(tx, suggestion.goalId);
		requireOwner(goal, grant);
		if (suggestion.status !== 'pending' && suggestion.status !== 'discussing') throw new StaleWriteError(suggestion);
		let subgoalId: string | null = null;
		if (input.decision === 'accepted') {
			const [{ last }] = await tx
				.select({ last: max(subgoals.position) })
				.from(subgoals)
				.where(eq(subgoals.goalId, suggestion.goalId));
			const [created] = await tx
				.insert(subgoals)
				.values({
					goalId: suggestion.goalId,
					title: suggestion.title,
					position: (last ?? -1) + 1,
					updatedBy: grant.actor.id
				})
				.returning();
			subgoalId = created.id;
			await recordChange(tx, grant, 'subgoal', created.id, null, created);
		}
		const [updated] = await tx
			.update(subgoalSuggestions)
			.set({
				status: input.decision,
				answer: input.answer,
				answeredBy: grant.actor.id,
				answeredAt: new Date(),
				subgoalId
			})
			.where(eq(subgoalSuggestions.id, suggestion.id))
			.returning();
		return updated;
	});
}
