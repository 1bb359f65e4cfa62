import type { BrowserContext, Page } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';

/**
 * Login bound to the browser that began it (login CSRF), and return addresses that cannot send
 * a person to another site. Issue 16, points 1, 2 and 6.
 */

/** On the development identity provider's page: the level, then the person. */
async function pickAtProvider(page: Page, displayName: string): Promise<void> {
	await page.waitForURL((url) => url.origin !== E2E_ORIGIN);
	await page.getByRole('radio', { name: /Betydelig/ }).check();
	await page.getByRole('button', { name: displayName }).click();
}

/**
 * Begins a login in `context` as an attacker's script would, through the identity provider, and
 * stops before the app sees the callback: returns its URL. The context's own cookies go along.
 */
async function callbackUrlOf(context: BrowserContext, subject: string): Promise<string> {
	const start = await context.request.get('/auth/login', { maxRedirects: 0 });
	let response = await context.request.get(start.headers()['location'], { maxRedirects: 0 });
	const interaction = new URL(response.headers()['location'], start.headers()['location']);
	response = await context.request.post(interaction.href, {
		form: { loa: 'Substantial', subject },
		maxRedirects: 0
	});
	for (let hop = 0; hop < 5; hop++) {
		const location = new URL(response.headers()['location'], interaction);
		if (location.href.startsWith(`${E2E_ORIGIN}/auth/callback?`)) return location.href;
		response = await context.request.get(location.href, { maxRedirects: 0 });
	}
	throw new Error('the identity provider never sent the browser back');
}

test.describe('login bound to the browser', () => {
	test("a callback link from another person's login logs nobody in, and her own session goes on", async ({
		browser,
		loginViaIdp,
		axe
	}) => {
		// The attacker (Jonas) begins a login as himself and keeps the link back to the app.
		const attacker = await browser.newContext();
		const link = await callbackUrlOf(attacker, 'demo-jonas');

		// Sara, logged in in her own browser, opens that link.
		const sara = await browser.newContext();
		const page = await sara.newPage();
		await loginViaIdp(page, 'demo-sara');
		const before = (await sara.cookies()).find((c) => c.name === '__Host-mf-session')?.value;
		await page.goto(link);

		await expect(page).toHaveURL(/\/login\?error=other_browser$/);
		await expect(page.getByRole('alert')).toContainText('Log ind blev ikke færdigt');
		await expect(page.getByRole('link', { name: 'Log ind med MitID' })).toBeVisible();
		await axe(page);

		// Still Sara, with the same session: nothing was logged in, nothing ended.
		expect((await sara.cookies()).find((c) => c.name === '__Host-mf-session')?.value).toBe(before);
		await page.goto('/mine-data/udskrift');
		await expect(page.getByText('Sara Nielsen', { exact: true })).toBeVisible();
		await expect(page.getByText('Jonas Madsen', { exact: true })).toHaveCount(0);

		// Refused once, the link is dead: the attacker cannot use it either.
		const again = await attacker.newPage();
		await again.goto(link);
		await expect(again).toHaveURL(/\/login\?error=unknown_attempt$/);
		await attacker.close();
		await sara.close();
	});

	test('the refusal is in the person’s language and reading mode, and its button starts a new login', async ({
		browser
	}) => {
		const attacker = await browser.newContext();
		const link = await callbackUrlOf(attacker, 'demo-jonas');
		const other = await browser.newContext();
		await other.addCookies([
			{ name: 'mf-lang', value: 'en', url: E2E_ORIGIN },
			{ name: 'mf-reading', value: 'easy', url: E2E_ORIGIN }
		]);
		const page = await other.newPage();
		await page.goto(link);
		await expect(page.getByRole('alert')).toContainText('The login did not finish');
		await expect(page.getByRole('alert')).toContainText('It did not work. Try again.');
		await page.getByRole('link', { name: 'Log in with MitID' }).click();
		await pickAtProvider(page, 'Sara Nielsen');
		await page.waitForURL((url) => url.origin === E2E_ORIGIN && !url.pathname.startsWith('/auth/'));
		expect(new URL(page.url()).pathname).toBe('/');
		await attacker.close();
		await other.close();
	});

	test('two logins begun in two tabs of one browser both finish', async ({ context }) => {
		const first = await context.newPage();
		const second = await context.newPage();
		await first.goto('/login?returnTo=%2Fplan');
		await first.getByRole('link', { name: 'Log ind med MitID' }).click();
		await second.goto('/login?returnTo=%2Fkriseplan');
		await second.getByRole('link', { name: 'Log ind med MitID' }).click();

		// The later tab first, then the earlier one.
		await pickAtProvider(second, 'Sara Nielsen');
		await second.waitForURL(`${E2E_ORIGIN}/kriseplan`);
		await pickAtProvider(first, 'Sara Nielsen');
		await first.waitForURL(`${E2E_ORIGIN}/plan`);
		// Both used: the login cookie is gone.
		expect((await context.cookies()).map((c) => c.name)).not.toContain('__Host-mf-login');
	});

	test('the login cookie is __Host-, HttpOnly, Secure, SameSite=Lax and short-lived', async ({ page, context }) => {
		await page.route(/127\.0\.0\.1/, (route) => route.abort());
		await page.goto('/auth/login').catch(() => undefined);
		const cookie = (await context.cookies()).find((c) => c.name === '__Host-mf-login');
		expect(cookie).toBeDefined();
		expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
		expect(cookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5_000);
	});
});

test.describe('return addresses', () => {
	test('a hostile returnTo through the whole login ends on the app', async ({ page }) => {
		await page.goto('/auth/login?returnTo=/%09/evil.example');
		await pickAtProvider(page, 'Sara Nielsen');
		await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && !url.host.startsWith('127.0.0.1'));
		expect(new URL(page.url()).origin).toBe(E2E_ORIGIN);
		expect(new URL(page.url()).pathname).toBe('/');
	});

	test('a returnTo with a newline gets / everywhere, never a 500', async ({ page, loginAs, request }) => {
		const hostile = '/plan\r\nSet-Cookie: x=1';
		// Logged out: the login page and the start of a login.
		const loginPage = await request.get(`/login?returnTo=${encodeURIComponent(hostile)}`);
		expect(loginPage.status()).toBe(200);
		expect(await loginPage.text()).toContain('href="/auth/login?returnTo=%2F"');
		const start = await request.get(`/auth/login?returnTo=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
		expect(start.status()).toBe(303);
		expect(start.headers()['location']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/);

		// The switches in the header, logged in: Ali, whose saved settings are the ones posted (the
		// defaults), so no later test meets a changed person.
		await loginAs(page, 'demo-ali');
		const loggedIn = await page.request.get(`/login?returnTo=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
		expect(loggedIn.status()).toBe(303);
		expect(loggedIn.headers()['location']).toBe('/');
		const forms: Array<[string, Record<string, string>]> = [
			['/indstillinger?/language', { lang: 'da' }],
			['/indstillinger?/reading', { reading: 'standard' }],
			['/indstillinger?/display', { reset: '1' }],
			['/indstillinger?/size', { size: '100' }]
		];
		for (const [action, form] of forms) {
			const response = await page.request.post(action, {
				form: { ...form, returnTo: hostile },
				// As the browser's form post does (without text/html SvelteKit answers in JSON).
				headers: { origin: E2E_ORIGIN, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), action).toBe(303);
			expect(response.headers()['location'], action).toBe('/');
			expect(response.headers()['set-cookie'] ?? '', action).not.toContain('x=1');
		}
	});
});
