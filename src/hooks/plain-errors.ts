import type { Handle, RequestEvent } from '@sveltejs/kit';
import { PLAIN_PAGE_CSP, hasText, plainPageHtml } from '$lib/server/plain-page';

/**
 * Errors SvelteKit answers without our error page: an error() in an endpoint (`+server.ts`),
 * which it shows in src/error.html with the bare message (an i18n key such as
 * "errors.not_logged_in"), and the English "PUT method not allowed" of a page. For a browser
 * both become the plain page in the person's language and reading mode, with the same status and
 * headers (Allow stays). SvelteKit's HTML page is replaced on every path (/api/ too: it answered
 * HTML because HTML was asked for); the 405 text only where a browser asks for a page. JSON
 * answers are never touched: a client reads the key there.
 */

const MARKER = 'data-mf-static-error=';
const MESSAGE = /<div hidden data-mf-message>([^<]*)<\/div>/;

const TITLES: Record<number, string> = {
	403: 'errors.titles.forbidden',
	404: 'errors.titles.notFound',
	429: 'limits.refused.title',
	503: 'unavailable.title'
};
const TEXTS: Record<number, string> = {
	400: 'errors.bad_request',
	401: 'errors.not_logged_in',
	403: 'errors.forbidden.not_allowed',
	404: 'errors.not_found',
	405: 'errors.method_not_allowed',
	413: 'errors.too_large',
	429: 'limits.refused.textSoon',
	503: 'unavailable.body'
};

function wantsPage(event: RequestEvent): boolean {
	if (event.url.pathname.startsWith('/api/') || event.isDataRequest) return false;
	// SvelteKit itself answers HTML when there is no Accept header; so do we.
	const accept = event.request.headers.get('accept');
	return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/** The text for this status: the error's own key when it names a text we have, else one by status. */
function textFor(event: RequestEvent, status: number, message: string | undefined): string {
	if (message && /^(errors|unavailable|limits)\.[\w.]+$/.test(message) && hasText(event, message)) return message;
	return TEXTS[status] ?? (status < 500 ? 'errors.bad_request' : 'errors.unexpected');
}

export const plainErrors: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status < 400) return response;
	const type = response.headers.get('content-type') ?? '';
	// Our own pages (rendered or plain) carry a CSP; SvelteKit's bare answers do not.
	if (response.headers.has('content-security-policy')) return response;
	let message: string | undefined;
	if (type.startsWith('text/html')) {
		const body = await response.text();
		if (!body.includes(MARKER)) return new Response(body, response);
		message = body.match(MESSAGE)?.[1];
	} else if (response.status === 405 && (type === '' || type.startsWith('text/plain')) && wantsPage(event)) {
		// SvelteKit's "PUT method not allowed" (bytes, no content type).
		await response.body?.cancel();
	} else return response;
	const status = response.status;
	const headers = new Headers(response.headers);
	headers.set('content-type', 'text/html; charset=utf-8');
	headers.set('content-security-policy', PLAIN_PAGE_CSP);
	headers.delete('content-length');
	const html = plainPageHtml(event, {
		title: TITLES[status] ?? 'errors.titles.other',
		paragraphs: [textFor(event, status, message)],
		link: { href: '/', text: 'common.backHome' }
	});
	return new Response(html, { status, headers });
};
