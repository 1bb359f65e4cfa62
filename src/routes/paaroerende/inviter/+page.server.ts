import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DEFAULT_DELEGATION_MONTHS } from '$lib/consent/catalogue';
import { inviteSchema } from '$lib/consent/schemas';
import { formValues, parseValues } from '$lib/server/consent/forms';
import { inviteRelative } from '$lib/server/relatives/service';
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
		return talkForm(await event.request.formData(), db, grant);
	},
	invite: async (event) => {
		const { grant, db } = await guard.citizen(event, 'relatives', 'write');
		const values = formValues(await event.request.formData());
		const parsed = parseValues(inviteSchema, values);
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: {
					label: typeof values.label === 'string' ? values.label : '',
					scopes: (values.scopes as string[]) ?? [],
					months: typeof values.months === 'string' ? values.months : String(DEFAULT_DELEGATION_MONTHS)
				}
			});
		const { delegation, code } = await inviteRelative(db, grant, parsed.data);
		return {
			invitation: {
				code,
				link: `${event.url.origin}/invitation/${code}`,
				label: delegation.label,
				scopes: delegation.scopes,
				validUntil: delegation.invitationExpiresAt!.toISOString(),
				accessUntil: delegation.expiresAt.toISOString()
			}
		};
	}
} satisfies Actions;
