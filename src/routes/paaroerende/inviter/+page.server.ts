import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DEFAULT_DELEGATION_MONTHS } from '$lib/consent/catalogue';
import { inviteSchema } from '$lib/consent/schemas';
import { formValues, parseValues } from '$lib/server/consent/forms';
import { inviteRelative } from '$lib/server/relatives/service';
import { guard } from '$lib/server/policy/guard';

/**
 * The citizen invites a relative: what to call them, what they may see, for how long. The
 * answer shows the one-time code and link once; only a hash of the code is kept.
 */
export const load = (async (event) => {
	await guard.citizenData(event, 'relatives', 'read');
	return { title: 'consent.invite.title', defaultMonths: DEFAULT_DELEGATION_MONTHS };
}) satisfies PageServerLoad;

export const actions = {
	invite: async (event) => {
		const { grant, db } = await guard.citizenData(event, 'relatives', 'write');
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
