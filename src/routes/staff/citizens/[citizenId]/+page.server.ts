import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { planOverview } from '$lib/server/plan/service';
import { personName } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';

/** A professional looks at an assigned citizen's plan. The policy logs the read for the citizen to see. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizenById(event, event.params.citizenId, 'plan', 'read');
	const [citizen, plan] = await Promise.all([personName(db, grant.citizenId), planOverview(db, grant)]);
	if (!citizen) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { title: 'pages.staff.citizenTitle', citizen, plan };
}) satisfies PageServerLoad;
