import { error, fail, redirect } from '@sveltejs/kit';
import type * as v from 'valibot';
import { DomainError, StaleWriteError } from '$lib/errors';
import { formObject, parseForm, type FieldErrors } from '$lib/validation';

/**
 * The staff plan forms share one flow: read the form, lay the ids from the URL over it, parse
 * with the schema, save. What can go wrong becomes what the page shows next to the form:
 * field messages (400), "someone changed this" with what is there now (409), or 404.
 */

export type FormValues = Record<string, string>;

export function notFound(): never {
	error(404, { message: 'errors.not_found', code: 'not_found' });
}

/** Back to the citizen's plan with a short "saved" message. */
export function backToPlan(citizenId: string, saved: string): never {
	redirect(303, `/staff/citizens/${citizenId}?saved=${saved}`);
}

interface Options {
	/** Which form on the page sent it (a page may have several). */
	form?: string;
	/** The form field naming the item the form is about, e.g. `subgoalId`. */
	target?: string;
	/** Values decided by the URL, never by the posted form; `undefined` removes a posted value. */
	fixed?: Record<string, string | undefined>;
}

/**
 * Parses and saves. Returns null when saved (the caller redirects), otherwise the failure to
 * return from the action. `snapshot` turns the row a StaleWriteError carries into a plain object.
 */
export async function saveForm<S extends v.GenericSchema, Row, Snapshot>(
	request: Request,
	schema: S,
	save: (data: v.InferOutput<S>) => Promise<unknown>,
	snapshot: (row: Row) => Snapshot,
	{ form = 'main', target, fixed = {} }: Options = {}
) {
	const values: FormValues = formObject(await request.formData());
	for (const [key, value] of Object.entries(fixed)) {
		if (value === undefined) delete values[key];
		else values[key] = value;
	}
	const base = { form, target: target ? (values[target] ?? null) : null, values };
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return fail(400, { ...base, errors: parsed.errors, stale: false as const, current: null });
	try {
		await save(parsed.data);
		return null;
	} catch (cause) {
		if (cause instanceof StaleWriteError) {
			const current = snapshot(cause.current as Row);
			return fail(409, { ...base, errors: {} as FieldErrors, stale: true as const, current });
		}
		if (cause instanceof DomainError && cause.code === 'not_found') notFound();
		if (cause instanceof DomainError && cause.code === 'invalid') {
			const errors: FieldErrors = { form: 'staff.errors.invalid' };
			return fail(400, { ...base, errors, stale: false as const, current: null });
		}
		throw cause;
	}
}
