import type { Page } from '@playwright/test';
import { E2E_ORIGIN, expect, startFromVideoMeeting, test } from './fixtures';
import { crawl, routeOf } from './crawl';
import { largestText, PageChecks, REFLOW_WIDTH, setLanguage } from './page-checks';

/**
 * One crawl per person and mode. Each test logs a person in, sets a mode (language, reading mode,
 * or the largest text at 320 px), follows the links to every page the person can reach
 * (tests/e2e/crawl.ts) and runs, on the one visit of each page, every check that applies
 * (tests/e2e/page-checks.ts): axe, the 44 px targets, the crisis plan and help in one place, the
 * Tab/Shift+Tab focus walk, screenshots, reflow. A page added later is found and checked too.
 *
 * Reflow needs the largest text, which the server renders from the display cookie, and axe must
 * see the text at its normal size (at 200 % more text counts as large and needs less contrast):
 * so reflow has its own mode, with its own viewport, rather than a second look at each page.
 * Language and reading mode are set the way the switches leave them (the device's cookies), so the
 * people's saved settings stay as they are.
 */

/** Citizen routes that every citizen crawl must reach: it fails if the crawl misses one. */
const KNOWN_CITIZEN_ROUTES = [
	'/',
	'/plan',
	'/moeder',
	'/moeder/:id',
	'/moeder/test-kamera',
	'/dagbog',
	'/logbog',
	'/kriseplan',
	'/kriseplan/rediger',
	'/hjaelp',
	'/mere',
	'/visning',
	'/account',
	'/samtykke',
	'/paaroerende',
	'/adgangslog',
	'/mine-data',
	'/fremskridt'
];

/** Sara's pages as her father Jens sees them (he may see her plan and meetings). */
const KNOWN_RELATIVE_ROUTES = ['/', '/plan', '/moeder', '/moeder/:id', '/mere'];

/** Staff routes that must be among the pages found: the crawl fails if it misses one. */
const KNOWN_STAFF_ROUTES = [
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

const citizenArea = (path: string) => !path.startsWith('/staff');
const staffArea = (path: string) => path.startsWith('/staff');

type Lang = 'da' | 'ar';
type Reading = 'standard' | 'easy';

/** Language and reading mode on every page: the mode really is the one set. */
const showsMode =
	(lang: Lang, reading: Reading) =>
	async (page: Page): Promise<void> => {
		await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
		await expect(page.locator('body')).toHaveClass(new RegExp(`reading-${reading}`));
	};

/** Crawls from `start`, checks each page found on its one visit, and says which routes it found. */
async function crawlAndCheck(
	page: Page,
	checks: PageChecks,
	start: string,
	include: (path: string) => boolean
): Promise<string[]> {
	const pages = await crawl(page, {
		start: [start],
		include,
		visit: (path) => checks.visit(path),
		onLoad: () => checks.counts.crawlLoads++
	});
	return pages.map(routeOf);
}

/**
 * The modes each person is crawled in. Arabic is read in standard mode by one person and in
 * easy-read by the other of each pair, so both are covered. Sara reads in easy-read with 125 %
 * text (her saved settings): her walk with the keyboard and the 44 px check run in that mode.
 */
const MODES: Array<[Lang, Reading]> = [
	['da', 'standard'],
	['da', 'easy']
];

test.describe('crawl at 360 px', () => {
	test('before login: the login page', async ({ page }) => {
		const checks = new PageChecks(page, { axe: true, screenshot: () => 'login-da' });
		await checks.goto('/login');
		checks.finish(test.info());
	});

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
				const checks = new PageChecks(page, {
					mode: showsMode(lang, reading),
					axe: true,
					targets: walk,
					helpInOnePlace: walk,
					focusWalk: walk
				});
				expect(await crawlAndCheck(page, checks, '/', citizenArea)).toEqual(
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

	for (const [lang, reading] of [...MODES, ['ar', 'standard'] as const]) {
		test(`demo-jens, ${lang} ${reading}: every page a relative sees`, async ({ page, context, loginAs }) => {
			test.setTimeout(300_000);
			await loginAs(page, 'demo-jens');
			const checks = new PageChecks(page, { axe: true });
			// His own page, in his saved settings (Danish, standard), before he opens Sara's pages.
			if (lang === 'da' && reading === 'standard') await checks.goto('/relative');
			else await page.goto('/relative');
			await page.getByRole('button', { name: 'Se Saras sider' }).click();
			await setLanguage(context, lang, reading);
			const onSaras = new PageChecks(page, {
				mode: async (page) => {
					await showsMode(lang, reading)(page);
					// The banner says whose pages these are, on every page and in every language.
					await expect(page.locator('.acting-for')).toContainText('Sara');
				},
				axe: true
			});
			expect(await crawlAndCheck(page, onSaras, '/', citizenArea)).toEqual(
				expect.arrayContaining(KNOWN_RELATIVE_ROUTES)
			);
			merge(onSaras, checks);
			onSaras.finish(test.info());
		});
	}

	for (const [who, arabic, extra] of [
		['demo-lone', 'standard', ['/staff/citizens/:id/dagbog/:id']],
		['demo-peter', 'easy', ['/staff/aktindsigt', '/staff/citizens/:id/periods/:id']]
	] as const) {
		for (const [lang, reading] of [...MODES, ['ar', arabic] as const]) {
			test(`${who}, ${lang} ${reading}: every staff page`, async ({ page, context, loginAs }) => {
				test.setTimeout(300_000);
				await loginAs(page, who);
				await setLanguage(context, lang, reading);
				const checks = new PageChecks(page, { mode: showsMode(lang, reading), axe: true });
				expect(await crawlAndCheck(page, checks, '/staff', staffArea)).toEqual(
					expect.arrayContaining([...KNOWN_STAFF_ROUTES, ...extra])
				);
				checks.finish(test.info());
			});
		}
	}

	// Ali's main pages as he sees them on a 360×740 phone, kept under test-results/screens/ for a
	// person to look at.
	for (const [lang, reading] of [...MODES, ['ar', 'easy'] as const]) {
		test(`demo-ali, ${lang} ${reading}: screenshots of the main pages`, async ({ page, context, loginAs }) => {
			await loginAs(page, 'demo-ali');
			await setLanguage(context, lang, reading);
			const names: Record<string, string> = { '/': 'home', '/plan': 'plan', '/kriseplan': 'crisis' };
			const checks = new PageChecks(page, {
				mode: showsMode(lang, reading),
				axe: true,
				screenshot: (path) => `${names[path]}-${lang}-${reading}`
			});
			for (const path of Object.keys(names)) await checks.goto(path);
			checks.finish(test.info());
		});
	}
});

/**
 * WCAG 1.4.10 and 1.4.12 on every page, for citizens, relatives and staff: at 320 px wide, with
 * the app's largest text (200 %) and wide spacing, and on top the text-spacing test of 1.4.12
 * (line height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em, forced on every
 * element), no page scrolls sideways and no text is cut off by a box that hides what overflows.
 */
test.describe('crawl at 320 px with 200 % text and WCAG 1.4.12 spacing', () => {
	test.use({ viewport: { width: REFLOW_WIDTH, height: 640 }, screen: { width: REFLOW_WIDTH, height: 640 } });

	test('before login', async ({ page, context }) => {
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		for (const path of ['/login', '/offline']) await checks.goto(path);
		checks.finish(test.info());
	});

	// Mette in Danish and in Arabic, right to left: what sits at the end of a line is now on the left.
	for (const lang of ['da', 'ar'] as const) {
		test(`demo-mette, ${lang}: every citizen page`, async ({ page, context, loginAs }) => {
			test.setTimeout(300_000);
			await loginAs(page, 'demo-mette');
			await largestText(context);
			// Her saved reading mode is standard.
			await setLanguage(context, lang, 'standard');
			const checks = new PageChecks(page, { mode: showsMode(lang, 'standard'), reflow: true });
			expect(await crawlAndCheck(page, checks, '/', citizenArea)).toEqual(
				expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id', '/dagbog', '/logbog', '/kriseplan', '/mere'])
			);
			checks.finish(test.info());
		});
	}

	test('demo-jens: every page a relative sees', async ({ page, context, loginAs }) => {
		test.setTimeout(300_000);
		await loginAs(page, 'demo-jens');
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		await checks.goto('/relative');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		expect(await crawlAndCheck(page, checks, '/', citizenArea)).toEqual(
			expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id'])
		);
		checks.finish(test.info());
	});

	test('demo-lone: every staff page', async ({ page, context, loginAs }) => {
		test.setTimeout(300_000);
		await loginAs(page, 'demo-lone');
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		expect(await crawlAndCheck(page, checks, '/staff', staffArea)).toEqual(
			expect.arrayContaining(['/staff', '/staff/citizens/:id', '/staff/citizens/:id/moeder/:id'])
		);
		checks.finish(test.info());
	});
});

/** Adds the counts and problems of `from` to `into` (a test with two sets of checks). */
function merge(into: PageChecks, from: PageChecks): void {
	for (const key of Object.keys(from.counts) as Array<keyof typeof from.counts>) into.counts[key] += from.counts[key];
	into.problems.push(...from.problems);
}
