import type { APIResponse, Page } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';
import { mutatingRequests, validFill, type MutatingRequest } from './routes';

/**
 * The origin rule (src/hooks/cross-site.ts), for every request that changes something, found by
 * reading src/routes: each form action and each POST/PUT/PATCH/DELETE handler. Sara is logged in
 * and looks at her pages as Jens sees them; a page on another origin (another *.kommune.dk host
 * is the same site, so her SameSite=Lax cookie goes along) sends each of them in every shape a
 * page elsewhere can: no content type, text/plain, JSON, and the two form types. Every one is
 * refused by the origin rule itself (its own answer, not a route's refusal), and afterwards she
 * is still logged in, still looking as Jens (/se-som did not switch back), and her data is as it was.
 */

const EVIL = 'https://evil.example';

type Shape = { name: string; headers: Record<string, string>; body?: Record<string, unknown> };
const SHAPES: Shape[] = [
	{ name: 'no content type', headers: { origin: EVIL } },
	{ name: 'text/plain', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: { data: 'a=1' } },
	{ name: 'application/json', headers: { origin: EVIL }, body: { data: { items: [] } } },
	{ name: 'form (urlencoded)', headers: { origin: EVIL }, body: { form: { id: 'x' } } },
	{ name: 'form (multipart)', headers: { origin: EVIL }, body: { multipart: { id: 'x' } } },
	{
		name: 'another host of the same site',
		headers: { origin: 'https://anden.kommune.dk', 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
		body: { data: 'a=1' }
	},
	{ name: 'no Origin at all', headers: { 'content-type': 'text/plain' }, body: { data: 'a=1' } }
];

async function refusedByOriginRule(response: APIResponse, request: MutatingRequest): Promise<boolean> {
	if (response.status() !== 403) return false;
	const body = await response.text();
	if (request.path.startsWith('/api/')) return body.includes('"code":"cross_site"');
	// The plain page, in Sara's language (either reading mode).
	return /<html lang="da"/.test(body) && /Det kom (fra en anden side end|ikke fra) Mit forløb/.test(body);
}

/** Sara's data as her JSON export has it, without the moment of the export and her session's clock. */
async function saraData(page: Page): Promise<unknown> {
	const response = await page.request.get('/mine-data/eksport.json');
	expect(response.status()).toBe(200);
	const data = (await response.json()) as Record<string, unknown>;
	return JSON.parse(
		JSON.stringify(data, (key, value) => (/^(exportedAt|generatedAt|lastSeenAt)$/.test(key) ? undefined : value))
	);
}

test('a request from another origin changes nothing, on every route that changes something', async ({
	page,
	loginAs
}) => {
	const requests = mutatingRequests(validFill);
	// The scan is real: it finds the routes the review named and the shapes of routes there are.
	const found = requests.map((r) => `${r.method} ${r.path}`);
	for (const known of [
		'POST /auth/logout',
		'POST /se-som',
		'POST /dagbog?/write',
		'POST /api/sync',
		'DELETE /api/push'
	])
		expect(found).toContain(known);
	expect(requests.length).toBeGreaterThan(40);

	await loginAs(page, 'demo-sara');
	const before = await saraData(page);
	await page.goto('/paaroerende');
	await page.getByRole('button', { name: 'Se det, som Jens ser' }).click();
	const banner = page.getByRole('region', { name: 'Du ser dine sider, som Jens ser dem.' });
	await expect(banner).toBeVisible();

	const notRefused: string[] = [];
	for (const request of requests)
		for (const shape of SHAPES) {
			const response = await page.request.fetch(request.path, {
				method: request.method,
				headers: shape.headers,
				...shape.body,
				maxRedirects: 0
			});
			if (!(await refusedByOriginRule(response, request)))
				notRefused.push(`${request.method} ${request.path} (${shape.name}): ${response.status()}`);
		}
	expect(notRefused).toEqual([]);

	// Still logged in, still looking as Jens: the cross-origin logout and /se-som did nothing.
	await page.goto('/plan');
	await expect(page).toHaveURL(/\/plan$/);
	await expect(banner).toBeVisible();

	// The same steps from the app itself still work, and her data is as it was.
	await banner.getByRole('button').click();
	await expect(banner).toHaveCount(0);
	expect(await saraData(page)).toEqual(before);
	const origin = new URL(E2E_ORIGIN).origin;
	const logout = await page.request.post('/auth/logout', { headers: { origin }, maxRedirects: 0 });
	expect(logout.status()).toBe(303);
	expect((await page.request.get('/plan', { maxRedirects: 0 })).status()).toBe(303);
});
