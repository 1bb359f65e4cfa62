import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/policy/guard';

/** How the app looks: text size, spacing, contrast, motion, language and reading mode. Works before login too. */
export const load = (async (event) => {
	guard.public();
	return { title: 'pages.display.title', display: event.locals.display };
}) satisfies PageServerLoad;
