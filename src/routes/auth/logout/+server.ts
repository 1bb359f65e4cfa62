import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { guard } from '$lib/server/policy/guard';

/** Ends the session and asks the browser to drop cached and stored data (offline copies included). */
export const POST: RequestHandler = async (event) => {
	const { db } = guard.public();
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	clearSessionCookie(event.cookies, event.url);
	event.setHeaders({ 'Clear-Site-Data': '"cache", "storage"' });
	redirect(303, '/login?loggedOut=1');
};
