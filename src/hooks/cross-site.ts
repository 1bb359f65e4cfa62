import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { logger } from '$lib/server/log';
import { PLAIN_PAGE_CSP, plainPageHtml } from '$lib/server/plain-page';

/**
 * One origin rule for every request that is not GET/HEAD/OPTIONS, on every route, whatever its
 * content type: it must carry `Origin` equal to the app's own origin (ORIGIN), and, where the
 * browser sends `Sec-Fetch-Site`, that must be `same-origin`. Anything else gets 403 and changes
 * nothing: the plain page in the person's language, JSON for /api/ and for forms sent by script.
 *
 * Why so strict: SameSite=Lax cookies stop other sites, but every other `*.kommune.dk` host is
 * the same site; SvelteKit's own check covers form content types only, so a cross-origin POST
 * with no or another content type would reach /auth/logout or /se-som.
 *
 * A request with no `Origin` is refused too, even without `Sec-Fetch-Site`. Every current browser
 * sends `Origin` on a non-GET request, same-origin ones included (form posts, fetch, the outbox,
 * the service worker), so a missing one means a client that is not a browser (it can send the
 * header itself, as the e2e and cluster tests do) or a browser or extension that hides where the
 * request came from, which is exactly the case we cannot allow. `Origin: null` (a sandboxed frame,
 * a redirect across origins) is refused for the same reason.
 *
 * Exceptions: none. The OpenID Connect callback is a GET; the calendar feed, health and metrics
 * are GETs. A new exception would go in EXEMPT below, with its reason.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths that may be posted to from another origin. Keep empty unless a partner must POST here. */
const EXEMPT: readonly string[] = [];

/** Whether a request with this method and these headers comes from the app's own origin. */
export function isSameOrigin(method: string, headers: Headers, appOrigin: string): boolean {
	if (SAFE_METHODS.has(method)) return true;
	const site = headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin') return false;
	return headers.get('origin') === appOrigin;
}

function refusal(event: RequestEvent): Response {
	const error = { message: 'errors.cross_site', code: 'cross_site' };
	const headers = { 'cache-control': 'no-store' };
	// A form sent by use:enhance expects an ActionResult; the API and page data answer JSON.
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', status: 403, error }, { status: 403, headers });
	if (event.url.pathname.startsWith('/api/') || event.isDataRequest) return json(error, { status: 403, headers });
	const html = plainPageHtml(event, {
		title: 'errors.titles.other',
		paragraphs: ['errors.cross_site'],
		link: { href: '/', text: 'common.backHome' }
	});
	return new Response(html, {
		status: 403,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PLAIN_PAGE_CSP }
	});
}

export const crossSiteGuard: Handle = async ({ event, resolve }) => {
	const { method, headers } = event.request;
	if (!isSameOrigin(method, headers, event.url.origin) && !EXEMPT.includes(event.url.pathname)) {
		// Who sent it is not known (no session is read yet): the route and the claimed origin only.
		const origin = (headers.get('origin') ?? 'none').slice(0, 200);
		logger.warn(
			{ requestId: event.locals.requestId, method, path: event.url.pathname.slice(0, 200), origin },
			'cross-site request refused'
		);
		return refusal(event);
	}
	return resolve(event);
};
