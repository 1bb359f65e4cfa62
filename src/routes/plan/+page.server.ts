import type { PageServerLoad } from './$types';
import { planOverview } from '$lib/server/plan/service';
import { guard } from '$lib/server/policy/guard';

export const load = (async (event) => {
	const { grant, db } = await guard.citizenData(event, 'plan', 'read');
	return { title: 'pages.plan.title', plan: await planOverview(db, grant), isSelf: grant.relation.kind === 'self' };
}) satisfies PageServerLoad;
