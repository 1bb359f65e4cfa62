import type { RequestHandler } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { guard } from '$lib/server/policy/guard';

/** Ends the session and asks the browser to drop cached and stored data (offline copies included). */
export const POST: RequestHandler = async (event) => {
	const { db } = guard.public();
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	clearSessionCookie(event.cookies, event.url);
	// Offline copies of personal data (Cache Storage, IndexedDB) go with the session.
	return new Response(null, {
		status: 303,
		headers: { location: '/login?loggedOut=1', 'clear-site-data': '"cache", "storage"' }
	});
};
