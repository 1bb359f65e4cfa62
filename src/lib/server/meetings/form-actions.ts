import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type * as v from 'valibot';
import { DomainError, StaleWriteError } from '../../errors';
import { formObject, parseForm, type FieldErrors } from '../../validation';
import { MeetingInputError } from './service';

/**
 * Runs one meeting form: parse with its schema, call the service, and turn the outcome into what
 * the page shows next to the form: field messages (400), "someone changed this" (409), a meeting
 * that is over or cancelled (409), not found (404) — or the saved result. Nothing is saved on a
 * failure. Several checkboxes with one name (participants, weekdays) arrive as one
 * comma-separated value.
 */

const LISTS = ['participants', 'weekdays'];

export function meetingFormValues(form: FormData): Record<string, string> {
	const values = formObject(form);
	for (const key of LISTS) {
		const all = form.getAll(key).filter((x): x is string => typeof x === 'string');
		if (all.length) values[key] = all.join(',');
	}
	return values;
}

export interface MeetingFormFailure {
	action: string;
	errors: FieldErrors;
	values: Record<string, string>;
	stale: boolean;
}

export type MeetingFormOutcome<R> = { ok: true; result: R } | { ok: false; failure: ActionFailure<MeetingFormFailure> };

export async function runMeetingForm<S extends v.GenericSchema, R>(
	request: Request,
	action: string,
	schema: S,
	save: (data: v.InferOutput<S>) => Promise<R>,
	fixed: Record<string, string> = {}
): Promise<MeetingFormOutcome<R>> {
	const values = { ...meetingFormValues(await request.formData()), ...fixed };
	const failure = (status: 400 | 409, errors: FieldErrors, stale = false) => ({
		ok: false as const,
		failure: fail(status, { action, errors, values, stale })
	});
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return failure(400, parsed.errors);
	try {
		return { ok: true, result: await save(parsed.data) };
	} catch (cause) {
		if (cause instanceof MeetingInputError) return failure(400, { [cause.field]: cause.messageKey });
		if (cause instanceof StaleWriteError) return failure(409, { form: 'validation.stale' }, true);
		if (cause instanceof DomainError && cause.code === 'conflict')
			return failure(409, { form: 'validation.meetingClosed' });
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}
