import * as v from 'valibot';
import { LIMITS } from '../plan/schemas';
import { optionalText, text, uuid } from '../validation';

/**
 * "Look at it together": what the browser sends while a together session runs, checked on the
 * server (and typed for the browser). Every message is an i18n key, as for forms.
 */

const version = v.pipe(
	v.number('validation.unknown'),
	v.integer('validation.unknown'),
	v.minValue(1, 'validation.unknown')
);

/** Point at a goal or delmål: it lights up on the other screens. Changes nothing in the plan. */
const highlightSchema = v.object({
	kind: v.literal('highlight'),
	target: v.picklist(['goal', 'subgoal'], 'validation.choice'),
	id: uuid
});

/** A note on a delmål, written together; the client-made id makes a resend harmless. */
const noteSchema = v.object({
	kind: v.literal('note'),
	subgoalId: uuid,
	id: uuid,
	text: text(LIMITS.note),
	/** The delmål's version the writer saw: an older one is refused as stale. */
	version
});

/** A new next step for a delmål; empty clears it. */
const nextStepSchema = v.object({
	kind: v.literal('next_step'),
	subgoalId: uuid,
	nextStep: optionalText(LIMITS.long),
	version
});

export const togetherEventSchema = v.variant(
	'kind',
	[highlightSchema, noteSchema, nextStepSchema],
	'validation.choice'
);
export type TogetherEventInput = v.InferOutput<typeof togetherEventSchema>;
