import type { PageServerLoad } from './$types';
import { caseloadOf } from '$lib/server/policy';
import { citizensByIds } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';
import { openTalksAssignedTo } from '$lib/server/support/tasks';

/** The professional's caseload: only the citizens they are assigned to now. */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const [citizens, talks] = await Promise.all([
		caseloadOf(db, user).then((ids) => citizensByIds(db, ids)),
		openTalksAssignedTo(db, user)
	]);
	return {
		title: 'pages.staff.title',
		citizens,
		// "I want to talk about it first", assigned to this professional (each citizen's read is logged).
		talks: talks.map((t) => ({
			id: t.id,
			citizenId: t.citizenId,
			citizenName: t.citizenName,
			purpose: t.purpose,
			relative: t.relative,
			newRelative: t.newRelative,
			createdAt: t.createdAt.toISOString(),
			assigneeName: t.assigneeName
		}))
	};
}) satisfies PageServerLoad;
