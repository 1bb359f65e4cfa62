import * as v from 'valibot';
import { MOODS } from '../domain';
import { TEXT_LIMITS } from '../text-limits';
import { optionalIsoDate, optionalText, uuid, version, typed } from '../validation';

/** Diary forms and offline items, checked the same way on the phone and on the server. */

const DIARY_TEXT_MAX = TEXT_LIMITS.diary;

const optionalUuid = v.pipe(
	v.optional(typed(), ''),
	v.trim(),
	v.union([v.literal(''), v.pipe(v.string(), v.uuid('validation.unknown'))], 'validation.unknown'),
	v.transform((s) => (s === '' ? null : s))
);

const mood = v.pipe(
	v.union([v.string(), v.number()], 'validation.moodNeeded'),
	v.transform((m) => Number(m)),
	v.picklist(MOODS, 'validation.moodNeeded')
);

export const diaryEntrySchema = v.object({
	/** Made on the device, so sending the same entry twice stores it once. */
	id: uuid,
	mood,
	text: optionalText(DIARY_TEXT_MAX),
	copingStrategyId: optionalUuid,
	subgoalId: optionalUuid,
	writtenFor: optionalIsoDate
});

export const diaryEditSchema = v.object({ id: uuid, mood, text: optionalText(DIARY_TEXT_MAX), version });

export const diaryShareSchema = v.object({
	entryId: uuid,
	personId: uuid,
	share: v.picklist(['on', 'off'], 'validation.choice')
});
