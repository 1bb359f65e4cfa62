/**
 * Proof 1 (issue 10): two app servers, one PostgreSQL. Nothing that matters lives in one
 * server's memory: a login begun and finished on A is a session on B, and a logout on B ends it
 * on A. After the jobs and limits branches: a reminder is delivered once although both servers
 * run workers, and a rate limit counts attempts on both servers.
 */
import { expect, ORIGIN, test } from './fixtures';

test.describe('two servers, one database', () => {
	test('log in through A, use the session on B as the same person; log out on B ends it on A', async ({
		page,
		cluster,
		loginAs
	}) => {
		cluster.proxy.pin('a');
		await loginAs(page, 'demo-sara');
		await expect(page.getByRole('heading', { level: 1, name: 'I dag' })).toBeVisible();
		// The whole login (start, callback, first page) went to A, none of it to B.
		expect(cluster.proxy.stats.a.answered).toBeGreaterThan(0);
		expect(cluster.proxy.stats.b.forwarded).toBe(0);

		// A is gone; B has never seen this browser, and knows it from the database alone.
		await cluster.servers.a.kill();
		const plan = await page.goto('/plan');
		expect(plan?.headers()['x-upstream']).toBe('b');
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: /Mestringsforløb/ })).toBeVisible();
		await expect(page.getByText('Lone Berg')).toBeVisible();
		const print = await page.goto('/mine-data/udskrift');
		expect(print?.status()).toBe(200);
		expect(print?.headers()['x-upstream']).toBe('b');
		await expect(page.getByText('Sara Nielsen').first()).toBeVisible();
		// Not somebody else's pages: Jonas (Lone's other citizen) is not on them.
		await expect(page.getByText('Jonas Madsen')).toHaveCount(0);

		// A is back. The browser's cookies, as they are now, open Sara's plan on A …
		await cluster.servers.a.start();
		const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const withOldCookie = async () => {
			cluster.proxy.pin('a');
			const response = await page.request.get('/plan', { headers: { cookie }, maxRedirects: 0 });
			expect(response.headers()['x-upstream']).toBe('a');
			return response.status();
		};
		expect(await withOldCookie()).toBe(200);

		// … until Sara logs out on B: then the same cookies open nothing on A.
		cluster.proxy.pin('b');
		await page.goto('/mere');
		await page.locator('form[action="/auth/logout"]').first().getByRole('button').click();
		await page.waitForURL(/\/login/);
		expect(cluster.proxy.events.some((e) => e.path.startsWith('/auth/logout') && e.upstream === 'b')).toBe(true);
		const status = await withOldCookie();
		expect(status, 'a logged-out session must not open the plan on the other server').not.toBe(200);
		expect([302, 303, 307, 401, 403]).toContain(status);
	});

	test('a login begun on A is finished on B, and both serve the session through one origin', async ({
		page,
		cluster
	}) => {
		// Begin on A: the login page, and the redirect to the identity provider (state and PKCE verifier).
		cluster.proxy.pin('a');
		await page.goto('/login');
		await page
			.getByRole('link', { name: /Log ind med MitID/i })
			.or(page.getByRole('button', { name: /Log ind med MitID/i }))
			.first()
			.click();
		await page.waitForURL((url) => url.origin !== ORIGIN);

		// Finish on B: the identity provider sends the browser back to the callback, which B answers.
		cluster.proxy.pin('b');
		await page.getByRole('radio', { name: /Betydelig/i }).check();
		await page.getByRole('button', { name: 'Jonas Madsen' }).click();
		await page.waitForURL((url) => url.origin === ORIGIN && !url.pathname.startsWith('/auth/callback'));
		await expect(page.getByRole('heading', { level: 1, name: 'I dag' })).toBeVisible();
		const begun = cluster.proxy.events.filter((e) => e.path.startsWith('/auth/login'));
		const finished = cluster.proxy.events.filter((e) => e.path.startsWith('/auth/callback'));
		expect(begun.map((e) => e.upstream)).toEqual(['a']);
		expect(finished.map((e) => e.upstream)).toEqual(['b']);

		// Round-robin from here: both servers serve Jonas's plan.
		cluster.proxy.roundRobin();
		const served = new Set<string>();
		for (let i = 0; i < 4; i++) {
			const response = await page.request.get('/plan', { maxRedirects: 0 });
			expect(response.status()).toBe(200);
			expect(await response.text()).toContain('Lone Berg');
			served.add(response.headers()['x-upstream']);
		}
		expect([...served].sort()).toEqual(['a', 'b']);
	});

	test.fixme('a reminder scheduled once is delivered exactly once although both servers run workers', async () => {
		// Needs the "jobs" branch (pg-boss on every server). Then:
		// 1. start a push service: startPushService() from src/lib/server/push/test-support.ts;
		// 2. as Sara (loginAs), subscribe: POST /api/push { endpoint: `${service.origin}/push/sara`, keys }
		//    (see tests/e2e/meetings.spec.ts, "reminders: …"), and choose reminders an hour before;
		// 3. as Peter, schedule a meeting for Sara starting in 60 minutes + a few seconds, so the
		//    hour-before reminder is due at once (or insert the job with the jobs branch's API);
		// 4. wait until notification_deliveries has the row for that meeting (poll cluster.sql), then
		//    a little more for a second worker to race, and assert service.received has exactly one
		//    POST for /push/sara whose decrypted payload is the reminder for that meeting, and
		//    notification_deliveries has exactly one row for (meeting, person, kind);
		// 5. both servers really ran workers: pg-boss's job table shows the job completed once, and
		//    both A's and B's logs say the runner started (or /readyz on each reports it).
	});

	test.fixme('a rate limit counts attempts made on both servers', async () => {
		// Needs the "limits" branch (limits in rate_limit_hits). Then:
		// 1. with page.request, make N wrong invitation-code tries (N = the configured limit),
		//    alternating cluster.proxy.pin('a') / pin('b') before each, checking x-upstream;
		// 2. the next try, on either server, is refused: 429 with Retry-After (API) or the plain
		//    refusal page in Danish with when to try again (form), and the right code is refused too
		//    until then;
		// 3. rate_limit_hits (cluster.sql) holds N + 1 attempts for that key, whichever server took them.
	});
});
