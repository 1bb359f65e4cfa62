import type { PageServerLoad } from './$types';
import { caseloadOf } from '$lib/server/policy';
import { citizensByIds } from '$lib/server/people/repository';
import { waitingForTimes } from '$lib/server/meetings/reschedule';
import { guard } from '$lib/server/policy/guard';

/** The professional's caseload: only the citizens they are assigned to now. */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const caseload = await caseloadOf(db, user);
	const [citizens, waiting] = await Promise.all([citizensByIds(db, caseload), waitingForTimes(db, user, caseload)]);
	return {
		title: 'pages.staff.title',
		citizens: citizens.map((c) => ({ ...c, waitingForTimes: waiting.get(c.id) ?? 0 }))
	};
}) satisfies PageServerLoad;
