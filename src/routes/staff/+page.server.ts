import type { PageServerLoad } from './$types';
import { caseloadPage } from '$lib/server/people/caseload';
import { guard } from '$lib/server/policy/guard';

/** The professional's caseload: only the citizens they are assigned to now. */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const { citizens, talks } = await caseloadPage(db, user);
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
