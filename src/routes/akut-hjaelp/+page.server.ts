import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/**
 * Akut hjælp: 112 and the national crisis lines, for everyone who has no crisis plan of their own
 * here (not logged in, relatives, professionals). The header links to it from every page. The
 * service worker keeps it for use without internet, fetched without cookies like the offline page,
 * so it must never depend on who is logged in.
 */
export const load = (async () => {
	guard.public();
	return { title: 'pages.emergency.title' };
}) satisfies PageServerLoad;
