import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { completeLogin, LoginError, loginsWaiting, oidcSettingsFromEnv } from '$lib/server/auth/oidc';
import { clearLoginCookie, readLoginCookie } from '$lib/server/auth/login-cookie';
import { createSession, deviceLabelFrom, invalidateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { applySavedSettings } from '$lib/server/people/settings';
import { clearInvitationCookie, readInvitationCookie } from '$lib/server/relatives/invitation-cookie';
import { acceptInvitation, createRelativeFromInvitation } from '$lib/server/relatives/service';
import { logger } from '$lib/server/log';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { safeReturnTo } from '$lib/server/return-to';

/**
 * The identity provider sends the browser back here with a code; every failure gets a plain page.
 * A relative who opened an invitation link carries its code in a short-lived cookie: a person the
 * app does not know yet is created as a relative and accepts the invitation; a known person
 * accepts it. Either way the access waits for the citizen's confirmation.
 *
 * Only the browser that began the login finishes it (login-cookie.ts): a callback link opened
 * anywhere else gets the "did not finish, try again" page, and whoever is logged in there stays so.
 */
export const GET: RequestHandler = async (event) => {
	const { db } = guard.public();
	await limit.link(event, 'login');
	const invitationCode = readInvitationCookie(event.cookies);
	const browserSecret = readLoginCookie(event.cookies);
	// The attempt is used up whatever the outcome; the cookie goes with the last one that waited for it.
	const forgetUsedBinding = async () => {
		if (browserSecret && !(await loginsWaiting(db, browserSecret))) clearLoginCookie(event.cookies);
	};
	let createdFromInvitation = false;
	let result: Awaited<ReturnType<typeof completeLogin>>;
	try {
		result = await completeLogin(db, oidcSettingsFromEnv(), event.url, browserSecret, new Date(), {
			onUnknownPerson: invitationCode
				? async (identity) => {
						const personId = await createRelativeFromInvitation(db, invitationCode, identity);
						createdFromInvitation = Boolean(personId);
						return personId;
					}
				: undefined
		});
	} catch (cause) {
		const reason = cause instanceof LoginError ? cause.reason : 'provider_error';
		logger.warn({ reason, invitation: Boolean(invitationCode) }, 'login refused');
		await forgetUsedBinding();
		if (invitationCode && reason === 'unknown_person') {
			// Someone new, but the invitation is used up or out of date: say so on the invitation page.
			clearInvitationCookie(event.cookies);
			redirect(303, '/invitation?status=invalid');
		}
		redirect(303, `/login?error=${reason}`);
	}
	await forgetUsedBinding();
	// A new token at every login: an old session on this browser is ended, never reused.
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	const { token } = await createSession(db, {
		personId: result.personId,
		loa: result.loa,
		deviceLabel: deviceLabelFrom(event.request.headers.get('user-agent'))
	});
	setSessionCookie(event.cookies, event.url, token);
	await applySavedSettings(db, result.personId, event.cookies);

	if (invitationCode) {
		clearInvitationCookie(event.cookies);
		const status = createdFromInvitation
			? 'accepted'
			: await acceptInvitation(db, invitationCode, result.personId).then((r) => (r.ok ? 'accepted' : r.reason));
		logger.info({ status }, 'invitation answered at login');
		redirect(303, `/invitation?status=${status}`);
	}
	// Checked when the login began; checked again, as an attempt may be older than the check.
	redirect(303, safeReturnTo(result.returnTo, event.url.origin));
};
