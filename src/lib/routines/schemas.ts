import * as v from 'valibot';
import { checkbox, text, typed, uuid } from '../validation';
import { isLocalDate, isLocalTime } from '../meetings/time';
import { ROUTINE_LIMITS } from './limits';
import { DEFAULT_STEP_ICON, isStepIcon } from './step-icons';

/** The forms and the outbox item of "Min dag". Messages are i18n keys (validation.*). */

export const routineSchema = v.object({
	name: text(ROUTINE_LIMITS.name),
	reminders: checkbox
});

export const renameRoutineSchema = v.object({ routineId: uuid, ...routineSchema.entries });

/** "HH:MM" (00:00–23:59), or empty for "after the step before". */
const stepTime = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.check((s) => s === '' || isLocalTime(s), 'validation.time'),
	v.transform((s) => (s === '' ? null : s))
);

export const stepSchema = v.object({
	routineId: uuid,
	text: text(ROUTINE_LIMITS.stepText),
	// No picture chosen (a form reset, an old page): the plain tick, rather than a message.
	icon: v.pipe(v.optional(typed(), DEFAULT_STEP_ICON), v.check(isStepIcon, 'validation.unknown')),
	time: stepTime
});

/** The file input(s) of a step's photo ("Tag et billede" / "Vælg et billede"); read by media/upload.ts. */
export const STEP_PHOTO_FIELD = 'photo';

export const editStepSchema = v.object({
	stepId: uuid,
	...v.omit(stepSchema, ['routineId']).entries,
	/** "Fjern billedet": back to the icon. */
	removePhoto: checkbox
});
export const stepIdSchema = v.object({ stepId: uuid });
export const routineIdSchema = v.object({ routineId: uuid });
export const moveStepSchema = v.object({ stepId: uuid, direction: v.picklist(['up', 'down'], 'validation.unknown') });

const day = v.pipe(typed(), v.check(isLocalDate, 'validation.date'));

/** One step done: from the "Færdig" form and from the outbox (the id made on the device). */
export const tickSchema = v.object({
	id: uuid,
	stepId: uuid,
	day,
	/** When it was done, as the device knew it (an offline tick arrives later). */
	doneAt: v.optional(v.pipe(v.string(), v.isoTimestamp('validation.date')))
});

export const snoozeSchema = v.object({ stepId: uuid, day });
