import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS, MEDIA_UPLOAD_BODY_BYTES } from '$lib/server/media/limits';
import { adapterLimit, bodyLimit, bodyLimitFor, limitedBody } from './body-limit';

function chunked(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= total) return controller.close();
			const size = Math.min(chunk, total - sent);
			sent += size;
			controller.enqueue(new TextEncoder().encode('a'.repeat(size)));
		}
	});
}

describe('body limits per route', () => {
	it('gives the upload routes the media limit and every other route 512 KB', () => {
		expect(bodyLimitFor('/tal-om')).toBe(MEDIA_UPLOAD_BODY_BYTES);
		expect(bodyLimitFor('/dagbog')).toBe(MEDIA_LIMITS.ordinaryBodyBytes);
		expect(bodyLimitFor(null)).toBe(MEDIA_LIMITS.ordinaryBodyBytes);
	});

	it('reads BODY_SIZE_LIMIT as adapter-node does', () => {
		expect(adapterLimit('512K')).toBe(512 * 1024);
		expect(adapterLimit('10M')).toBe(10 * 1024 * 1024);
		expect(adapterLimit('Infinity')).toBe(Infinity);
		expect(adapterLimit('1000')).toBe(1000);
	});

	it('stops a body sent without a length at the limit, with a 413', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: limitedBody(chunked(600 * 1024), 512 * 1024),
			duplex: 'half'
		} as RequestInit);
		const failure = await request.formData().then(
			() => null,
			(cause: unknown) => cause
		);
		expect(isHttpError(failure) && failure.status).toBe(413);
	});

	it('passes a body under the limit unchanged', async () => {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: limitedBody(chunked(1000), 512 * 1024),
			duplex: 'half'
		} as RequestInit);
		expect((await request.text()).length).toBe(1000);
	});

	it('the hook counts a body sent without a length on an ordinary route, and stops it at 512 KB', async () => {
		const request = new Request('http://localhost/dagbog', {
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream' },
			body: chunked(600 * 1024),
			duplex: 'half'
		} as RequestInit);
		const event = { request, route: { id: '/dagbog' }, url: new URL(request.url), locals: {}, isDataRequest: false };
		const answer = await bodyLimit({
			event: event as never,
			resolve: async (e: { request: Request }) =>
				e.request.arrayBuffer().then(
					() => new Response('read all'),
					(cause: unknown) => new Response(isHttpError(cause) ? String(cause.status) : 'other', { status: 413 })
				)
		} as never);
		expect(await answer.text()).toBe('413');
	});
});
