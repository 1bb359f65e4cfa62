import type { PageServerLoad } from './$types';
import { crisisPlanOf } from '$lib/server/crisis/repository';
import { guard } from '$lib/server/policy/guard';

/** The crisis plan: who to call and what helps, one tap from every page. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'crisis_plan', 'read');
	return {
		title: 'pages.crisis.title',
		crisis: await crisisPlanOf(db, grant.citizenId),
		canEdit: grant.relation.kind === 'self' || grant.relation.kind === 'professional'
	};
}) satisfies PageServerLoad;
