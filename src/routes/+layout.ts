import type { LayoutLoad } from './$types';
import { groupsForRoute } from '$lib/i18n/bundles';
import { messagesFor } from '$lib/i18n/messages';

/**
 * Adds the texts to the root layout's data. They are not part of the server data (which is
 * inlined in every page's HTML): the server renders with all of them, and the browser fetches
 * the page's bundles (`$lib/i18n/bundles.ts`) before it hydrates.
 */
export const load = (async ({ data, route, fetch }) => ({
	...data,
	messages: await messagesFor(data.lang, groupsForRoute(route.id), fetch)
})) satisfies LayoutLoad;
