import * as v from 'valibot';

/**
 * Building blocks for form schemas shared by server and client. Every message is an i18n key
 * (validation.*), one per rule, so the person reads it in their language and reading mode.
 */

/**
 * Characters a person never means to type, removed from every text before it is checked: C0
 * controls except tab and newline (a lone CR is a newline; CR LF becomes LF so a browser's
 * `maxlength` and the server count the same), DEL, C1 controls, and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a
 * professional read a note in the wrong order. NUL in particular comes from some keyboards and
 * broken clipboards, and PostgreSQL refuses it in text (it gave a 500 before this).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The one cleaning function for text a person typed (forms and JSON bodies alike). */
export function cleanText(value: string): string {
	return value.replace(/\r\n?/g, '\n').replace(UNWANTED, '');
}

/** Every string inside a parsed JSON body, cleaned (keys and structure kept as sent). */
export function cleanStrings(value: unknown): unknown {
	if (typeof value === 'string') return cleanText(value);
	if (Array.isArray(value)) return value.map(cleanStrings);
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)]));
	return value;
}

/** A string schema that cleans what was typed before any other rule looks at it. */
export function typed(message = 'validation.required') {
	return v.pipe(v.string(message), v.transform(cleanText));
}

/** Anything that looks like an HTML tag. Texts are never rendered as HTML, but we say no plainly. */
const HTML_TAG = /<\/?[a-z!][^>]*>/i;

export function text(max: number) {
	return v.pipe(
		typed(),
		v.trim(),
		v.nonEmpty('validation.required'),
		v.maxLength(max, 'validation.tooLong'),
		v.check((s) => !HTML_TAG.test(s), 'validation.noHtml')
	);
}

/** An optional text: empty becomes null. */
export function optionalText(max: number) {
	return v.pipe(
		v.optional(typed(), ''),
		v.trim(),
		v.maxLength(max, 'validation.tooLong'),
		v.check((s) => !HTML_TAG.test(s), 'validation.noHtml'),
		v.transform((s) => (s === '' ? null : s))
	);
}

export const isoDate = v.pipe(
	v.string('validation.required'),
	v.trim(),
	v.nonEmpty('validation.required'),
	v.isoDate('validation.date')
);

export const optionalIsoDate = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.union([v.literal(''), v.pipe(v.string(), v.isoDate('validation.date'))], 'validation.date'),
	v.transform((s) => (s === '' ? null : s))
);

export const uuid = v.pipe(v.string('validation.required'), v.uuid('validation.unknown'));

export const version = v.pipe(
	v.string('validation.required'),
	v.transform(Number),
	v.integer('validation.unknown'),
	v.minValue(1, 'validation.unknown')
);

export function choice<const T extends readonly string[]>(options: T) {
	return v.picklist(options, 'validation.choice');
}

export const checkbox = v.pipe(
	v.optional(v.string(), ''),
	v.transform((s) => s === 'on' || s === 'true')
);

export type FieldErrors = Record<string, string>;

/** What a page gets back to show again: one string per field, a repeated field joined by commas. */
export type FormValues = Record<string, string>;

/** A form as posted: a repeated field (checkboxes with one name) is a list, the rest strings. */
export type FormInput = Record<string, string | string[]>;

/**
 * The one reader of a posted form. Every text is cleaned (cleanText) before any rule looks at it;
 * a file is ignored. A field named in `lists` becomes a list (empty when nothing was ticked); for
 * showing it again it is joined by commas (ids and codes never hold one).
 */
export function formFields(form: FormData, lists: readonly string[] = []): { values: FormValues; input: FormInput } {
	const input: FormInput = {};
	for (const key of lists) input[key] = [];
	for (const [key, raw] of form) {
		if (typeof raw !== 'string') continue;
		const value = cleanText(raw);
		const list = input[key];
		if (lists.includes(key) && Array.isArray(list)) list.push(value);
		else input[key] = value;
	}
	const values: FormValues = {};
	for (const [key, value] of Object.entries(input)) values[key] = Array.isArray(value) ? value.join(',') : value;
	return { values, input };
}

/**
 * Parses with a schema; returns the output or the first message per field. A message about one
 * item of a list ("scopes.1") belongs to the list's field.
 */
export function parseForm<S extends v.GenericSchema>(
	schema: S,
	input: Record<string, unknown>
): { ok: true; data: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
	const result = v.safeParse(schema, input);
	if (result.success) return { ok: true, data: result.output };
	const errors: FieldErrors = {};
	for (const issue of result.issues) {
		const key = v.getDotPath(issue)?.replace(/\.\d+(\..*)?$/, '') ?? 'form';
		errors[key] ??= issue.message;
	}
	return { ok: false, errors };
}
