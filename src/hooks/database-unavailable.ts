import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { isLanguage, isReadingMode, languageInfo, type Language, type ReadingMode } from '$lib/i18n/languages';
import { resourcesFor } from '$lib/i18n/resources';
import { createTranslate } from '$lib/i18n/translator';
import { getOpenDatabase } from '$lib/server/db';
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { logger } from '$lib/server/log';

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

/** Whether this error means the database is out of reach (see src/lib/server/db/unavailable.ts). */
export function databaseIsUnavailable(error: unknown): boolean {
	return isDatabaseUnavailable(error, databasePort());
}

const STYLE = [
	'body{font:1.125rem/1.6 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff;max-width:40rem}',
	'h1{font-size:1.6rem;line-height:1.3;color:#1f4e79}',
	'a{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:.5rem 1rem;',
	'border-radius:.5rem;font-weight:600;text-decoration:none}',
	'.retry{background:#1f4e79;color:#fff}.help{color:#1f4e79;text-decoration:underline;padding-inline:0}'
].join('');
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);

function page(event: RequestEvent): string {
	const lang: Language = isLanguage(event.locals.lang) ? event.locals.lang : 'da';
	const reading: ReadingMode = isReadingMode(event.locals.reading) ? event.locals.reading : 'standard';
	const t = createTranslate(resourcesFor(lang), lang, reading);
	const again = event.request.method === 'GET' ? event.url.pathname + event.url.search : event.url.pathname;
	const e = (key: string) => escapeHtml(t(key));
	return `<!doctype html>
<html lang="${lang}" dir="${languageInfo(lang).dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e('unavailable.title')} · Mit forløb</title>
<style>${STYLE}</style>
</head>
<body class="reading-${reading}">
<main>
<h1>${e('unavailable.title')}</h1>
<p>${e('unavailable.body')}</p>
<p>${e('unavailable.kept')}</p>
<p><a class="retry" href="${escapeHtml(again)}">${e('unavailable.retry')}</a></p>
<p><a class="help" href="tel:112">${e('unavailable.help')}</a></p>
</main>
</body>
</html>
`;
}

function unavailable(event: RequestEvent): Response {
	const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
	const error = { message: 'unavailable.body', code: 'database_unavailable' };
	// A form action sent by use:enhance expects an ActionResult.
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', status: 503, error }, { status: 503, headers });
	const accept = event.request.headers.get('accept') ?? '';
	if (event.isDataRequest || event.url.pathname.startsWith('/api/') || !accept.includes('text/html'))
		return json(error, { status: 503, headers });
	return new Response(page(event), {
		status: 503,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP }
	});
}

export const databaseUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!databaseIsUnavailable(error)) throw error;
		logger.warn({ requestId: event.locals.requestId, route: event.route.id }, 'database unavailable');
		return unavailable(event);
	}
	if (!marked.has(event.locals)) return response;
	await response.body?.cancel().catch(() => {});
	return unavailable(event);
};
