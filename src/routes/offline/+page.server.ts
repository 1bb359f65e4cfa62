import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/**
 * The page the service worker shows when there is no network and no kept copy of the page asked
 * for. It is precached without cookies, so it must never depend on who is logged in.
 */
export const load = (async () => {
	guard.public();
	return { title: 'offline.title' };
}) satisfies PageServerLoad;
