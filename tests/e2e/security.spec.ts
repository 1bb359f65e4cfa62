import { E2E_ORIGIN, expect, test } from './fixtures';

test.describe('security basics', () => {
	test('pages carry the security headers and are not cached', async ({ request }) => {
		const response = await request.get('/login');
		const headers = response.headers();
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy']).toContain("script-src 'self'");
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(headers['cache-control']).toBe('no-store');
	});

	test('a forged cross-site form post is refused and changes nothing', async ({ request }) => {
		const response = await request.post('/indstillinger?/language', {
			form: { lang: 'en', returnTo: '/' },
			headers: { origin: 'https://evil.example' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(403);
		expect(response.headers()['set-cookie'] ?? '').not.toContain('mf-lang');
	});

	test('an old address redirects to its Danish one; an old form post keeps its method', async ({ request }) => {
		for (const [old, now] of [
			['/account', '/konto'],
			['/preferences?x=1', '/indstillinger?x=1'],
			['/relative', '/som-paaroerende']
		]) {
			const response = await request.get(old, { maxRedirects: 0 });
			expect(response.status(), old).toBe(301);
			expect(response.headers()['location'], old).toBe(now);
		}
		// The language switch of a page loaded before the change: 308 keeps POST and the form.
		const post = {
			form: { lang: 'en', returnTo: '/' },
			headers: { origin: E2E_ORIGIN, accept: 'text/html' },
			maxRedirects: 0
		};
		const old = await request.post('/preferences?/language', post);
		expect(old.status()).toBe(308);
		expect(old.headers()['location']).toBe('/indstillinger?/language');
		expect(old.headers()['set-cookie'] ?? '').not.toContain('mf-lang');
		const again = await request.post(old.headers()['location'], post);
		expect(again.status()).toBe(303);
		expect(again.headers()['set-cookie']).toContain('mf-lang=en');
	});

	test('a cross-site JSON post is refused', async ({ request }) => {
		const response = await request.post('/api/session/extend', {
			headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
		});
		expect(response.status()).toBe(403);
	});

	test('a tampered or replayed session cookie is treated as logged out', async ({
		page,
		loginViaIdp,
		context,
		request
	}) => {
		// Through the identity provider: the cookie's attributes are the callback's own.
		await loginViaIdp(page, 'demo-sara');
		const cookie = (await context.cookies()).find((c) => c.name === '__Host-mf-session')!;
		expect(cookie.httpOnly).toBe(true);
		expect(cookie.secure).toBe(true);
		expect(cookie.sameSite).toBe('Lax');

		const withCookie = (value: string) =>
			request.get('/plan', { headers: { cookie: `__Host-mf-session=${value}` }, maxRedirects: 0 });
		expect((await withCookie(cookie.value)).status()).toBe(200);

		const last = cookie.value.at(-1) === 'a' ? 'b' : 'a';
		const tampered = await withCookie(cookie.value.slice(0, -1) + last);
		expect(tampered.status()).toBe(303);
		expect(tampered.headers()['location']).toBe('/login?returnTo=%2Fplan');
		expect(tampered.headers()['set-cookie']).toContain('__Host-mf-session=;');

		// After logout the same token is dead, even replayed by hand.
		await page.goto('/mere');
		await page.getByRole('button', { name: 'Log ud' }).click();
		await expect(page).toHaveURL(/loggedOut/);
		expect((await withCookie(cookie.value)).status()).toBe(303);
	});

	test('a malformed login callback gets a plain page, no stack trace', async ({ page, axe }) => {
		await page.goto('/auth/callback?code=abc');
		await expect(page).toHaveURL(/error=malformed_callback/);
		await expect(page.getByRole('alert')).toContainText('Det gik ikke');
		await axe();
		await page.goto('/auth/callback?state=forged&code=abc');
		await expect(page).toHaveURL(/error=unknown_attempt/);
	});

	test('an unknown page is a plain 404', async ({ page, axe }) => {
		const response = await page.goto('/findes-ikke');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible();
		await axe();
	});
});
