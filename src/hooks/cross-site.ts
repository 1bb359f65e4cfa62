import { json, type Handle } from '@sveltejs/kit';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SvelteKit's origin check covers form posts. JSON endpoints under /api get the same rule:
 * a state-changing request must come from this origin (Sec-Fetch-Site or Origin), else 403.
 */
export const crossSiteGuard: Handle = async ({ event, resolve }) => {
	if (!SAFE_METHODS.has(event.request.method) && event.url.pathname.startsWith('/api/')) {
		const site = event.request.headers.get('sec-fetch-site');
		const origin = event.request.headers.get('origin');
		const sameOrigin = site ? site === 'same-origin' : origin === event.url.origin;
		if (!sameOrigin) return json({ message: 'Cross-site request refused', code: 'cross_site' }, { status: 403 });
	}
	return resolve(event);
};
