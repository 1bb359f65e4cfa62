import type * as v from 'valibot';
import { cleanText, parseForm, type FieldErrors } from '../../validation';
import { resourcesFor } from '../../i18n/resources';
import { createTranslate } from '../../i18n/translator';
import { isLanguage, type ReadingMode } from '../../i18n/languages';

/** A form's values, cleaned; fields sent several times (checkboxes named `scopes`) become a list. */
export function formValues(form: FormData, lists: readonly string[] = ['scopes']): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, raw] of form) {
		if (typeof raw !== 'string') continue;
		const value = cleanText(raw);
		if (lists.includes(key)) out[key] = [...((out[key] as string[] | undefined) ?? []), value];
		else out[key] = value;
	}
	for (const key of lists) out[key] ??= [];
	return out;
}

/** parseForm for values that may hold lists. */
export function parseValues<S extends v.GenericSchema>(
	schema: S,
	values: Record<string, unknown>
): { ok: true; data: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
	const parsed = parseForm(schema, values as Record<string, string>);
	if (parsed.ok) return parsed;
	// A message about one item of a list ("scopes.1") belongs to the list's field.
	const errors: FieldErrors = {};
	for (const [key, message] of Object.entries(parsed.errors)) errors[key.split('.')[0]] ??= message;
	return { ok: false, errors };
}

/** The text exactly as the person's page shows it: their language and reading mode. */
export function translatorFor(locals: { lang: string; reading: ReadingMode }) {
	const lang = isLanguage(locals.lang) ? locals.lang : 'da';
	return createTranslate(resourcesFor(lang), lang, locals.reading);
}
