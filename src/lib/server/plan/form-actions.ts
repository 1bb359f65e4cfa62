import { error, fail } from '@sveltejs/kit';
import type * as v from 'valibot';
import { DomainError, StaleWriteError } from '../../errors';
import { formObject, parseForm } from '../../validation';

/**
 * Runs one plan form: parse with its schema, call the service, and turn the outcome into what
 * the page shows: field messages (400), "someone changed this" (409), not found (404), or done.
 * Every result names the form (`action`) and the item (`target`), so the page shows the message
 * beside the right form.
 */
export async function runPlanForm<S extends v.GenericSchema, R>(
	request: Request,
	action: string,
	schema: S,
	target: (values: Record<string, string>) => string | undefined,
	save: (data: v.InferOutput<S>) => Promise<R>
) {
	const values = formObject(await request.formData());
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return fail(400, { action, target: target(values), errors: parsed.errors, values });
	try {
		await save(parsed.data);
		return { action, target: target(values), done: true as const };
	} catch (cause) {
		if (cause instanceof StaleWriteError)
			return fail(409, { action, target: target(values), stale: true as const, values });
		if (cause instanceof DomainError && cause.code === 'conflict')
			return fail(409, { action, target: target(values), errors: { form: 'validation.conflict' }, values });
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}
