import { E2E_ORIGIN, expect, startFromVideoMeeting, test } from './fixtures';
import { citizenArea, crawlAndCheck, KNOWN_CITIZEN_ROUTES, MODES, showsMode } from './crawl-modes';
import { largestText, PageChecks, REFLOW_WIDTH, setLanguage } from './page-checks';

/**
 * The accessibility crawl, citizens' half (crawl-others.spec.ts has the login page, relatives,
 * staff and the screenshots; two files so the two workers share the work). One crawl per person
 * and mode: each test logs a person in, sets a mode (language, reading mode, or the largest text
 * at 320 px), reaches every page the person can reach (crawl-modes.ts) and runs, on the one visit
 * of each page, every check that applies (page-checks.ts): axe, the 44 px targets, the crisis
 * plan and help in one place, the Tab/Shift+Tab focus walk, reflow. A page added later is found
 * and checked too.
 *
 * Reflow needs the largest text, which the server renders from the display cookie, and axe must
 * see the text at its normal size (at 200 % more text counts as large and needs less contrast):
 * so reflow has its own mode, with its own viewport, rather than a second look at each page.
 * Language and reading mode are set the way the switches leave them (the device's cookies), so the
 * people's saved settings stay as they are.
 */

test.describe('crawl at 360 px: citizens', () => {
	for (const [who, arabic] of [
		['demo-sara', 'standard'],
		['demo-mette', 'easy']
	] as const) {
		for (const [lang, reading] of [...MODES, ['ar', arabic] as const]) {
			// Sara's own mode (easy-read Danish): the keyboard walk and the 44 px targets as well.
			const walk = who === 'demo-sara' && lang === 'da' && reading === 'easy';
			test(`${who}, ${lang} ${reading}: every citizen page${walk ? ', with targets and the focus walk' : ''}`, async ({
				page,
				context,
				browser,
				loginAs
			}) => {
				// About 25 pages with axe; with the walk, up to 60 Tab presses each way on each.
				test.setTimeout(walk ? 900_000 : 300_000);
				await loginAs(page, who);
				await setLanguage(context, lang, reading);
				// 125 % text for both (Sara's own setting): the size the header and bar are measured at.
				await context.addCookies([{ name: 'mf-display', value: '125...', url: E2E_ORIGIN }]);
				const checks = new PageChecks(page, {
					mode: showsMode(lang, reading),
					axe: true,
					bars: true,
					targets: walk,
					helpInOnePlace: walk,
					focusWalk: walk
				});
				expect(await crawlAndCheck(page, checks, who, '/', citizenArea)).toEqual(
					expect.arrayContaining(KNOWN_CITIZEN_ROUTES)
				);
				if (walk) {
					// "Look at it together", the one page with a sticky bar: Lone starts it, Sara says yes.
					const lone = await (await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'da-DK' })).newPage();
					await loginAs(lone, 'demo-lone');
					await startFromVideoMeeting(lone);
					await page.goto('/');
					await page.getByRole('button', { name: 'Ja, se sammen' }).click();
					await expect(page).toHaveURL(/\/sammen\/[0-9a-f-]{36}$/);
					try {
						await checks.visit('/sammen/:id');
					} finally {
						await page.getByRole('button', { name: 'Stop se det sammen' }).click();
						await lone.context().close();
					}
				}
				checks.finish(test.info());
			});
		}
	}
});

/**
 * WCAG 1.4.10 and 1.4.12 on every page: at 320 px wide, with the app's largest text (200 %) and
 * wide spacing, and on top the text-spacing test of 1.4.12 (line height 1.5, paragraphs 2 em apart,
 * letters 0.12 em, words 0.16 em, forced on every element), no page scrolls sideways and no text
 * is cut off by a box that hides what overflows.
 */
test.describe('crawl at 320 px with 200 % text and WCAG 1.4.12 spacing: citizens', () => {
	test.use({ viewport: { width: REFLOW_WIDTH, height: 640 }, screen: { width: REFLOW_WIDTH, height: 640 } });

	// Mette in Danish, standard and easy-read (a layout of its own), and in Arabic, right to left:
	// what sits at the end of a line is now on the left.
	for (const [lang, reading] of [
		['da', 'standard'],
		['da', 'easy'],
		['ar', 'easy']
	] as const) {
		test(`demo-mette, ${lang} ${reading}: every citizen page`, async ({ page, context, loginAs }) => {
			test.setTimeout(300_000);
			await loginAs(page, 'demo-mette');
			await largestText(context);
			await setLanguage(context, lang, reading);
			const checks = new PageChecks(page, { mode: showsMode(lang, reading), bars: true, reflow: true });
			expect(await crawlAndCheck(page, checks, 'demo-mette', '/', citizenArea)).toEqual(
				expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id', '/dagbog', '/logbog', '/kriseplan', '/mere'])
			);
			checks.finish(test.info());
		});
	}
});
