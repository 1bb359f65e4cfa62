import type { Handle } from '@sveltejs/kit';
import { SECURITY_HEADERS } from '$lib/server/security-headers';

/**
 * Headers every response gets. CSP itself comes from kit.csp (svelte.config.js) so that
 * SvelteKit can hash its own inline scripts; frame-ancestors 'none' is set there too.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	headers.set('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=()');
	if (event.url.protocol === 'https:' || process.env.NODE_ENV === 'production') {
		headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	}
	// Personal pages must never sit in a shared cache or the back/forward cache of a shared device.
	const isStatic =
		event.url.pathname.startsWith('/_app/immutable/') || /\.(svg|png|ico|webmanifest|woff2)$/.test(event.url.pathname);
	if (!isStatic && !headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
	return response;
};
