/**
 * Proof 1 (issue 10): two app servers, one PostgreSQL. Nothing that matters lives in one
 * server's memory: a login begun and finished on A is a session on B, and a logout on B ends it
 * on A. After the jobs and limits branches: a reminder is delivered once although both servers
 * run workers, and a rate limit counts attempts on both servers.
 */
import { browserKeys, decryptPush, startPushService } from '../../src/lib/server/push/test-support';
import { personIdOf } from './diary';
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

	test.fixme('a reminder scheduled once is delivered exactly once although both servers run workers', async ({
		page,
		cluster,
		loginAs
	}) => {
		// Needs the "jobs" branch: pg-boss workers on both servers sending due meeting reminders.
		// To finish: check that both servers really run workers (/readyz on each, or their logs), and
		// set the wait below to the reminder job's interval (+ a margin for a second worker's race).
		const service = await startPushService();
		try {
			// Jonas chose reminders an hour before (the default) and subscribes this "phone".
			await loginAs(page, 'demo-jonas');
			const keys = browserKeys();
			const subscription = { endpoint: `${service.origin}/push/jonas`, keys: { p256dh: keys.p256dh, auth: keys.auth } };
			expect((await page.request.post('/api/push', { data: subscription, headers: { origin: ORIGIN } })).status()).toBe(
				201
			);

			// A meeting booked yesterday that starts in 59½ minutes: its hour-before reminder is due now.
			const jonas = await personIdOf(cluster.sql, 'demo-jonas');
			const peter = await personIdOf(cluster.sql, 'demo-peter');
			const [{ id: meetingId }] = await cluster.sql<{ id: string }[]>`
				INSERT INTO meetings (citizen_id, kind, starts_at, ends_at, created_by, created_at, updated_at)
				SELECT ${jonas}, kind, now() + interval '59 minutes 30 seconds', now() + interval '2 hours', ${peter},
					now() - interval '1 day', now() - interval '1 day'
				FROM meetings WHERE citizen_id = ${jonas} LIMIT 1
				RETURNING id`;

			await expect
				.poll(
					async () =>
						(await cluster.sql`SELECT 1 FROM notification_deliveries WHERE key LIKE ${meetingId + '%'}`).length,
					{ timeout: 120_000 }
				)
				.toBe(1);
			// Long enough for the other server's worker to have had its turn too.
			await new Promise((r) => setTimeout(r, 15_000));
			const toJonas = service.received.filter((p) => p.path === '/push/jonas');
			expect(toJonas).toHaveLength(1);
			expect(JSON.parse(decryptPush(toJonas[0].body, keys))).toMatchObject({ url: `/moeder/${meetingId}` });
			expect((await cluster.sql`SELECT 1 FROM notification_deliveries WHERE key LIKE ${meetingId + '%'}`).length).toBe(
				1
			);
		} finally {
			await service.close();
		}
	});

	test.fixme('a rate limit counts attempts made on both servers', async ({ page, cluster }) => {
		// Needs the "limits" branch (limits kept in rate_limit_hits). To finish: set LIMIT to the
		// invitation-code limit it configures, and the refusal text to its Danish page.
		const LIMIT = 5;
		const tryCode = async (server: 'a' | 'b', n: number) => {
			cluster.proxy.pin(server);
			const response = await page.request.post('/invitation?/code', {
				form: { code: `FORKERT-${n}` },
				headers: { origin: ORIGIN },
				maxRedirects: 0
			});
			expect(response.headers()['x-upstream']).toBe(server);
			return response;
		};
		// LIMIT wrong tries, alternating between the servers: each is told the code is wrong.
		for (let n = 1; n <= LIMIT; n++) expect((await tryCode(n % 2 ? 'a' : 'b', n)).status()).toBe(400);
		// The next one is refused on either server, although neither has seen LIMIT tries itself.
		for (const server of ['a', 'b'] as const) {
			const refused = await tryCode(server, 99);
			expect(refused.status()).toBe(429);
			expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
		}
		const [{ hits }] = await cluster.sql<{ hits: number }[]>`SELECT count(*)::int AS hits FROM rate_limit_hits`;
		expect(hits).toBeGreaterThanOrEqual(LIMIT);
	});
});
