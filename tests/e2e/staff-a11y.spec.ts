import type { BrowserContext } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';
import { crawl, routeOf } from './crawl';

/**
 * Every staff page passes axe (WCAG 2.2 A/AA) in standard and easy-read Danish and in Arabic,
 * as a mentor (Lone) and as a caseworker (Peter). The pages are found by following the links of
 * the staff area, so a page added later is swept too. Language and reading mode are set the way
 * the switches leave them (the device's cookies), so the people's saved settings stay as they are.
 */

/** Staff routes that must be among the pages found: the sweep fails if the crawl misses one. */
const KNOWN = [
	'/staff',
	'/staff/citizens/:id',
	'/staff/citizens/:id/course',
	'/staff/citizens/:id/periods',
	'/staff/citizens/:id/goals/new',
	'/staff/citizens/:id/goals/:id',
	'/staff/citizens/:id/goals/:id/subgoals/new',
	'/staff/citizens/:id/goals/:id/subgoals/:id',
	'/staff/citizens/:id/moeder',
	'/staff/citizens/:id/moeder/ny',
	'/staff/citizens/:id/moeder/:id',
	'/staff/citizens/:id/logbog',
	'/staff/citizens/:id/kriseplan',
	'/staff/citizens/:id/dagbog'
];

async function setLanguage(context: BrowserContext, lang: 'da' | 'ar', reading: 'standard' | 'easy') {
	await context.addCookies([
		{ name: 'mf-lang', value: lang, url: E2E_ORIGIN },
		{ name: 'mf-reading', value: reading, url: E2E_ORIGIN }
	]);
}

const PEOPLE = [
	// Arabic is read in standard mode by one and in easy-read by the other: both are covered.
	{ who: 'demo-lone', arabic: 'standard', extra: ['/staff/citizens/:id/dagbog/:id'] },
	{ who: 'demo-peter', arabic: 'easy', extra: ['/staff/aktindsigt', '/staff/citizens/:id/periods/:id'] }
] as const;

for (const { who, arabic, extra } of PEOPLE) {
	test(`every staff page passes axe as ${who}, in both reading modes and in Arabic`, async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		test.setTimeout(300_000);
		await loginAs(page, who);
		const pages = await crawl(page, { start: ['/staff'], include: (path) => path.startsWith('/staff') });
		const routes = pages.map(routeOf);
		expect(routes).toEqual(expect.arrayContaining([...KNOWN, ...extra]));

		const rounds = [
			['da', 'standard', 'ltr'],
			['da', 'easy', 'ltr'],
			['ar', arabic, 'rtl']
		] as const;
		for (const [lang, reading, dir] of rounds) {
			await setLanguage(context, lang, reading);
			for (const path of pages) {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('dir', dir);
				await expect(page.locator('body')).toHaveClass(new RegExp(`reading-${reading}`));
				await axe();
			}
		}
		await setLanguage(context, 'da', 'standard');
	});
}
