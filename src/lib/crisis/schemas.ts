import * as v from 'valibot';
import { TEXT_LIMITS } from '../text-limits';
import { optionalText, text, uuid, version, typed } from '../validation';

/** The crisis plan form, and a person to call. */
export const crisisPlanSchema = v.object({
	warningSigns: optionalText(TEXT_LIMITS.crisisPlan),
	whatHelps: optionalText(TEXT_LIMITS.crisisPlan),
	version
});

export const crisisContactSchema = v.object({
	name: text(100),
	phone: v.pipe(typed(), v.trim(), v.regex(/^\+?[\d\s-]{3,20}$/, 'validation.phone')),
	note: optionalText(200)
});

export const removeContactSchema = v.object({ contactId: uuid });
