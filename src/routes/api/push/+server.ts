import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestEvent, RequestHandler } from './$types';
import type { SessionUser } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';
import { AccessDenied, authorize } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import {
	removeSubscription,
	saveSubscription,
	subscriptionSchema,
	unsubscribeSchema
} from '$lib/server/push/subscriptions';
import { vapidPublicKey } from '$lib/server/push/vapid';
import { cleanStrings } from '$lib/validation';

const MAX_BYTES = 4 * 1024;

/** Reads a small JSON body with a schema; 400 for anything else. */
async function body<S extends v.GenericSchema>(event: RequestEvent, schema: S): Promise<v.InferOutput<S>> {
	const text = await event.request.text();
	if (text.length > MAX_BYTES) error(413, { message: 'errors.too_large', code: 'too_large' });
	try {
		return v.parse(schema, cleanStrings(JSON.parse(text)));
	} catch {
		error(400, { message: 'errors.bad_request', code: 'bad_request' });
	}
}

/** Push notices are about the citizen's own meetings: only the citizen subscribes, for themself. */
async function requireOwnMeetings(db: Db, user: SessionUser) {
	try {
		await authorize(db, user, user.id, 'meetings', 'write');
	} catch (cause) {
		if (cause instanceof AccessDenied) error(403, { message: `errors.forbidden.${cause.reason}`, code: cause.reason });
		throw cause;
	}
}

/** The key a browser needs to subscribe (applicationServerKey). */
export const GET: RequestHandler = async (event) => {
	guard.apiUser(event);
	return json({ publicKey: vapidPublicKey() });
};

/** Stores this browser's subscription (PushSubscription.toJSON()) for the citizen. */
export const POST: RequestHandler = async (event) => {
	const { user, db } = guard.apiUser(event);
	await requireOwnMeetings(db, user);
	await limit.api(event, 'push');
	const subscription = await body(event, subscriptionSchema);
	await saveSubscription(db, user.id, subscription);
	return json({ stored: true }, { status: 201 });
};

/** Forgets this browser's subscription. */
export const DELETE: RequestHandler = async (event) => {
	const { user, db } = guard.apiUser(event);
	await requireOwnMeetings(db, user);
	await limit.api(event, 'push');
	const { endpoint } = await body(event, unsubscribeSchema);
	return json({ removed: await removeSubscription(db, user.id, endpoint) });
};
