import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestEvent, RequestHandler } from './$types';
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

/** The key a browser needs to subscribe (applicationServerKey). */
export const GET: RequestHandler = async (event) => {
	guard.user(event);
	return json({ publicKey: vapidPublicKey() });
};

/** Stores this browser's subscription (PushSubscription.toJSON()) for the citizen. */
export const POST: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	// Push notices are about the citizen's own meetings: only the citizen subscribes, for themself.
	await guard.citizen(event, 'meetings', 'write', { citizenId: user.id });
	await limit.api(event, 'push');
	const subscription = await body(event, subscriptionSchema);
	await saveSubscription(db, user.id, subscription);
	return json({ stored: true }, { status: 201 });
};

/** Forgets this browser's subscription. */
export const DELETE: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	// Push notices are about the citizen's own meetings: only the citizen subscribes, for themself.
	await guard.citizen(event, 'meetings', 'write', { citizenId: user.id });
	await limit.api(event, 'push');
	const { endpoint } = await body(event, unsubscribeSchema);
	return json({ removed: await removeSubscription(db, user.id, endpoint) });
};
