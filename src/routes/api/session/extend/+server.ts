import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { extendSession } from '$lib/server/auth/session';
import { guard } from '$lib/server/policy/guard';

/** "Continue" in the timeout warning: slides the inactivity window now. */
export const POST: RequestHandler = async (event) => {
	const { db } = guard.user(event);
	const now = new Date();
	const expiresAt = await extendSession(db, event.locals.session!.id, now);
	// expiresInMs: the page counts down on the device's clock, which need not agree with ours.
	return json({ expiresAt: expiresAt.toISOString(), expiresInMs: expiresAt.getTime() - now.getTime() });
};
