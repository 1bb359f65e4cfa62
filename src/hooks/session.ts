import type { Handle } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';

/** Reads the session cookie into locals.user / locals.session; a bad or expired token is dropped. */
export const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const validated = await validateSessionToken(getDb(), token);
		if (validated) {
			event.locals.user = validated.user;
			event.locals.session = validated.session;
		} else {
			event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event.url));
		}
	}
	return resolve(event);
};
