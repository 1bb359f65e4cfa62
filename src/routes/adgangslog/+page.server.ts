import type { PageServerLoad } from './$types';
import { accessLogFor } from '$lib/server/access/service';
import { guard } from '$lib/server/policy/guard';
import { togetherHistory } from '$lib/server/together/service';

/**
 * "Who has seen my data": every read by someone else, newest first, 20 to a page (?side=2); on
 * the first page also the latest times the citizen looked at the plan together with someone.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'access_log', 'read');
	const requested = Number(event.url.searchParams.get('side') ?? '1');
	const [log, together] = await Promise.all([
		accessLogFor(db, grant, { page: Number.isFinite(requested) ? requested : 1 }),
		togetherHistory(db, grant)
	]);
	return { title: 'access.log.title', ...log, together: log.page === 1 ? together : [] };
}) satisfies PageServerLoad;
