import type { PageServerLoad } from './$types';
import { citizensByIds } from '$lib/server/people/repository';
import { supportedCitizensOf } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';

/** For a supporter: the people who asked them to help with consent questions. Names only. */
export const load = (async (event) => {
	const { user, db } = guard.user(event);
	const citizens = await citizensByIds(db, await supportedCitizensOf(db, user));
	return {
		title: 'support.supporting.title',
		citizens: citizens.map((c) => ({ id: c.id, givenName: c.givenName, name: c.displayName }))
	};
}) satisfies PageServerLoad;
