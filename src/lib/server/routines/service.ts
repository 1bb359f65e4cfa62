import type * as v from 'valibot';
import type { Db } from '../db';
import type { Grant } from '../policy';
import { DomainError, FieldError } from '../../errors';
import { copenhagenDate } from '../../meetings/time';
import { deleteMedia, saveMedia } from '../media/service';
import type { CheckedMedia } from '../media/types';
import { asField } from '../media/upload';
import { ROUTINE_LIMITS } from '../../routines/limits';
import {
	STEP_PHOTO_FIELD,
	type editStepSchema,
	type routineSchema,
	type stepSchema,
	type tickSchema
} from '../../routines/schemas';
import { addDays, isoWeekOf } from '../../routines/weeks';
import {
	allStepsOf,
	countRoutines,
	insertRoutine,
	insertStep,
	insertTick,
	lockCitizenRoutines,
	routineOf,
	routinesWithSteps,
	snoozesOn,
	stepOf,
	stepsOfRoutine,
	tickById,
	ticksBetween,
	ticksOn,
	updateRoutine,
	updateStep,
	upsertSnooze
} from './repository';

/**
 * "Min dag": the citizen's routines, made by the citizen alone (/min-dag/rediger), with their
 * professional (/staff/citizens/[id]/min-dag) or in "Se det sammen"; followed one step at a time
 * (/min-dag). Every function takes the policy's grant for `routines`: a read to show, a write to
 * change. Anything named by id is looked up within the grant's citizen: another citizen's routine
 * or step is "not found", as an unknown one is. Nothing is stored when a limit or a check says no.
 */

type RoutineInput = v.InferOutput<typeof routineSchema>;
type StepInput = v.InferOutput<typeof stepSchema>;
type EditStepInput = v.InferOutput<typeof editStepSchema>;

const notFound = () => new DomainError('not_found');

/** The routines with their steps, for the edit pages and the now view. */
export async function routinesOf(db: Db, grant: Grant<'routines'>) {
	const rows = await routinesWithSteps(db, grant.citizenId);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		reminders: r.reminders,
		steps: r.steps.map((s) => ({
			id: s.id,
			routineId: r.id,
			text: s.text,
			icon: s.icon,
			time: s.time,
			/** The step's photo (served at /media/<id> through the policy); null: the icon alone. */
			photoId: s.photoMediaId
		}))
	}));
}

/** Today's page: the routines, what is done today and what waits after "Ikke nu". */
export async function dayOf(db: Db, grant: Grant<'routines'>, now = new Date()) {
	const day = copenhagenDate(now);
	const routineList = await routinesOf(db, grant);
	const stepIds = routineList.flatMap((r) => r.steps.map((s) => s.id));
	const [ticks, snoozes] = await Promise.all([ticksOn(db, grant.citizenId, day), snoozesOn(db, stepIds, day)]);
	return {
		day,
		routines: routineList,
		done: ticks.map((t) => t.stepId),
		snoozes: snoozes.map((s) => ({ stepId: s.stepId, until: s.until.toISOString() }))
	};
}

export async function addRoutine(db: Db, grant: Grant<'routines', 'write'>, input: RoutineInput) {
	return db.transaction(async (tx) => {
		await lockCitizenRoutines(tx, grant.citizenId);
		const { n, last } = await countRoutines(tx, grant.citizenId);
		if (n >= ROUTINE_LIMITS.routines) throw new FieldError('name', 'validation.tooManyRoutines');
		return insertRoutine(tx, {
			citizenId: grant.citizenId,
			name: input.name,
			reminders: input.reminders,
			position: last + 1,
			createdBy: grant.actor.id
		});
	});
}

async function requireRoutine(db: Db, grant: Grant<'routines'>, routineId: string) {
	const routine = await routineOf(db, grant.citizenId, routineId);
	if (!routine) throw notFound();
	return routine;
}

export async function renameRoutine(db: Db, grant: Grant<'routines', 'write'>, routineId: string, input: RoutineInput) {
	await requireRoutine(db, grant, routineId);
	// Reminders come to the citizen's phone: only the citizen turns them on or off.
	const reminders = grant.relation.kind === 'self' ? { reminders: input.reminders } : {};
	await updateRoutine(db, routineId, { name: input.name, ...reminders });
}

/** The citizen's own choice, from the now view: a gentle push at each step's time, or none. */
export async function setReminders(db: Db, grant: Grant<'routines', 'write'>, routineId: string, on: boolean) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen chooses their reminders');
	await requireRoutine(db, grant, routineId);
	await updateRoutine(db, routineId, { reminders: on });
}

/** Removed from the day; its ticks stay for the weeks already counted, its steps' photos go. */
export async function removeRoutine(db: Db, grant: Grant<'routines', 'write'>, routineId: string, now = new Date()) {
	await db.transaction(async (tx) => {
		await lockCitizenRoutines(tx, grant.citizenId);
		await requireRoutine(tx, grant, routineId);
		for (const step of await stepsOfRoutine(tx, routineId)) await dropPhoto(tx, grant, step.id);
		await updateRoutine(tx, routineId, { deletedAt: now });
	});
}

const stepSubject = (stepId: string) => ({ type: 'routine_step' as const, id: stepId });

/**
 * The step's photo deleted (a photo is not history the weeks need: nothing is kept of it). Called
 * in the transaction that removes or replaces it, so no media row outlives its step.
 */
async function dropPhoto(tx: Db, grant: Grant<'routines', 'write'>, stepId: string) {
	await deleteMedia(tx, grant, stepSubject(stepId));
	await updateStep(tx, stepId, { photoMediaId: null });
}

/** One photo per step: the old one (if any) goes, the checked new one is stored and named on the step. */
async function putPhoto(tx: Db, grant: Grant<'routines', 'write'>, stepId: string, photo: CheckedMedia) {
	await dropPhoto(tx, grant, stepId);
	const saved = await asField(STEP_PHOTO_FIELD, () => saveMedia(tx, grant, stepSubject(stepId), photo, { max: 1 }));
	await updateStep(tx, stepId, { photoMediaId: saved.id });
}

/** A new step; `photo` (checked by media/upload.ts) is stored with it, or nothing is. */
export async function addStep(db: Db, grant: Grant<'routines', 'write'>, input: StepInput, photo?: CheckedMedia) {
	return db.transaction(async (tx) => {
		await lockCitizenRoutines(tx, grant.citizenId);
		await requireRoutine(tx, grant, input.routineId);
		const steps = await stepsOfRoutine(tx, input.routineId);
		if (steps.length >= ROUTINE_LIMITS.steps) throw new FieldError('text', 'validation.tooManySteps');
		const step = await insertStep(tx, {
			routineId: input.routineId,
			position: (steps.at(-1)?.position ?? -1) + 1,
			text: input.text,
			icon: input.icon,
			time: input.time
		});
		if (photo) await putPhoto(tx, grant, step.id, photo);
		return step;
	});
}

async function requireStep(db: Db, grant: Grant<'routines'>, stepId: string) {
	const found = await stepOf(db, grant.citizenId, stepId);
	if (!found) throw notFound();
	return found;
}

/** A new photo replaces the old one; `removePhoto` without one takes it away (the icon again). */
export async function editStep(db: Db, grant: Grant<'routines', 'write'>, input: EditStepInput, photo?: CheckedMedia) {
	await db.transaction(async (tx) => {
		// Locked as addStep does: two posts at once cannot leave two photos on one step.
		await lockCitizenRoutines(tx, grant.citizenId);
		await requireStep(tx, grant, input.stepId);
		await updateStep(tx, input.stepId, { text: input.text, icon: input.icon, time: input.time });
		if (photo) await putPhoto(tx, grant, input.stepId, photo);
		else if (input.removePhoto) await dropPhoto(tx, grant, input.stepId);
	});
}

export async function removeStep(db: Db, grant: Grant<'routines', 'write'>, stepId: string, now = new Date()) {
	await db.transaction(async (tx) => {
		await lockCitizenRoutines(tx, grant.citizenId);
		await requireStep(tx, grant, stepId);
		await dropPhoto(tx, grant, stepId);
		await updateStep(tx, stepId, { deletedAt: now });
	});
}

/** One place up or down in its routine (swapped with its neighbour); at the end nothing moves. */
export async function moveStep(db: Db, grant: Grant<'routines', 'write'>, stepId: string, direction: 'up' | 'down') {
	await db.transaction(async (tx) => {
		await lockCitizenRoutines(tx, grant.citizenId);
		const { step } = await requireStep(tx, grant, stepId);
		const steps = await stepsOfRoutine(tx, step.routineId);
		const at = steps.findIndex((s) => s.id === stepId);
		const other = steps[direction === 'up' ? at - 1 : at + 1];
		if (!other) return;
		// Positions made unique again first (old rows may share one), then the two swapped.
		for (const [i, s] of steps.entries()) if (s.position !== i) await updateStep(tx, s.id, { position: i });
		await updateStep(tx, stepId, { position: steps.indexOf(other) });
		await updateStep(tx, other.id, { position: at });
	});
}

/** The days a tick may be for: today, or a few days back (sent late from a phone that was offline). */
function checkDay(day: string, now: Date) {
	const today = copenhagenDate(now);
	// A phone's clock a little ahead of ours (just after midnight) may already say tomorrow.
	if (day > addDays(today, 1) || day < addDays(today, -ROUTINE_LIMITS.tickDaysBack))
		throw new FieldError('day', 'validation.date');
}

/**
 * "Færdig": the step done on that day, stored once. The id is the device's: the same tick sent
 * again (a lost answer, the outbox after reconnect) is `created: false`, as is a second tick of the
 * same step and day. A step that was removed, or is not this citizen's, is not found.
 */
export async function tickStep(
	db: Db,
	grant: Grant<'routines', 'write'>,
	input: v.InferOutput<typeof tickSchema>,
	now = new Date()
) {
	const existing = await tickById(db, input.id);
	if (existing) {
		if (existing.citizenId !== grant.citizenId || existing.stepId !== input.stepId || existing.day !== input.day)
			throw new DomainError('conflict');
		return { created: false };
	}
	await requireStep(db, grant, input.stepId);
	checkDay(input.day, now);
	// The device's time, never later than ours (a clock set wrong must not put a tick in the future).
	const sent = input.doneAt ? new Date(input.doneAt) : now;
	const doneAt = sent.getTime() > now.getTime() ? now : sent;
	const created = await insertTick(db, {
		id: input.id,
		stepId: input.stepId,
		citizenId: grant.citizenId,
		day: input.day,
		doneAt,
		doneBy: grant.actor.id
	});
	return { created };
}

/** "Ikke nu": the step (and its reminder) waits 10 minutes. Saying it again starts the 10 minutes again. */
export async function snoozeStep(
	db: Db,
	grant: Grant<'routines', 'write'>,
	input: { stepId: string; day: string },
	now = new Date()
) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen snoozes');
	await requireStep(db, grant, input.stepId);
	checkDay(input.day, now);
	const until = new Date(now.getTime() + ROUTINE_LIMITS.snoozeMinutes * 60_000);
	await upsertSnooze(db, input.stepId, input.day, until);
	return { until };
}

/** How many weeks back the professional's view goes. */
const WEEKS = 8;

/**
 * Which routines help: per routine and ISO week, the steps done out of the steps there were to do
 * (a step counts from the day it was made until the day it was removed). Never per day, and never
 * beside anyone else's: only this citizen's own weeks. Days that are over count; today does not
 * yet (a morning not yet come must not read as "not done").
 */
export async function weeklyDoneRates(db: Db, grant: Grant<'routines', 'read'>, now = new Date()) {
	const today = copenhagenDate(now);
	const yesterday = addDays(today, -1);
	const from = addDays(today, -(WEEKS * 7));
	const [steps, ticks] = await Promise.all([
		allStepsOf(db, grant.citizenId),
		ticksBetween(db, grant.citizenId, from, yesterday)
	]);
	const done = new Set(ticks.map((t) => `${t.stepId}:${t.day}`));
	type Cell = { routineId: string; name: string; position: number; week: string; due: number; done: number };
	const cells = new Map<string, Cell>();
	for (const step of steps) {
		const first = copenhagenDate(step.createdAt);
		const gone = step.deletedAt ?? step.routineDeletedAt;
		const last = gone ? addDays(copenhagenDate(gone), -1) : yesterday;
		for (let day = first > from ? first : from; day <= last && day <= yesterday; day = addDays(day, 1)) {
			const week = isoWeekOf(day);
			const key = `${step.routineId}:${week}`;
			let cell = cells.get(key);
			if (!cell)
				cells.set(
					key,
					(cell = {
						routineId: step.routineId,
						name: step.routineName,
						position: step.routinePosition,
						week,
						due: 0,
						done: 0
					})
				);
			cell.due++;
			if (done.has(`${step.id}:${day}`)) cell.done++;
		}
	}
	const byRoutine = new Map<string, { id: string; name: string; position: number; weeks: Cell[] }>();
	for (const cell of cells.values()) {
		let routine = byRoutine.get(cell.routineId);
		if (!routine)
			byRoutine.set(
				cell.routineId,
				(routine = { id: cell.routineId, name: cell.name, position: cell.position, weeks: [] })
			);
		routine.weeks.push(cell);
	}
	return [...byRoutine.values()]
		.sort((a, b) => a.position - b.position)
		.map((r) => ({
			id: r.id,
			name: r.name,
			weeks: r.weeks
				.sort((a, b) => b.week.localeCompare(a.week))
				.map((w) => ({ week: w.week, due: w.due, done: w.done, rate: w.due ? w.done / w.due : 0 }))
		}));
}
