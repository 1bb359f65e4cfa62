import * as v from 'valibot';
import { TEXT_LIMITS } from '../text-limits';
import { GOAL_STATUSES, PROGRAMME_VARIANTS, PROGRAMMES, SUBGOAL_STATUSES } from '../domain';
import { programmeVariants } from '../programmes';
import { checkbox, choice, isoDate, optionalIsoDate, optionalText, text, uuid, version } from '../validation';

/** Form schemas for the plan, used by the server actions and (for instant hints) the browser. */

export const LIMITS = { title: 200, note: TEXT_LIMITS.planNote, long: 2000 } as const;

/** An end date, when there is one, must not be before the start. */
const endNotBeforeStart = (d: { startsOn: string; endsOn: string | null }) => !d.endsOn || d.endsOn >= d.startsOn;

export const courseSchema = v.pipe(
	v.object({
		programme: choice(PROGRAMMES),
		variant: v.optional(choice(PROGRAMME_VARIANTS), 'standard'),
		startsOn: isoDate,
		endsOn: optionalIsoDate,
		version: v.optional(version)
	}),
	v.forward(v.partialCheck([['startsOn'], ['endsOn']], endNotBeforeStart, 'validation.datesOrder'), ['endsOn']),
	v.forward(
		v.partialCheck(
			[['programme'], ['variant']],
			(c) => c.variant === 'standard' || programmeVariants(c.programme).includes(c.variant),
			'validation.choice'
		),
		['variant']
	)
);

export const planPeriodSchema = v.pipe(
	v.object({
		id: v.optional(uuid),
		startsOn: isoDate,
		endsOn: optionalIsoDate,
		status: optionalText(LIMITS.long),
		statusEasy: optionalText(LIMITS.long),
		version: v.optional(version)
	}),
	v.forward(v.partialCheck([['startsOn'], ['endsOn']], endNotBeforeStart, 'validation.datesOrder'), ['endsOn'])
);

export const goalSchema = v.object({
	id: v.optional(uuid),
	title: text(LIMITS.title),
	titleEasy: optionalText(LIMITS.title),
	ownWords: optionalText(LIMITS.title * 2),
	whyItMatters: optionalText(LIMITS.long),
	status: v.optional(choice(GOAL_STATUSES), 'active'),
	version: v.optional(version)
});

export const subgoalSchema = v.object({
	id: v.optional(uuid),
	goalId: uuid,
	title: text(LIMITS.title),
	titleEasy: optionalText(LIMITS.title),
	status: v.optional(choice(SUBGOAL_STATUSES), 'not_started'),
	nextStep: optionalText(LIMITS.long),
	nextStepEasy: optionalText(LIMITS.long),
	dueOn: optionalIsoDate,
	inFocus: checkbox,
	version: v.optional(version)
});

/** The citizen's own actions on a delmål. */
export const subgoalStatusSchema = v.object({ subgoalId: uuid, status: choice(SUBGOAL_STATUSES), version });
/** The id is made on the device when offline (idempotent replay); a plain form post gets one from the server. */
export const subgoalNoteSchema = v.object({ id: v.optional(uuid), subgoalId: uuid, text: text(LIMITS.note) });
/** A note sent with a recording: the spoken words are the note, so the text may be left out. */
export const subgoalVoiceNoteSchema = v.object({
	id: v.optional(uuid),
	subgoalId: uuid,
	text: optionalText(LIMITS.note)
});
export const suggestionSchema = v.object({ goalId: uuid, title: text(LIMITS.title) });

export const answerSuggestionSchema = v.pipe(
	v.object({
		suggestionId: uuid,
		decision: choice(['accepted', 'discussing'] as const),
		answer: optionalText(LIMITS.long)
	}),
	v.forward(
		v.partialCheck(
			[['decision'], ['answer']],
			(a) => a.decision === 'accepted' || Boolean(a.answer),
			'validation.answerNeeded'
		),
		['answer']
	)
);
