import type { PageServerLoad } from './$types';
import { accessLogFor } from '$lib/server/access/service';
import { guard } from '$lib/server/policy/guard';

/** "Who has seen my data": every read by someone else, newest first, 20 to a page (?side=2). */
export const load = (async (event) => {
	const { grant, db } = await guard.citizenData(event, 'access_log', 'read');
	const requested = Number(event.url.searchParams.get('side') ?? '1');
	const log = await accessLogFor(db, grant, { page: Number.isFinite(requested) ? requested : 1 });
	return { title: 'access.log.title', ...log };
}) satisfies PageServerLoad;
