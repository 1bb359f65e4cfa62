import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { completeLogin, LoginError, oidcSettingsFromEnv } from '$lib/server/auth/oidc';
import { createSession, deviceLabelFrom, invalidateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { applySavedSettings } from '$lib/server/people/settings';
import { logger } from '$lib/server/log';
import { guard } from '$lib/server/policy/guard';

/** The identity provider sends the browser back here with a code; every failure gets a plain page. */
export const GET: RequestHandler = async (event) => {
	const { db } = guard.public();
	let result: Awaited<ReturnType<typeof completeLogin>>;
	try {
		result = await completeLogin(db, oidcSettingsFromEnv(), event.url);
	} catch (cause) {
		const reason = cause instanceof LoginError ? cause.reason : 'provider_error';
		logger.warn({ reason }, 'login refused');
		redirect(303, `/login?error=${reason}`);
	}
	// A new token at every login: an old session on this browser is ended, never reused.
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	const { token } = await createSession(db, {
		personId: result.personId,
		loa: result.loa,
		deviceLabel: deviceLabelFrom(event.request.headers.get('user-agent'))
	});
	setSessionCookie(event.cookies, event.url, token);
	await applySavedSettings(db, result.personId, event.cookies);
	redirect(303, result.returnTo);
};
