import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { getOpenDatabase } from '$lib/server/db';
import { RETRY_AFTER_SECONDS, databaseUnavailableCode } from '$lib/server/db/unavailable';
import { BUSY_RETRY_AFTER_SECONDS } from '$lib/server/admission';
import { logger } from '$lib/server/log';
import { PLAIN_PAGE_CSP, plainPageHtml } from '$lib/server/plain-page';

/**
 * When the database cannot be reached (stopped, restarting, failing over, the network to it
 * cut), every request that needs it gets a plain `503 Service Unavailable` with `Retry-After`:
 * a short page in the person's language and reading mode, or JSON for the API, page data and
 * form actions. Never a stack trace or the driver's message. Requests that need no database
 * (/healthz, assets) are not touched. The pool reconnects on its own when the database is back.
 *
 * Errors thrown by later hooks (the session lookup) are caught here; errors in a load or an
 * action reach handleError, which marks the request (markDatabaseUnavailable), and the answer
 * SvelteKit rendered is replaced here.
 */

const marked = new WeakSet<object>();

/** Called by handleError: this request failed because the database is out of reach. */
export function markDatabaseUnavailable(event: RequestEvent): void {
	marked.add(event.locals);
}

/** The database's port, so a bare socket error to it counts (a failed `BEGIN`, a LISTEN). */
function databasePort(): number | undefined {
	try {
		const url = getOpenDatabase().url;
		return url ? Number(new URL(url).port || 5432) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The code that says this error means the database is out of reach, or null when it does not
 * (see src/lib/server/db/unavailable.ts).
 */
export function unavailableCode(error: unknown): string | null {
	return databaseUnavailableCode(error, databasePort());
}

function page(event: RequestEvent, notSaved: boolean): string {
	const again = event.request.method === 'GET' ? event.url.pathname + event.url.search : event.url.pathname;
	return plainPageHtml(event, {
		title: 'unavailable.title',
		paragraphs: ['unavailable.body', notSaved ? 'unavailable.notSaved' : 'unavailable.kept'],
		link: { href: again, text: 'unavailable.retry' },
		help: 'unavailable.help'
	});
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The plain 503 with Retry-After: the page in the person's language for a browser, JSON for the API,
 * page data and form actions. `busy`: the admission queue (src/hooks/admission.ts) refused the
 * request before it ran, because the server is too busy; else the database is out of reach.
 */
export function unavailable(event: RequestEvent, options: { busy?: boolean } = {}): Response {
	const busy = options.busy ?? false;
	const retryAfter = busy ? BUSY_RETRY_AFTER_SECONDS : RETRY_AFTER_SECONDS;
	const headers = { 'retry-after': String(retryAfter), 'cache-control': 'no-store' };
	// Refused before it ran (too busy): what was sent is certainly not saved, and the person must be told.
	const notSaved = busy && !READS.has(event.request.method);
	const error = busy
		? { message: notSaved ? 'unavailable.notSaved' : 'unavailable.body', code: 'busy' }
		: { message: 'unavailable.body', code: 'database_unavailable' };
	// A form action sent by use:enhance expects an ActionResult.
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', status: 503, error }, { status: 503, headers });
	const accept = event.request.headers.get('accept') ?? '';
	if (event.isDataRequest || event.url.pathname.startsWith('/api/') || !accept.includes('text/html'))
		return json(error, { status: 503, headers });
	return new Response(page(event, notSaved), {
		status: 503,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PLAIN_PAGE_CSP }
	});
}

export const databaseUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		const code = unavailableCode(error);
		if (code === null) throw error;
		logger.warn({ requestId: event.locals.requestId, route: event.route.id, code }, 'database unavailable');
		return unavailable(event);
	}
	if (!marked.has(event.locals)) return response;
	await response.body?.cancel().catch(() => {});
	return unavailable(event);
};
