import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/** "Denne enhed": the setting itself lives on the device (see $lib/offline/own-device.svelte.ts). */
export const load = (async (event) => {
	guard.user(event);
	return { title: 'offline.device.title' };
}) satisfies PageServerLoad;
