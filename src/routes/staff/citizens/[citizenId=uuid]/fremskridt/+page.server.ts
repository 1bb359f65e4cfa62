import type { PageServerLoad } from './$types';
import { personName } from '$lib/server/people/repository';
import { progressOf } from '$lib/server/progress/service';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';

/** "Skridt på vejen" for a professional's own citizen: the same path, through the plan grant (logged). */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, progress] = await Promise.all([personName(db, grant.citizenId), progressOf(db, grant)]);
	if (!citizen) notFound();
	return { title: 'progress.titleOther', citizen, progress };
}) satisfies PageServerLoad;
