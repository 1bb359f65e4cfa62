import { E2E_ORIGIN, expect, test } from './fixtures';
import {
	citizenArea,
	crawlAndCheck,
	KNOWN_RELATIVE_ROUTES,
	KNOWN_STAFF_ROUTES,
	merge,
	MODES,
	showsMode,
	staffArea
} from './crawl-modes';
import { largestText, PageChecks, REFLOW_WIDTH, setLanguage } from './page-checks';

/**
 * The accessibility crawl, the other half (crawl-citizens.spec.ts says how it works): the login
 * page, Sara's pages as her father Jens sees them, every staff page for Lone and Peter, and Ali's
 * main pages as screenshots.
 */

test.describe('crawl at 360 px: login, relatives, staff', () => {
	test('before login: the login page', async ({ page }) => {
		const checks = new PageChecks(page, { axe: true, screenshot: () => 'login-da' });
		await checks.goto('/login');
		checks.finish(test.info());
	});

	for (const [lang, reading] of [...MODES, ['ar', 'standard'] as const]) {
		test(`demo-jens, ${lang} ${reading}: every page a relative sees`, async ({ page, context, loginAs }) => {
			test.setTimeout(300_000);
			await loginAs(page, 'demo-jens');
			const checks = new PageChecks(page, { axe: true });
			// His own page, in his saved settings (Danish, standard), before he opens Sara's pages.
			if (lang === 'da' && reading === 'standard') await checks.goto('/som-paaroerende');
			else await page.goto('/som-paaroerende');
			await page.getByRole('button', { name: 'Se Saras sider' }).click();
			await setLanguage(context, lang, reading);
			// At 125 % text, as the citizens' pages are measured: the "Du ser Saras sider" line is in the header.
			await context.addCookies([{ name: 'mf-display', value: '125...', url: E2E_ORIGIN }]);
			const onSaras = new PageChecks(page, {
				mode: async (page) => {
					await showsMode(lang, reading)(page);
					// The banner says whose pages these are, on every page and in every language.
					await expect(page.locator('.acting-for')).toContainText('Sara');
				},
				axe: true,
				bars: true
			});
			expect(await crawlAndCheck(page, onSaras, 'demo-jens', '/', citizenArea)).toEqual(
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
				expect(await crawlAndCheck(page, checks, who, '/staff', staffArea)).toEqual(
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

/** Reflow (crawl-citizens.spec.ts says what it checks) before login, for Jens and for Lone. */
test.describe('crawl at 320 px with 200 % text and WCAG 1.4.12 spacing: login, relatives, staff', () => {
	test.use({ viewport: { width: REFLOW_WIDTH, height: 640 }, screen: { width: REFLOW_WIDTH, height: 640 } });

	test('before login', async ({ page, context }) => {
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		for (const path of ['/login', '/offline']) await checks.goto(path);
		checks.finish(test.info());
	});

	test('demo-jens: every page a relative sees', async ({ page, context, loginAs }) => {
		test.setTimeout(300_000);
		await loginAs(page, 'demo-jens');
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		await checks.goto('/som-paaroerende');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		expect(await crawlAndCheck(page, checks, 'demo-jens', '/', citizenArea)).toEqual(
			expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id'])
		);
		checks.finish(test.info());
	});

	test('demo-lone: every staff page', async ({ page, context, loginAs }) => {
		test.setTimeout(300_000);
		await loginAs(page, 'demo-lone');
		await largestText(context);
		const checks = new PageChecks(page, { reflow: true });
		expect(await crawlAndCheck(page, checks, 'demo-lone', '/staff', staffArea)).toEqual(
			expect.arrayContaining(['/staff', '/staff/citizens/:id', '/staff/citizens/:id/moeder/:id'])
		);
		checks.finish(test.info());
	});
});
