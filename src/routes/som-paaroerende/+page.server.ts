import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { FieldError } from '$lib/errors';
import { formAction } from '$lib/server/forms/form-action';
import type { Actions, PageServerLoad } from './$types';
import { setActingFor } from '$lib/server/auth/session';
import { delegationsOfRelative } from '$lib/server/people/repository';
import { delegationState, supportedCitizensOf } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';

/** A relative chooses whose pages to look at; only delegations in force can be chosen. */
export const load = (async (event) => {
	const { user, db } = guard.user(event);
	const now = new Date();
	const [delegations, supporting] = await Promise.all([
		delegationsOfRelative(db, user.id),
		supportedCitizensOf(db, user)
	]);
	return {
		title: 'pages.relative.title',
		// Someone named them to help with consent questions: a way to /stoette.
		supports: supporting.length > 0,
		people: delegations.map((d) => ({
			citizenId: d.citizenId,
			name: d.citizenName,
			givenName: d.citizenGivenName,
			state: delegationState(d, now),
			scopes: d.scopes,
			expiresAt: d.expiresAt.toISOString()
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	choose: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, {
			action: 'choose',
			schema: v.object({ citizenId: v.optional(v.string(), '') }),
			run: async ({ citizenId }) => {
				const delegations = await delegationsOfRelative(db, user.id);
				const chosen = delegations.find(
					(d) => d.citizenId === citizenId && delegationState(d, new Date()) === 'active'
				);
				if (!chosen) throw new FieldError('form', 'pages.relative.notAvailable');
				await setActingFor(db, event.locals.session!.id, chosen.citizenId);
				redirect(303, '/');
			}
		});
	}
} satisfies Actions;
