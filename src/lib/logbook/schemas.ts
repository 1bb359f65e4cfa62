import * as v from 'valibot';
import { TEXT_LIMITS } from '../text-limits';
import { checkbox, optionalText, text, uuid, typed } from '../validation';

/** The professional's log entry, and the citizen's answer to one. */
const LOG_TEXT_MAX = TEXT_LIMITS.logText;

export const logEntrySchema = v.object({
	subgoalId: v.pipe(
		v.optional(typed(), ''),
		v.union([v.literal(''), v.pipe(v.string(), v.uuid('validation.unknown'))], 'validation.unknown'),
		v.transform((s) => (s === '' ? null : s))
	),
	text: text(LOG_TEXT_MAX)
});

/** A comment, or "I do not agree" (with or without words). One of the two is needed. */
export const logCommentSchema = v.pipe(
	v.object({ entryId: uuid, text: optionalText(LOG_TEXT_MAX), disagrees: checkbox }),
	v.forward(
		v.partialCheck([['text'], ['disagrees']], (c) => Boolean(c.text) || c.disagrees, 'validation.required'),
		['text']
	)
);
