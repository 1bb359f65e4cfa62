import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/policy/guard';
import { snoozeStep } from '$lib/server/routines/service';
import { snoozeSchema } from '$lib/routines/schemas';
import { orNotFound } from '$lib/server/forms/http-errors';
import { cleanStrings } from '$lib/validation';
import { DomainError } from '$lib/errors';

/** "Ikke nu" from a reminder on the lock screen (the service worker posts it): the step waits 10 minutes. */
export const POST: RequestHandler = async (event) => {
	const { grant, db } = await guard.citizen(event, 'routines', 'write');
	let input: v.InferOutput<typeof snoozeSchema>;
	try {
		input = v.parse(snoozeSchema, cleanStrings(JSON.parse((await event.request.text()).slice(0, 2000))));
	} catch {
		error(400, { message: 'errors.bad_request', code: 'bad_request' });
	}
	try {
		const { until } = await orNotFound(() => snoozeStep(db, grant, input));
		return json({ until: until.toISOString() });
	} catch (cause) {
		// A day too far back or ahead: a plain 400, nothing stored.
		if (cause instanceof DomainError) error(400, { message: 'errors.bad_request', code: 'bad_request' });
		throw cause;
	}
};
