import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/** Everything that is not an everyday page: settings, devices, who can see what, logging out. */
export const load = (async (event) => {
	const { user } = guard.user(event);
	// Looking as a relative sees it: the relative's menu.
	return { title: 'pages.more.title', isCitizen: user.roles.includes('citizen') && !guard.citizen.viewingAs(event) };
}) satisfies PageServerLoad;
