import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { setInvitationCookie } from '$lib/server/relatives/invitation-cookie';
import { looksLikeInvitationCode } from '$lib/server/relatives/invitation-code';
import { invitationByCode } from '$lib/server/relatives/service';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { notFound } from '$lib/server/forms/http-errors';

/**
 * The link in an invitation. Keeps the code in a short-lived HttpOnly cookie and moves on to
 * /invitation at once, so the code does not stay in the address bar, the history or a Referer.
 * Opening the link uses nothing up: only logging in accepts the invitation.
 */
export const GET: RequestHandler = async (event) => {
	const { db } = guard.public();
	const code = event.params.code;
	// What cannot be a code (too long, control characters, `..%2f`) is no guess at one: a plain 404,
	// not counted against the address's tries. (Checked here, not by a param matcher: the format
	// lives with the server's code functions, and a matcher would ship it to every page.)
	if (!looksLikeInvitationCode(code)) notFound();
	await limit.invitation(event, code, 'link');
	if (!(await invitationByCode(db, code))) redirect(303, '/invitation?status=invalid');
	setInvitationCookie(event.cookies, code);
	redirect(303, '/invitation');
};
