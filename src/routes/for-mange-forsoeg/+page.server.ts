import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';

/**
 * Where a browser lands when a link it opened (login, a download, an invitation link) was refused
 * by a rate limit: always the 429 page (+error.svelte) with the time to try again.
 */
export const load = (async (event) => {
	guard.public();
	limit.refusalPage(event, event.url.searchParams.get('til'));
}) satisfies PageServerLoad;
