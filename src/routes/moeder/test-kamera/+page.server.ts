import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/** The camera and microphone test works in the browser only; nothing is sent or kept. */
export const load = (async (event) => {
	guard.user(event);
	return { title: 'meetings.camera.title' };
}) satisfies PageServerLoad;
