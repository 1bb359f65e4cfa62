import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '$lib/server/log';
import { crossSiteGuard, isSameOrigin } from './cross-site';

const APP = 'https://minforloeb.kommune.dk';

function event(path: string, init: { method?: string; headers?: Record<string, string> } = {}, lang = 'en') {
	const request = new Request(APP + path, { method: init.method ?? 'POST', headers: init.headers });
	return {
		request,
		url: new URL(request.url),
		locals: { lang, reading: 'standard', requestId: 'r1' },
		isDataRequest: path.includes('__data.json')
	} as unknown as RequestEvent;
}

async function run(e: RequestEvent) {
	const resolve = vi.fn(async () => new Response('done'));
	const response = await crossSiteGuard({ event: e, resolve } as never);
	return { response, resolved: resolve.mock.calls.length > 0 };
}

afterEach(() => vi.restoreAllMocks());

describe('the origin rule (every request that is not GET/HEAD/OPTIONS)', () => {
	it.each([
		['GET with no headers', 'GET', {}, true],
		['HEAD from another site', 'HEAD', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, true],
		['OPTIONS', 'OPTIONS', {}, true],
		['POST from the app (browser)', 'POST', { origin: APP, 'sec-fetch-site': 'same-origin' }, true],
		['POST from the app without Sec-Fetch-Site (older browser, tests)', 'POST', { origin: APP }, true],
		['POST from another origin', 'POST', { origin: 'https://evil.example' }, false],
		[
			'POST from a sibling kommune.dk host (same site)',
			'POST',
			{ origin: 'https://other.kommune.dk', 'sec-fetch-site': 'same-site' },
			false
		],
		['POST naming the app but sent cross-site', 'POST', { origin: APP, 'sec-fetch-site': 'cross-site' }, false],
		['POST opened by the user agent itself', 'POST', { origin: APP, 'sec-fetch-site': 'none' }, false],
		['POST with Origin: null (sandboxed frame)', 'POST', { origin: 'null' }, false],
		['POST with no Origin and no Sec-Fetch-Site', 'POST', {}, false],
		['POST with only Sec-Fetch-Site: same-origin', 'POST', { 'sec-fetch-site': 'same-origin' }, false],
		['POST from the app on http (another origin)', 'POST', { origin: 'http://minforloeb.kommune.dk' }, false],
		['PUT from another origin', 'PUT', { origin: 'https://evil.example' }, false],
		['PATCH from another origin', 'PATCH', { origin: 'https://evil.example' }, false],
		['DELETE from another origin', 'DELETE', { origin: 'https://evil.example' }, false],
		['an unknown method from another origin', 'PROPFIND', { origin: 'https://evil.example' }, false]
	])('%s', (_name, method, headers, allowed) => {
		expect(isSameOrigin(method, new Headers(headers), APP)).toBe(allowed);
	});
});

describe('crossSiteGuard', () => {
	it('refuses a cross-origin logout with a plain page in the person’s language, before the route runs', async () => {
		const warn = vi.spyOn(logger, 'warn');
		const { response, resolved } = await run(
			event('/auth/logout', { headers: { origin: 'https://evil.example', 'content-type': 'text/plain' } }, 'da')
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toContain('text/html');
		const html = await response.text();
		expect(html).toContain('<html lang="da"');
		expect(html).toContain('Det kom fra en anden side end Mit forløb');
		expect(html).not.toMatch(/errors\.|cross_site/);
		expect(warn).toHaveBeenCalledOnce();
	});

	it('answers JSON on /api/ and an ActionResult to a form sent by script', async () => {
		const api = await run(event('/api/sync', { headers: { origin: 'https://evil.example' } }));
		expect(api.response.status).toBe(403);
		expect(await api.response.json()).toEqual({ message: 'errors.cross_site', code: 'cross_site' });
		const enhanced = await run(
			event('/dagbog?/write', { headers: { origin: 'https://evil.example', 'x-sveltekit-action': 'true' } })
		);
		expect(await enhanced.response.json()).toMatchObject({ type: 'error', status: 403 });
	});

	it('lets the app’s own requests through', async () => {
		const { response, resolved } = await run(
			event('/se-som', { headers: { origin: APP, 'sec-fetch-site': 'same-origin' } })
		);
		expect(resolved).toBe(true);
		expect(await response.text()).toBe('done');
	});
});
