import type { PageServerLoad } from './$types';
import { caseloadOf } from '$lib/server/policy';
import { citizensByIds } from '$lib/server/people/repository';
import { waitingForTimes } from '$lib/server/meetings/reschedule';
import { guard } from '$lib/server/policy/guard';
import { openTalksAssignedTo } from '$lib/server/support/tasks';

/** The professional's caseload: only the citizens they are assigned to now. */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const caseload = await caseloadOf(db, user);
	const [citizens, waiting, talks] = await Promise.all([
		citizensByIds(db, caseload),
		waitingForTimes(db, user, caseload),
		openTalksAssignedTo(db, user)
	]);
	return {
		title: 'pages.staff.title',
		citizens: citizens.map((c) => ({ ...c, waitingForTimes: waiting.get(c.id) ?? 0 })),
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
