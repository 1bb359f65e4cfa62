/**
 * "Look at it together" across two app servers (issue 11): Sara's phone talks only to server A,
 * Lone's tablet only to server B, both behind the one load balancer. What Lone points at on B
 * reaches Sara's live stream on A, and what Sara writes on A reaches Lone's stream on B — through
 * PostgreSQL's LISTEN/NOTIFY, since the two servers share nothing else.
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { loginAs, startFromVideoMeeting } from '../e2e/fixtures';
import { expect, ORIGIN, test } from './fixtures';

async function personOn(browser: Browser, subject: string, upstream: 'a' | 'b', options: BrowserContextOptions) {
	const context = await browser.newContext({
		baseURL: ORIGIN,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		serviceWorkers: 'block',
		// The load balancer sends every request of this device to one server.
		extraHTTPHeaders: { 'x-cluster-upstream': upstream },
		...options
	});
	const page = await context.newPage();
	await loginAs(page, subject, 'Substantial', ORIGIN);
	return page;
}

const item = (page: Page, subgoalId: string) => page.locator(`li#subgoal-${subgoalId}`);

test('Sara on server A and Lone on server B look at Sara’s plan together', async ({ browser, cluster }) => {
	test.setTimeout(180_000);
	cluster.proxy.resetStats();
	const sara = await personOn(browser, 'demo-sara', 'a', { viewport: { width: 360, height: 740 }, isMobile: true });
	const lone = await personOn(browser, 'demo-lone', 'b', { viewport: { width: 800, height: 1280 } });
	await sara.goto('/');

	// Lone starts it from their video support time (on B).
	const sessionPath = await startFromVideoMeeting(lone);

	// The invitation reaches Sara's page, served and streamed by A.
	const banner = sara.getByRole('complementary').filter({ hasText: /Lone vil se din plan med dig/ });
	await expect(banner).toBeVisible();
	await banner.getByRole('button', { name: /^Ja, se sammen/ }).click();
	await expect(sara).toHaveURL(sessionPath);
	await expect(lone.getByText('Du ser planen sammen med Sara.')).toBeVisible();

	// Lone points (B) → Sara sees it (A).
	const alarm = lone.locator('ul.subgoals > li').filter({ hasText: 'Sætte en alarm før hver aftale' });
	const subgoalId = (await alarm.getAttribute('id'))!.replace('subgoal-', '');
	await alarm.getByRole('button', { name: /^Peg på det her/ }).click();
	await expect(item(sara, subgoalId).getByText('Lone peger her')).toBeVisible();

	// Sara writes a note (A) → Lone sees it (B), marked with Sara's name.
	const saraItem = item(sara, subgoalId);
	await saraItem.getByText(/^Skriv en note sammen/).click();
	await saraItem.getByLabel('Noten').fill('Skrevet på server A.');
	await saraItem.getByRole('button', { name: /^Gem noten/ }).click();
	await expect(item(lone, subgoalId).getByText('Skrevet på server A.')).toBeVisible();
	await expect(item(lone, subgoalId).getByText('Sara har ændret dette')).toBeVisible();

	// Sara stops it (A); Lone's screen (B) says so, and her next event is refused: it has ended.
	await sara.getByRole('button', { name: /^Stop se det sammen/ }).click();
	await expect(lone.getByText('Sara stoppede. Intet bliver ændret mere.')).toBeVisible();
	const refused = await lone.request.post(`/api/together/${sessionPath.split('/').pop()}/events`, {
		data: { kind: 'highlight', target: 'subgoal', id: subgoalId },
		headers: { origin: ORIGIN }
	});
	expect(refused.status()).toBe(409);
	expect(await refused.json()).toMatchObject({ code: 'ended' });

	// The events really went where each device was pinned, and so did each device's live stream:
	// Sara's to A, Lone's to B — the two servers met only in the database.
	const posts = (upstream: string) =>
		cluster.proxy.events.filter((e) => e.method === 'POST' && e.path.startsWith('/sammen/') && e.upstream === upstream);
	expect(posts('a').length).toBeGreaterThan(0);
	expect(posts('b').length).toBeGreaterThan(0);
	const streams = cluster.proxy.events.filter((e) => e.stream && e.path.startsWith('/api/together/stream'));
	for (const server of ['a', 'b']) {
		const own = streams.filter((e) => e.asked === server);
		expect(own.length, `streams of the device pinned to ${server}`).toBeGreaterThan(0);
		expect(own.map((e) => [e.upstream, e.status])).toEqual(own.map(() => [server, 200]));
	}
	expect(streams.every((e) => e.asked === 'a' || e.asked === 'b')).toBe(true);
	await sara.context().close();
	await lone.context().close();
});

test('an invitation that has run out: accepting it and events to it are refused in plain words, nothing changes', async ({
	browser,
	cluster
}) => {
	const sara = await personOn(browser, 'demo-sara', 'a', { viewport: { width: 360, height: 740 }, isMobile: true });
	const lone = await personOn(browser, 'demo-lone', 'b', { viewport: { width: 800, height: 1280 } });
	const sameSite = { origin: ORIGIN };
	try {
		// Sara invites Lone from her plan during the support time (A).
		await sara.goto('/plan');
		const subgoalId = (await sara.locator('ul.subgoals > li').first().getAttribute('id'))!.replace('subgoal-', '');
		const started = await sara.request.post('/plan?/together', {
			form: {},
			headers: { ...sameSite, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(started.status()).toBe(303);
		const sessionPath = started.headers().location;
		const sessionId = sessionPath.split('/').pop()!;
		// Lone does not answer in time: the invitation's minutes pass.
		await cluster.sql`update together_sessions set invitation_expires_at = now() - interval '1 minute' where id = ${sessionId}`;

		// On B: an event to it (API and form) and a late yes are refused, with what to do.
		const point = { kind: 'highlight', target: 'subgoal', id: subgoalId };
		const viaApi = await lone.request.post(`/api/together/${sessionId}/events`, { data: point, headers: sameSite });
		expect(viaApi.status()).toBe(409);
		expect(await viaApi.json()).toMatchObject({ code: 'expired' });
		for (const action of ['event', 'accept']) {
			const answer = await lone.request.post(`${sessionPath}?/${action}`, {
				form: action === 'event' ? point : {},
				headers: { ...sameSite, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(answer.status(), action).toBe(409);
			expect(await answer.text()).toContain('Det er for sent at svare. Start igen.');
		}

		// Nothing changed: still the unanswered invitation, and no event but the invitation itself.
		const [session] = await cluster.sql`select status, accepted_at from together_sessions where id = ${sessionId}`;
		expect(session).toEqual({ status: 'invited', accepted_at: null });
		const events = await cluster.sql`select kind from together_events where session_id = ${sessionId} order by seq`;
		expect(events.map((e) => e.kind)).toEqual(['invited']);
	} finally {
		await sara.context().close();
		await lone.context().close();
	}
});
