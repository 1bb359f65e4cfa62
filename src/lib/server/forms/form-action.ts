import { fail, isActionFailure, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import { DomainError, StaleWriteError } from '../../errors';
import { formFields, parseForm, type FieldErrors, type FormValues } from '../../validation';
import { badRequest, notFound } from './http-errors';

export type { FormValues };

/**
 * The one way a form action runs: read the posted form (typed text cleaned), lay the values the
 * URL decides over it, check it with the form's schema, call the service, and answer in one
 * shape the page reads beside the right form:
 *
 * - success: `{ action, target, done: true, ...answer(result) }` (or the redirect `run` throws);
 * - field messages: `fail(400, { action, target, values, errors, stale: false, current: null })`;
 * - a stale save: `fail(409, { …, stale: true, current })`, `current` being what is there now;
 * - a conflict (the item moved on: a meeting is over, an access was changed): `fail(409, …)`;
 * - not found: the plain 404 page (an unknown id and someone else's look the same).
 *
 * `action` names the form (a page may hold several), `target` the item it is about, so a page
 * with one form per item shows the message at the right one. Nothing is saved on a failure.
 * The route calls the guard first and passes what it granted into `run`.
 */

/**
 * A request's form data, read once: a route that must look at the form before it calls the guard
 * (which resource a form needs) and formAction after it read the same body.
 */
const bodies = new WeakMap<Request, Promise<FormData>>();
export function formDataOf(request: Request): Promise<FormData> {
	let body = bodies.get(request);
	if (!body) bodies.set(request, (body = request.formData()));
	return body;
}

/** The schema of a form that sends nothing but its button (start, stop, log out). */
export const noFields = v.object({});

/** A message for the whole form (`errors.form`) when the service refuses with this domain code. */
type Messages = Partial<Record<'stale' | 'conflict' | 'invalid', string>>;

export interface FormSpec<N extends string, S extends v.GenericSchema, R, C, A> {
	/** Which form on the page sent it. */
	action: N;
	schema: S;
	/** The field naming the item the form is about (e.g. `subgoalId`); its value is `target`. */
	target?: string;
	/** Fields sent several times (checkboxes with one name). */
	lists?: readonly string[];
	/** Values decided by the URL, never by the posted form; `undefined` removes a posted value. */
	fixed?: Record<string, string | undefined>;
	/**
	 * Input nobody types (hidden ids, fixed choices) that does not parse was not sent by our page:
	 * 'notFound' (the form names an item: an unknown one is a 404, as someone else's is) or
	 * 'badRequest' answer with the plain page instead of messages beside the fields.
	 */
	badInput?: 'fields' | 'notFound' | 'badRequest';
	/** The form-level message per refusal; a stale save without one only sets `stale`. */
	messages?: Messages;
	/** What is there now, from the row a StaleWriteError carries, for the page to show. */
	current?: (row: never) => C;
	/** The service call (after the guard). It may redirect, or return its own `fail()`. */
	run: (data: v.InferOutput<S>, values: FormValues) => Promise<R>;
	/** What the page is told on success besides `done`; nothing unless asked (a row may hold more than the page may see). */
	answer?: (result: R, data: v.InferOutput<S>) => A;
}

interface FormBase<N extends string> {
	action: N;
	target: string | null;
}

export type FormFailure<N extends string, C> = FormBase<N> & { values: FormValues; errors: FieldErrors } & (
		{ stale: false; current: null } | { stale: true; current: C }
	);

/** A `fail()` the service returns itself, passed on as it is. */
type OwnFailure = ActionFailure<Record<string, unknown>>;

/** Success; none when `run` always redirects (its result is `never`). */
export type FormSuccess<N extends string, R, A> = [R] extends [never]
	? never
	: Omit<A, keyof FormBase<N> | 'done'> & FormBase<N> & { done: true };

export async function formAction<
	const N extends string,
	S extends v.GenericSchema,
	R,
	C = null,
	A extends object = object
>(
	event: { request: Request },
	spec: FormSpec<N, S, R, C, A>
): Promise<FormSuccess<N, R, A> | ActionFailure<FormFailure<N, C>> | Extract<R, OwnFailure>> {
	const { values, input } = formFields(await formDataOf(event.request), spec.lists);
	for (const [key, value] of Object.entries(spec.fixed ?? {})) {
		if (value === undefined) {
			delete values[key];
			delete input[key];
		} else values[key] = input[key] = value;
	}
	const base: FormBase<N> = { action: spec.action, target: spec.target ? (values[spec.target] ?? null) : null };
	const failure = (status: 400 | 409, errors: FieldErrors) =>
		fail(status, { ...base, values, errors, stale: false as const, current: null });

	const parsed = parseForm(spec.schema, input);
	if (!parsed.ok) {
		if (spec.badInput === 'notFound') notFound();
		if (spec.badInput === 'badRequest') badRequest('errors.invalid_choice');
		return failure(400, parsed.errors);
	}
	let result: R;
	try {
		result = await spec.run(parsed.data, values);
	} catch (cause) {
		if (!(cause instanceof DomainError)) throw cause;
		const { messages = {} } = spec;
		if (cause instanceof StaleWriteError || cause.code === 'stale') {
			const current = (
				spec.current && cause instanceof StaleWriteError ? spec.current(cause.current as never) : null
			) as C;
			const errors: FieldErrors = messages.stale ? { form: messages.stale } : {};
			return fail(409, { ...base, values, errors, stale: true as const, current });
		}
		if (cause.code === 'conflict') return failure(409, { form: messages.conflict ?? 'validation.conflict' });
		if (cause.code === 'invalid')
			return failure(
				400,
				cause.field ? { [cause.field]: cause.message } : { form: messages.invalid ?? 'validation.unknown' }
			);
		notFound();
	}
	// A refusal the service words itself (together mode's codes) goes to the page as it is.
	if (isActionFailure(result)) return result as Extract<R, OwnFailure>;
	const extra = spec.answer ? spec.answer(result, parsed.data) : {};
	return { ...extra, ...base, done: true as const } as FormSuccess<N, R, A>;
}
