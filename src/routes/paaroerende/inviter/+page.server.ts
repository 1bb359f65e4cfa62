import type { Actions, PageServerLoad } from './$types';
import { DEFAULT_DELEGATION_MONTHS } from '$lib/consent/catalogue';
import { inviteSchema } from '$lib/consent/schemas';
import { inviteRelative } from '$lib/server/relatives/service';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { talkForm } from '$lib/server/support/form-actions';
import { supportersOf } from '$lib/server/support/supporters';
import { contactPersonOf, openTalksOf } from '$lib/server/support/tasks';

/**
 * The citizen invites a relative: what to call them, what they may see, for how long. The
 * answer shows the one-time code and link once; only a hash of the code is kept. As on every
 * consent screen: "Forklar det for mig", "Jeg vil gerne tale om det først" and a supporter.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'relatives', 'read');
	const [contact, talks, supporters] = await Promise.all([
		contactPersonOf(db, grant.citizenId),
		openTalksOf(db, grant),
		supportersOf(db, grant)
	]);
	return {
		title: 'consent.invite.title',
		defaultMonths: DEFAULT_DELEGATION_MONTHS,
		contact: contact?.givenName ?? null,
		askedAboutInviting: talks.some((t) => t.newRelative),
		// Who helps with questions like this one (a bisidder or a relative), and where to name one.
		supporters: supporters.map((s) => ({ id: s.id, name: s.name }))
	};
}) satisfies PageServerLoad;

export const actions = {
	/** "Jeg vil gerne tale om det først", before inviting anyone. */
	talk: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write');
		return formAction(event, talkForm(db, grant));
	},
	invite: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		return formAction(event, {
			action: 'invite',
			schema: inviteSchema,
			lists: ['scopes'],
			run: (data) => inviteRelative(db, grant, data),
			answer: ({ delegation, code }) => ({
				invitation: {
					code,
					link: `${event.url.origin}/invitation/${code}`,
					label: delegation.label,
					scopes: delegation.scopes,
					validUntil: delegation.invitationExpiresAt!.toISOString(),
					accessUntil: delegation.expiresAt.toISOString()
				}
			})
		});
	}
} satisfies Actions;
