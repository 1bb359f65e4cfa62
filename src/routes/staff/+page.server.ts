import type { PageServerLoad } from './$types';
import { caseloadOf } from '$lib/server/policy';
import { citizensByIds } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';

/** The professional's caseload: only the citizens they are assigned to now. */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const citizens = await citizensByIds(db, await caseloadOf(db, user));
	return { title: 'pages.staff.title', citizens };
}) satisfies PageServerLoad;
