import type { APIRequestContext, Browser } from '@playwright/test';
import { E2E_ORIGIN, expect, loginAs, test } from './fixtures';

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
	// Sara's id, from her mentor's caseload.
	const lone = await sessionFor(browser, 'demo-lone');
	const lonePage = lone.context.pages()[0];
	const href = await lonePage.getByRole('link', { name: 'Sara Nielsen' }).getAttribute('href');
	const saraPlan = href!;
	const ghost = '/staff/citizens/00000000-0000-4000-8000-000000000000';
	// The consent questions Sara's supporter (Jens, in the seed) may read.
	const saraQuestions = `/stoette/${saraPlan.split('/').pop()}`;

	// prettier-ignore
	const expected: Array<[who: string | null, actAs: string | undefined, statuses: Record<string, number>]> = [
		[null, undefined, { '/': 303, '/plan': 303, '/staff': 303, [saraPlan]: 303, '/relative': 303, '/account': 303, '/samtykke/bisidder': 303, '/stoette': 303, [saraQuestions]: 303 }],
		['demo-sara', undefined, { '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/account': 200, '/samtykke': 200, '/samtykke/bisidder': 200, '/stoette': 200, [saraQuestions]: 200, '/se-som': 405 }],
		['demo-sara', 'see as Jens', { '/': 200, '/plan': 200, '/moeder': 200, '/hjaelp': 200, '/mere': 200, '/dagbog': 403, '/logbog': 403, '/kriseplan': 403, '/samtykke': 403, '/samtykke/bisidder': 403, '/paaroerende': 403, '/adgangslog': 403, '/mine-data': 403, '/staff': 403, [saraPlan]: 403 }],
		['demo-ali', undefined, { '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/samtykke/bisidder': 200, [saraQuestions]: 403 }],
		['demo-jens', undefined, { '/': 303, '/plan': 303, '/relative': 200, '/staff': 403, [saraPlan]: 403, '/samtykke/bisidder': 303, '/stoette': 200, [saraQuestions]: 200 }],
		['demo-jens', 'Sara', { '/': 200, '/plan': 200, '/staff': 403, [saraPlan]: 403, '/samtykke': 403, '/samtykke/bisidder': 403, [saraQuestions]: 200 }],
		['demo-lone', undefined, { '/': 303, '/staff': 200, [saraPlan]: 200, [ghost]: 403, '/stoette': 200, [saraQuestions]: 403 }],
		['demo-peter', undefined, { '/staff': 200, [saraPlan]: 200, [saraQuestions]: 403 }],
		['demo-karim', undefined, { '/staff': 200, [saraPlan]: 403, [saraQuestions]: 403 }],
		['demo-nina', undefined, { '/staff': 200, [saraPlan]: 403, '/plan': 303 }],
		['demo-admin', undefined, { '/': 403, '/plan': 403, '/staff': 403, [saraPlan]: 403, '/account': 200, [saraQuestions]: 403 }]
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
