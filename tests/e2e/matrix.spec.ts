import type { APIRequestContext, Browser } from '@playwright/test';
import { E2E_ORIGIN, expect, loginAs, setRelativeScope, test } from './fixtures';

/**
 * The authorization matrix at the HTTP level: each kind of person against each page, through
 * the real login. 200 is allowed, 303 a redirect (to login or to the person's own start page),
 * 403 refused with a page that says why.
 */

async function sessionFor(browser: Browser, subject: string | null, actAs?: string) {
	const context = await browser.newContext({ baseURL: E2E_ORIGIN });
	const page = await context.newPage();
	if (subject) await loginAs(page, subject);
	if (actAs?.startsWith('see as ')) {
		// "See what my relative sees": the citizen looks at their own pages as this relative does.
		await page.goto('/paaroerende');
		await page.getByRole('button', { name: `Se det, som ${actAs.slice('see as '.length)} ser` }).click();
	} else if (actAs) await page.getByRole('button', { name: `Se ${actAs}s sider` }).click();
	return { context, request: context.request };
}

async function status(request: APIRequestContext, path: string) {
	return (await request.get(path, { maxRedirects: 0 })).status();
}

test('every person gets exactly the pages the policy allows', async ({ browser }) => {
	// Eleven logins and some 150 requests: longer than one page flow, not a slow page.
	test.setTimeout(180_000);
	// Sara's id, from her mentor's caseload.
	const lone = await sessionFor(browser, 'demo-lone');
	const lonePage = lone.context.pages()[0];
	const href = await lonePage.getByRole('link', { name: 'Sara Nielsen' }).getAttribute('href');
	const saraPlan = href!;
	const ghost = '/staff/citizens/00000000-0000-4000-8000-000000000000';
	// "Mine skridt" (citizen, relative) and "Skridt på vejen" (staff); "Jeg har brug for en anden tid" on a meeting of Sara's.
	const saraProgress = `${saraPlan}/fremskridt`;
	// Sara's crisis plan as her professionals write it with her.
	const saraCrisis = `${saraPlan}/kriseplan`;
	await lonePage.goto(`${saraPlan}/moeder`);
	const meetingHref = await lonePage.locator('article.meeting-card a').first().getAttribute('href');
	const saraAsk = `/moeder/${meetingHref!.split('/').pop()}/ny-tid`;

	// "Look at it together": a session nobody takes part in is not found for everyone; the stream needs a login.
	const together = '/sammen/00000000-0000-4000-8000-000000000000';
	const togetherEvents = '/api/together/00000000-0000-4000-8000-000000000000/events';
	const stream = '/api/together/stream';

	// The consent questions Sara's supporter (Jens, in the seed) may read.
	const saraQuestions = `/stoette/${saraPlan.split('/').pop()}`;

	// prettier-ignore
	const expected: Array<[who: string | null, actAs: string | undefined, statuses: Record<string, number>]> = [
		[null, undefined, { [saraCrisis]: 303, '/akut-hjaelp': 200, '/hjaelp': 200, '/': 303, '/plan': 303, '/staff': 303, [saraPlan]: 303, '/som-paaroerende': 303, '/konto': 303, '/staff/jobber': 303, '/staff/video': 303, '/healthz': 200, '/readyz': 200, '/metrics': 404, '/for-mange-forsoeg': 303, '/fremskridt': 303, [saraAsk]: 303, [saraProgress]: 303, [together]: 303, [togetherEvents]: 401, [stream]: 401, '/samtykke/bisidder': 303, '/stoette': 303, [saraQuestions]: 303 }],
		['demo-sara', undefined, { [saraCrisis]: 403, '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/konto': 200, '/staff/jobber': 403, '/staff/video': 403, '/for-mange-forsoeg': 303, '/fremskridt': 200, [saraAsk]: 200, [saraProgress]: 403, [together]: 404, [togetherEvents]: 404, '/samtykke': 200, '/samtykke/bisidder': 200, '/stoette': 200, [saraQuestions]: 200, '/se-som': 405 }],
		['demo-ali', undefined, { '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/fremskridt': 200, [saraAsk]: 404, [saraProgress]: 403, '/samtykke/bisidder': 200, [saraQuestions]: 403 }],
		['demo-jens', undefined, { '/akut-hjaelp': 200, '/hjaelp': 200, '/': 303, '/plan': 303, '/som-paaroerende': 200, '/staff': 403, [saraPlan]: 403, '/fremskridt': 303, [saraAsk]: 303, '/samtykke/bisidder': 303, '/stoette': 200, [saraQuestions]: 200 }],
		['demo-jens', 'Sara', { [saraCrisis]: 403, '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/staff/jobber': 403, '/staff/video': 403, '/fremskridt': 200, [saraAsk]: 403, [saraProgress]: 403, [together]: 404, '/samtykke': 403, '/samtykke/bisidder': 403, [saraQuestions]: 200 }],
		['demo-lone', undefined, { [saraCrisis]: 200, '/': 303, '/staff': 200, [saraPlan]: 200, [ghost]: 403, '/staff/jobber': 403, '/staff/video': 403, '/fremskridt': 303, [saraAsk]: 303, [saraProgress]: 200, [together]: 404, [togetherEvents]: 404, '/stoette': 200, [saraQuestions]: 403 }],
		['demo-peter', undefined, { [saraCrisis]: 200, '/staff': 200, [saraPlan]: 200, '/staff/jobber': 403, '/staff/video': 403, [saraProgress]: 200, [saraQuestions]: 403 }],
		['demo-karim', undefined, { [saraCrisis]: 403, '/staff': 200, [saraPlan]: 403, [saraProgress]: 403, [saraQuestions]: 403 }],
		['demo-nina', undefined, { [saraCrisis]: 403, '/staff': 200, [saraPlan]: 403, '/plan': 303, [saraProgress]: 403, [together]: 404 }],
		['demo-admin', undefined, { [saraCrisis]: 403, '/': 403, '/plan': 403, '/staff': 403, [saraPlan]: 403, '/konto': 200, '/staff/jobber': 200, '/staff/video': 200, '/fremskridt': 403, [saraAsk]: 403, [saraProgress]: 403, [together]: 404, [stream]: 403, [saraQuestions]: 403 }],
		['demo-sara', 'see as Jens', { '/': 200, '/plan': 200, '/moeder': 200, '/hjaelp': 200, '/mere': 200, '/dagbog': 403, '/logbog': 403, '/kriseplan': 403, '/samtykke': 403, '/samtykke/bisidder': 403, '/paaroerende': 403, '/adgangslog': 403, '/mine-data': 403, '/staff': 403, [saraPlan]: 403 }]
	];

	for (const [who, actAs, statuses] of expected) {
		const session = who === 'demo-lone' && !actAs ? lone : await sessionFor(browser, who, actAs);
		const got: Record<string, number> = {};
		for (const path of Object.keys(statuses)) got[path] = await status(session.request, path);
		expect({ who, actAs, got }).toEqual({ who, actAs, got: statuses });
		if (session !== lone) await session.context.close();
	}
	await lone.context.close();
});

test('the video join button is the policy’s: a relative needs join_video, read live', async ({ browser }) => {
	const VIDEO = 'https://video.kommune.dk/rum/sara-matrix';
	const TITLE = 'Video med Sara og Lone';
	const lone = await sessionFor(browser, 'demo-lone');
	const lonePage = lone.context.pages()[0];
	const saraStaff = await lonePage.getByRole('link', { name: 'Sara Nielsen' }).getAttribute('href');
	await lonePage.goto(`${saraStaff}/moeder/ny`);
	await lonePage.getByLabel('Slags møde').selectOption('video_bostoette');
	await lonePage.getByLabel('Overskrift', { exact: true }).fill(TITLE);
	const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(
		new Date(Date.now() + 5 * 86_400_000)
	);
	await lonePage.getByLabel('Dato for det første møde').fill(date);
	await lonePage.getByLabel('Starter kl.').fill('10:00');
	await lonePage.getByLabel('Slutter kl.').fill('10:30');
	await lonePage.getByLabel('Link til video').fill(VIDEO);
	await lonePage.getByRole('button', { name: 'Gem mødet' }).click();
	const staffLink = lonePage
		.locator('article.meeting-card')
		.filter({ hasText: TITLE })
		.getByRole('link', { name: TITLE });
	const meetingPath = `/moeder/${(await staffLink.getAttribute('href'))!.split('/').pop()}`;
	await lone.context.close();

	const sara = await sessionFor(browser, 'demo-sara');
	const saraPage = sara.context.pages()[0];
	const jens = await sessionFor(browser, 'demo-jens', 'Sara');
	const jensPage = jens.context.pages()[0];
	const join = (page: typeof jensPage) => page.getByRole('button', { name: 'Deltag i videoopkaldet' });
	const setVideoScope = (on: boolean) => setRelativeScope(saraPage, 'Jens', /Videomøder/, on);
	try {
		// The citizen may always join; the page is the same for her at every level.
		expect(await status(sara.request, meetingPath)).toBe(200);
		await saraPage.goto(meetingPath);
		await expect(join(saraPage)).toBeVisible();

		// Jens has plan and meetings, not join_video: the page, but neither button nor link.
		expect(await status(jens.request, meetingPath)).toBe(200);
		expect(await (await jens.request.get(meetingPath)).text()).not.toContain('sara-matrix');
		await jensPage.goto(meetingPath);
		await expect(jensPage.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
		await expect(join(jensPage)).toHaveCount(0);

		// Sara lets him join video calls: the next request shows the button.
		await setVideoScope(true);
		await jensPage.reload();
		await expect(join(jensPage)).toBeVisible();
		// And takes it back: gone on the very next request.
		await setVideoScope(false);
		await jensPage.reload();
		await expect(join(jensPage)).toHaveCount(0);
		expect(await (await jens.request.get(meetingPath)).text()).not.toContain('sara-matrix');
	} finally {
		await sara.context.close();
		await jens.context.close();
	}
});
