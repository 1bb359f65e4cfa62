import { error, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { logger } from '$lib/server/log';
import { MEDIA_LIMITS, MEDIA_UPLOAD_BODY_BYTES } from '$lib/server/media/limits';
import { PLAIN_PAGE_CSP, plainPageHtml } from '$lib/server/plain-page';

/**
 * How large a request body may be, per route. adapter-node's BODY_SIZE_LIMIT is one number for
 * every route, so the server starts with it raised to the largest upload (server.js and
 * scripts/start.ts set it unless the operator did), and this hook gives every other route the
 * 512 KB it always had: a form post with a 50 MB "photo" gets a plain 413 page from the length
 * it announces, before one byte of it is read; a body sent without a length is counted while it is
 * read and stopped at the limit.
 */

/** Routes that take photos or recordings (route ids, as SvelteKit names them) and their limit. */
const UPLOAD_ROUTES: Readonly<Record<string, number>> = {
	'/tal-om': MEDIA_UPLOAD_BODY_BYTES,
	'/tal-om/[topicId=uuid]': MEDIA_UPLOAD_BODY_BYTES,
	// Voice notes (a diary page, a delmål note): the outbox sends each with its recording here.
	'/api/sync': MEDIA_UPLOAD_BODY_BYTES,
	// A step's photo in Min dag, on each of the three pages that edit steps.
	'/min-dag/rediger': MEDIA_UPLOAD_BODY_BYTES,
	'/staff/citizens/[citizenId=uuid]/min-dag': MEDIA_UPLOAD_BODY_BYTES,
	'/sammen/[sessionId=uuid]': MEDIA_UPLOAD_BODY_BYTES
};

const WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bodyLimitFor(routeId: string | null): number {
	return (routeId && UPLOAD_ROUTES[routeId]) || MEDIA_LIMITS.ordinaryBodyBytes;
}

/** adapter-node's own limit in bytes, read from BODY_SIZE_LIMIT as it reads it (512K by default). */
export function adapterLimit(raw = process.env.BODY_SIZE_LIMIT ?? '512K'): number {
	const units: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
	const unit = units[raw.at(-1)?.toUpperCase() ?? ''];
	return unit ? Number(raw.slice(0, -1)) * unit : Number(raw);
}

let warned = false;
function warnIfAdapterRefusesUploads() {
	if (warned) return;
	warned = true;
	if (adapterLimit() < MEDIA_UPLOAD_BODY_BYTES)
		logger.warn(
			{ bodySizeLimit: process.env.BODY_SIZE_LIMIT, needed: MEDIA_UPLOAD_BODY_BYTES },
			'BODY_SIZE_LIMIT is below the largest photo upload: such uploads get 413 (docs/configuration.md)'
		);
}

function refusal(event: RequestEvent): Response {
	const body = { message: 'errors.too_large', code: 'too_large' };
	const headers = { 'cache-control': 'no-store', connection: 'close' };
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', status: 413, error: body }, { status: 413, headers });
	if (event.url.pathname.startsWith('/api/') || event.isDataRequest) return json(body, { status: 413, headers });
	const html = plainPageHtml(event, {
		title: 'errors.titles.other',
		paragraphs: ['errors.too_large'],
		link: { href: '/', text: 'common.backHome' }
	});
	return new Response(html, {
		status: 413,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PLAIN_PAGE_CSP }
	});
}

/** The body, counted as it is read: past `limit` bytes the read fails with a 413. */
export function limitedBody(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
	let seen = 0;
	return body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				seen += chunk.byteLength;
				if (seen > limit) {
					try {
						error(413, { message: 'errors.too_large', code: 'too_large' });
					} catch (tooLarge) {
						controller.error(tooLarge);
					}
					return;
				}
				controller.enqueue(chunk);
			}
		})
	);
}

export const bodyLimit: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (WITHOUT_BODY.has(request.method) || !request.body) return resolve(event);
	warnIfAdapterRefusesUploads();
	const limit = bodyLimitFor(event.route.id);
	const length = request.headers.get('content-length');
	if (length !== null) {
		if (Number(length) > limit) return refusal(event);
		return resolve(event);
	}
	// No length announced (chunked): count while reading. The request is the same otherwise.
	event.request = new Request(request, {
		body: limitedBody(request.body, limit),
		// Node's fetch needs this for a streamed body.
		duplex: 'half'
	} as RequestInit);
	return resolve(event);
};
