import http from 'node:http';
import type { BrowserContext } from '@playwright/test';
import { E2E_ORIGIN, expect, loginAs, test } from './fixtures';
import { mutatingRequests, paramsOf, pathOf, routesWithParams, validFill } from './routes';

/**
 * Every route with a parameter (read from src/routes), each parameter in turn replaced by a
 * malformed value, the others well-formed: a plain 400 or 404, never a 500 (nor a redirect into
 * the page as if the value were fine). As nobody, as a citizen and as a professional, with GET
 * and with each form action or handler that changes something (sent from the app's own origin, so
 * the origin rule lets it through to the route). Sent with node:http, as the bytes are: a browser
 * or Playwright would tidy `%2e%2e` away before sending it.
 */

const MALFORMED: Array<[name: string, raw: string]> = [
	['not an id', 'not-an-id'],
	['a UUID with a letter too many', '00000000-0000-4000-8000-0000000000001'],
	['5,000 characters', 'a'.repeat(5000)],
	['control characters', '%01%09%0A%0D%1F%7F'],
	['NUL', '%00'],
	['NUL after a valid id', '00000000-0000-4000-8000-000000000000%00'],
	['encoded slash out', '..%2f..%2fetc%2fpasswd'],
	['encoded dots inside a segment', 'a%2e%2e%2fb'],
	['bidirectional override', '%E2%80%AE'],
	['broken percent-encoding', '%E0%A4%A'],
	['a lone percent sign', '%'],
	['SQL', "1'%20OR%20'1'='1"]
];

/**
 * A whole segment `%2e%2e` is `..` to every URL parser (WHATWG, and so adapter-node): the path
 * resolves to its parent before any route is chosen, so that route is never asked. Those are
 * checked apart: whatever the parent path answers, never a 500.
 */
const DOT_SEGMENT = '%2e%2e';

function send(method: string, path: string, cookie: string, body?: string) {
	const url = new URL(E2E_ORIGIN);
	return new Promise<{ status: number; location?: string }>((resolve, reject) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				method,
				path,
				headers: {
					accept: 'text/html',
					origin: url.origin,
					...(cookie ? { cookie } : {}),
					...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function cookieOf(context: BrowserContext): Promise<string> {
	return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

test('a malformed value in any route parameter is a plain 400 or 404, never a 500', async ({ browser }) => {
	test.setTimeout(120_000);
	const routes = routesWithParams();
	// The scan is real: the routes the review named are in it.
	const ids = routes.map((r) => r.id);
	for (const known of ['/dagbog/[entryId=uuid]', '/staff/citizens/[citizenId=uuid]', '/invitation/[code]'])
		expect(ids).toContain(known);

	const sessions: Array<[who: string, cookie: string]> = [['nobody', '']];
	for (const subject of ['demo-sara', 'demo-lone']) {
		const context = await browser.newContext();
		await loginAs(await context.newPage(), subject);
		sessions.push([subject, await cookieOf(context)]);
		await context.close();
	}

	const mutating = mutatingRequests(validFill).filter((r) => paramsOf(r.route).length);
	const wrong: string[] = [];
	let sent = 0;
	for (const [who, cookie] of sessions)
		for (const route of routes)
			for (const param of paramsOf(route.id))
				for (const [name, raw] of MALFORMED) {
					const fill = (p: string, matcher: string | undefined) => (p === param ? raw : validFill(p, matcher));
					const targets = [
						{ method: 'GET', path: pathOf(route.id, fill) },
						...mutating
							.filter((m) => m.route === route.id)
							.map((m) => ({
								method: m.method,
								path: pathOf(m.route, fill) + m.path.slice(pathOf(m.route, validFill).length)
							}))
					];
					for (const { method, path } of targets) {
						const { status } = await send(method, path, cookie, method === 'GET' ? undefined : 'x=1');
						sent++;
						if (status !== 400 && status !== 404)
							wrong.push(`${who} ${method} ${route.id} [${param}] = ${name}: ${status}`);
					}
				}
	for (const [who, cookie] of sessions)
		for (const route of routes)
			for (const param of paramsOf(route.id)) {
				const path = pathOf(route.id, (p, matcher) => (p === param ? DOT_SEGMENT : validFill(p, matcher)));
				const { status } = await send('GET', path, cookie);
				if (status >= 500) wrong.push(`${who} GET ${route.id} [${param}] = ${DOT_SEGMENT}: ${status}`);
			}
	expect(wrong).toEqual([]);
	expect(sent).toBeGreaterThan(300);
});

/** What a person reads on the page: the markup without scripts (their data may name keys) and tags. */
function visibleText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');
}

test('a refusal SvelteKit gives itself is a plain page in the person’s language, with no key names', async ({
	page,
	loginAs
}) => {
	await loginAs(page, 'demo-sara');
	const origin = new URL(E2E_ORIGIN).origin;
	const html = { origin, accept: 'text/html' };
	const cases = [
		// A body over BODY_SIZE_LIMIT (512 KB) on a form.
		{
			status: 413,
			text: /Det, du sendte, er for stort|Det var for meget på én gang/,
			response: () =>
				page.request.post('/dagbog?/write', { headers: html, form: { text: 'a'.repeat(600_000) }, maxRedirects: 0 })
		},
		// A method the page does not take (SvelteKit answers "PUT method not allowed" in English).
		{
			status: 405,
			text: /Det kan man ikke (gøre på den side|her)/,
			response: () => page.request.put('/plan', { headers: html, maxRedirects: 0 })
		},
		// error() in an endpoint (SvelteKit shows its bare message there: "errors.not_found").
		{
			status: 404,
			text: /Vi kan ikke finde/,
			response: () =>
				page.request.get('/moeder/00000000-0000-4000-8000-000000000000/kalender.ics', {
					headers: html,
					maxRedirects: 0
				})
		}
	];
	for (const { status, text, response } of cases) {
		const answer = await response();
		expect(answer.status()).toBe(status);
		const shown = visibleText(await answer.text());
		expect(shown).toMatch(text);
		expect(shown).not.toMatch(/\b(errors|limits|unavailable)\.[a-z_]+/);
		expect(shown).not.toMatch(/method not allowed|Payload Too Large/i);
	}
});
