import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invitationCodeSchema } from '$lib/consent/schemas';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { FieldError } from '$lib/errors';
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
		return formAction(event, {
			action: 'code',
			schema: invitationCodeSchema,
			run: async ({ code }) => {
				await limit.invitation(event, code, 'page');
				if (!(await invitationByCode(db, code))) throw new FieldError('code', 'consent.invitation.invalidCode');
				setInvitationCookie(event.cookies, code);
				redirect(303, '/invitation');
			}
		});
	},
	/** Someone already logged in accepts with the login they have. */
	accept: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, {
			action: 'accept',
			schema: noFields,
			run: async () => {
				const code = readInvitationCookie(event.cookies);
				await limit.invitation(event, code, 'page');
				clearInvitationCookie(event.cookies);
				const result = code
					? await acceptInvitation(db, code, user.id)
					: { ok: false as const, reason: 'invalid' as const };
				redirect(303, `/invitation?status=${result.ok ? 'accepted' : result.reason}`);
			}
		});
	}
} satisfies Actions;
