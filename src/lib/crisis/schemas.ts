import * as v from 'valibot';
import { optionalText, text, uuid, version, typed } from '../validation';

/** The crisis plan form, and a person to call. */
export const crisisPlanSchema = v.object({
	warningSigns: optionalText(2000),
	whatHelps: optionalText(2000),
	version
});

export const crisisContactSchema = v.object({
	name: text(100),
	phone: v.pipe(typed(), v.trim(), v.regex(/^\+?[\d\s-]{3,20}$/, 'validation.phone')),
	note: optionalText(200)
});

export const removeContactSchema = v.object({ contactId: uuid });
