import * as v from 'valibot';
import { choice, optionalText, text, uuid } from '../validation';
import { copenhagenToUtc, isLocalDate, isLocalTime } from './time';

/**
 * "I need another time": the forms' schemas, shared by the server actions and the pages.
 * The citizen asks (a one-tap reason and/or their own words, both optional), the professional
 * offers 2–3 times or declines with a message, the citizen picks one time or withdraws.
 */

/** The one-tap reasons a citizen can give; `reason` holds their own words beside it. */
export const RESCHEDULE_REASONS = ['ill', 'other_appointment', 'bad_time', 'transport', 'need_help'] as const;
export type RescheduleReason = (typeof RESCHEDULE_REASONS)[number];

const RESCHEDULE_LIMITS = { reason: 500, answer: 1000 } as const;
/** A professional offers at least two and at most three times. */
export const OFFER_MIN = 2;
export const OFFER_MAX = 3;
/** The rows of the offer form: date1/start1/end1 … date3/start3/end3. */
export const OFFER_ROWS = [1, 2, 3] as const;

export const askSchema = v.object({
	reasonChoice: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => (s === '' ? null : s)),
		v.union([v.null(), choice(RESCHEDULE_REASONS)], 'validation.choice')
	),
	reason: optionalText(RESCHEDULE_LIMITS.reason)
});
export type AskInput = v.InferOutput<typeof askSchema>;

export const requestRefSchema = v.object({ requestId: uuid });
export const chooseSchema = v.object({ requestId: uuid, offerId: uuid });
export type ChooseInput = v.InferOutput<typeof chooseSchema>;
export const declineSchema = v.object({ requestId: uuid, answer: text(RESCHEDULE_LIMITS.answer) });
export type DeclineInput = v.InferOutput<typeof declineSchema>;

interface OfferedTime {
	/** Which form row it came from (1–3), so a message can sit beside that row. */
	row: number;
	startsAt: Date;
	endsAt: Date;
}

/**
 * The offer form: up to three rows of date, start and end in Danish time. A row left empty
 * is skipped; a row filled in part says what is missing. At least two complete rows, ends after
 * starts. What needs "now" or the database (in the future, distinct, free) the service checks.
 */
export const offerSchema = v.pipe(
	v.record(v.string(), v.string()),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const values = dataset.value;
		const requestId = values.requestId ?? '';
		if (!v.is(uuid, requestId)) {
			addIssue({ message: 'validation.unknown', path: [pathOf(values, 'requestId')] });
			return NEVER;
		}
		const times: OfferedTime[] = [];
		let bad = false;
		for (const row of OFFER_ROWS) {
			const date = (values[`date${row}`] ?? '').trim();
			const start = (values[`start${row}`] ?? '').trim();
			const end = (values[`end${row}`] ?? '').trim();
			if (!date && !start && !end) continue;
			const problem = (field: string, message: string) => {
				addIssue({ message, path: [pathOf(values, `${field}${row}`)] });
				bad = true;
			};
			if (!date) problem('date', 'validation.required');
			else if (!isLocalDate(date)) problem('date', 'validation.date');
			if (!start) problem('start', 'validation.required');
			else if (!isLocalTime(start)) problem('start', 'validation.time');
			if (!end) problem('end', 'validation.required');
			else if (!isLocalTime(end)) problem('end', 'validation.time');
			else if (isLocalTime(start) && end <= start) problem('end', 'validation.endBeforeStart');
			if (!bad && isLocalDate(date))
				times.push({ row, startsAt: copenhagenToUtc(date, start), endsAt: copenhagenToUtc(date, end) });
		}
		if (bad) return NEVER;
		if (times.length < OFFER_MIN) {
			addIssue({ message: 'rebook.errors.few_times', path: [pathOf(values, 'form')] });
			return NEVER;
		}
		return { requestId, times: times.slice(0, OFFER_MAX) };
	})
);
export type OfferInput = { requestId: string; times: OfferedTime[] };

/** A path item naming a form field, so parseForm puts the message beside it. */
function pathOf(input: Record<string, string>, key: string) {
	return { type: 'object' as const, origin: 'value' as const, input, key, value: input[key] };
}
