import type { RequestEvent } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainErrors } from './plain-errors';

/** SvelteKit's static error page as it fills src/error.html. */
const staticPage = (status: number, message: string) =>
	readFileSync('src/error.html', 'utf8')
		.replaceAll('%sveltekit.status%', String(status))
		.replace('%sveltekit.error.message%', message);

function run(path: string, answer: Response, accept = 'text/html', lang = 'da') {
	const request = new Request('http://localhost' + path, { method: 'PUT', headers: { accept } });
	const event = { request, url: new URL(request.url), locals: { lang, reading: 'easy' }, isDataRequest: false };
	return plainErrors({ event: event as unknown as RequestEvent, resolve: async () => answer } as never);
}

describe('plainErrors', () => {
	it('an error() in an endpoint: the text in the person’s language and reading mode, not the key', async () => {
		const html = { 'content-type': 'text/html; charset=utf-8' };
		const response = await run(
			'/api/together/x/events',
			new Response(staticPage(401, 'errors.not_logged_in'), { status: 401, headers: html }),
			'text/html',
			'en'
		);
		expect(response.status).toBe(401);
		const body = await response.text();
		expect(body).toContain('<html lang="en"');
		expect(body).toContain('You need to log in first.');
		expect(body).not.toContain('errors.');
	});

	it('a page’s 405 in English becomes the page, and keeps Allow', async () => {
		const response = await run(
			'/plan',
			new Response(new TextEncoder().encode('PUT method not allowed'), { status: 405, headers: { allow: 'GET, POST' } })
		);
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, POST');
		const body = await response.text();
		expect(body).toContain('Det kan man ikke her. Prøv igen.');
		expect(body).not.toMatch(/method not allowed/i);
	});

	it('leaves JSON and the API’s own answers alone', async () => {
		const json = new Response('{"message":"errors.too_large"}', {
			status: 413,
			headers: { 'content-type': 'application/json' }
		});
		expect(await (await run('/api/sync', json, 'application/json')).text()).toBe('{"message":"errors.too_large"}');
		const apiText = await run('/api/push', new Response('PUT method not allowed', { status: 405 }));
		expect(await apiText.text()).toBe('PUT method not allowed');
	});
});
