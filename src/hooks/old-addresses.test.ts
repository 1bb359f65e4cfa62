import type { RequestEvent } from '@sveltejs/kit';
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { OLD_ADDRESSES, newPath, oldAddresses } from './old-addresses';

async function run(path: string, method = 'GET') {
	const request = new Request('https://minforloeb.kommune.dk' + path, { method });
	const event = { request, url: new URL(request.url) } as unknown as RequestEvent;
	const resolve = vi.fn(async () => new Response('page'));
	const response = await oldAddresses({ event, resolve } as never);
	return { response, resolved: resolve.mock.calls.length > 0 };
}

describe('the table of old addresses', () => {
	it.each(Object.entries(OLD_ADDRESSES))('%s → %s: the new page exists and the old one is gone', (old, now) => {
		expect(existsSync(`src/routes${now}`)).toBe(true);
		expect(existsSync(`src/routes${old}`)).toBe(false);
	});

	it.each([
		['/account', '/konto'],
		['/preferences', '/indstillinger'],
		['/relative', '/som-paaroerende'],
		['/account/', '/konto/'],
		['/account/__data.json', '/konto/__data.json'],
		['/accounts', null],
		['/relatives', null],
		['/konto', null],
		['/paaroerende', null],
		['/staff/account', null],
		['/', null]
	])('%s → %s', (path, expected) => {
		expect(newPath(path)).toBe(expected);
	});
});

describe('oldAddresses', () => {
	it.each([
		['/account', 'GET', 301, '/konto'],
		['/preferences?x=1', 'GET', 301, '/indstillinger?x=1'],
		['/relative', 'HEAD', 301, '/som-paaroerende'],
		['/preferences?/language', 'POST', 308, '/indstillinger?/language'],
		['/account?/end', 'POST', 308, '/konto?/end']
	])('%s (%s) answers %i to %s', async (path, method, status, location) => {
		const { response, resolved } = await run(path, method);
		expect(resolved).toBe(false);
		expect(response.status).toBe(status);
		expect(response.headers.get('location')).toBe(location);
	});

	it('leaves every other address to the app', async () => {
		const { response, resolved } = await run('/konto');
		expect(resolved).toBe(true);
		expect(response.status).toBe(200);
	});
});
