import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { togetherEventSchema } from '$lib/together/schemas';
import { guard } from '$lib/server/policy/guard';
import { togetherJsonError } from '$lib/server/together/http';
import { catchUp, countTogetherAttempt, sendTogetherEvent } from '$lib/server/together/service';
import { cleanStrings } from '$lib/validation';

const MAX_BYTES = 8 * 1024;

/** What a together page opened late has missed (events after `?after=`), for participants only. */
export const GET: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	const sessionId = event.params.sessionId;
	const after = event.url.searchParams.get('after') ?? '0';
	if (!/^\d{1,15}$/.test(after)) return json({ code: 'invalid' }, { status: 400 });
	try {
		return json({ messages: await catchUp(db, user, sessionId, Number(after)) });
	} catch (cause) {
		return togetherJsonError(cause);
	}
};

/**
 * One event in a running session: point, write a note, set a next step. Refused plainly, or done.
 * Every attempt is counted first (bad JSON and refusals too); a flood gets 429 and Retry-After.
 */
export const POST: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	try {
		await countTogetherAttempt(db, user);
	} catch (cause) {
		return togetherJsonError(cause);
	}
	const sessionId = event.params.sessionId;
	const body = await event.request.text();
	if (body.length > MAX_BYTES) return json({ code: 'invalid' }, { status: 413 });
	let raw: unknown;
	try {
		raw = cleanStrings(JSON.parse(body));
	} catch {
		return json({ code: 'invalid' }, { status: 400 });
	}
	const parsed = v.safeParse(togetherEventSchema, raw);
	if (!parsed.success) return json({ code: 'invalid', message: parsed.issues[0].message }, { status: 400 });
	try {
		return json(await sendTogetherEvent(db, user, sessionId, parsed.output));
	} catch (cause) {
		return togetherJsonError(cause);
	}
};
