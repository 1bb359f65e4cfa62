import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invitationCodeSchema } from '$lib/consent/schemas';
import { formValues, parseValues } from '$lib/server/consent/forms';
import {
	clearInvitationCookie,
	readInvitationCookie,
	setInvitationCookie
} from '$lib/server/relatives/invitation-cookie';
import { acceptInvitation, invitationByCode } from '$lib/server/relatives/service';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';

/**
 * For the relative: type a code (or arrive from the link), see who invited you and to what, log in
 * with your own MitID to accept. After that the citizen must say yes before anything is shown.
 */
const STATUSES = new Set(['accepted', 'invalid', 'own', 'citizen', 'professional']);

export const load = (async (event) => {
	const { db } = guard.public();
	const status = event.url.searchParams.get('status');
	const code = readInvitationCookie(event.cookies);
	await limit.invitation(event, code, 'page');
	const invitation = code ? await invitationByCode(db, code) : null;
	if (code && !invitation) clearInvitationCookie(event.cookies);
	return {
		title: 'consent.invitation.title',
		status: status && STATUSES.has(status) ? status : null,
		invitation: invitation
			? {
					from: invitation.citizenGivenName,
					scopes: invitation.scopes,
					validUntil: invitation.invitationExpiresAt!.toISOString()
				}
			: null,
		loggedInAs: event.locals.user?.displayName ?? null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** A code typed by hand: checked, then kept in the cookie like a link's. */
	code: async (event) => {
		const { db } = guard.public();
		const values = formValues(await event.request.formData(), []);
		const parsed = parseValues(invitationCodeSchema, values);
		if (!parsed.ok) return fail(400, { code: String(values.code ?? ''), errors: parsed.errors });
		await limit.invitation(event, parsed.data.code, 'page');
		if (!(await invitationByCode(db, parsed.data.code)))
			return fail(400, { code: parsed.data.code, errors: { code: 'consent.invitation.invalidCode' } });
		setInvitationCookie(event.cookies, parsed.data.code);
		redirect(303, '/invitation');
	},
	/** Someone already logged in accepts with the login they have. */
	accept: async (event) => {
		const { user, db } = guard.user(event);
		const code = readInvitationCookie(event.cookies);
		await limit.invitation(event, code, 'page');
		clearInvitationCookie(event.cookies);
		const result = code
			? await acceptInvitation(db, code, user.id)
			: { ok: false as const, reason: 'invalid' as const };
		redirect(303, `/invitation?status=${result.ok ? 'accepted' : result.reason}`);
	}
} satisfies Actions;
