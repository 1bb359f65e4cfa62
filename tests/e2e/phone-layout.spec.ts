import type { Page } from '@playwright/test';
import { E2E_ORIGIN, expect, hydrated, test } from './fixtures';
import { barProblems, setLanguage } from './page-checks';

/**
 * The phone's first screen (issue 19): a one-row header and the menu as a bar at the bottom. The
 * crawl measures the bars' share of the screen on every citizen page and mode; this spec checks
 * what the crawl cannot: the page marked as current, the bar away while the keyboard is up, and
 * the "Visning og sprog" menu. `SHOTS=1` writes screenshots to test-results/screens/phone-*.png.
 */

const shots = Boolean(process.env.SHOTS);
async function shot(page: Page, name: string) {
	if (shots) await page.screenshot({ path: `test-results/screens/phone-${name}.png` });
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

/** Sara's display as she saved it (125 % text) and a chosen reading mode, on this device. */
async function saraAt125(page: Page, reading: 'standard' | 'easy', lang: 'da' | 'en' | 'ar' | 'uk' = 'da') {
	await setLanguage(page.context(), lang, reading);
	await page.context().addCookies([{ name: 'mf-display', value: '125...', url: E2E_ORIGIN }]);
}

test.describe('the phone’s first screen', () => {
	test('Sara at 360×740 with 125 % text: the menu at the bottom, the page she is on marked, the header one row', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		await saraAt125(page, 'easy');
		const pages = [
			['/', 'I dag'],
			['/plan', 'Min plan'],
			['/moeder', 'Møder'],
			['/dagbog', 'Dagbog'],
			['/mere', 'Mere'],
			// Reached from Mere: Mere stays marked, so she knows where she is.
			['/logbog', 'Mere'],
			['/visning', 'Mere']
		] as const;
		for (const [path, current] of pages) {
			await page.goto(path);
			const bar = menu(page);
			await expect(bar.getByRole('link', { name: current })).toHaveAttribute('aria-current', 'page');
			await expect(bar.locator('[aria-current="page"]')).toHaveCount(1);
			// Fixed at the bottom of the screen, the whole bar on it.
			const box = (await bar.boundingBox())!;
			expect(Math.round(box.y + box.height)).toBe(740);
			expect(await barProblems(page)).toEqual([]);
			await shot(page, `sara-easy${path.replaceAll('/', '-') || '-i-dag'}`);
		}
		// The header is one row: the name, Kriseplan and Visning og sprog side by side (one line
		// through all three).
		const banner = page.getByRole('banner');
		const boxes = await Promise.all(
			[
				banner.getByRole('link', { name: 'Mit forløb' }),
				banner.getByRole('link', { name: 'Kriseplan' }),
				banner.locator('summary')
			].map(async (l) => (await l.boundingBox())!)
		);
		expect(Math.max(...boxes.map((b) => b.y))).toBeLessThan(Math.min(...boxes.map((b) => b.y + b.height)));
		expect(boxes[0].x + boxes[0].width).toBeLessThanOrEqual(boxes[1].x);
		expect(boxes[1].x + boxes[1].width).toBeLessThanOrEqual(boxes[2].x);
		// Logbog and Hjælp moved under Mere.
		await page.goto('/mere');
		await expect(page.getByRole('main').getByRole('link', { name: /Logbog/ })).toBeVisible();
		await expect(page.getByRole('main').getByRole('link', { name: /Hjælp/ })).toBeVisible();
	});

	test('in all four languages (the crawl has Danish and Arabic) the header and bar fit: ≤ 25 %, every word inside its button', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		for (const lang of ['en', 'uk', 'ar', 'da'] as const) {
			await saraAt125(page, 'easy', lang);
			for (const path of ['/', '/plan', '/mere']) {
				await page.goto(path);
				expect(await barProblems(page), `${lang} ${path}`).toEqual([]);
			}
			await shot(page, `mere-${lang}`);
		}
	});

	test('the bar steps aside while the on-screen keyboard is up, and comes back', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-sara');
		await saraAt125(page, 'standard');
		await page.goto('/dagbog');
		await hydrated(page);
		const bar = menu(page);
		await expect(bar).toBeVisible();
		await page.getByRole('textbox').first().focus();
		// A phone's keyboard shrinks the visual viewport and leaves the page as it is: do the same.
		const keyboard = (height: number | null) =>
			page.evaluate((h) => {
				const viewport = window.visualViewport!;
				if (h === null) delete (viewport as unknown as Record<string, unknown>).height;
				else Object.defineProperty(viewport, 'height', { configurable: true, get: () => h });
				viewport.dispatchEvent(new Event('resize'));
			}, height);
		await keyboard(380);
		await expect(bar).toBeHidden();
		await shot(page, 'keyboard-up');
		await keyboard(null);
		await expect(bar).toBeVisible();
	});

	test('Visning og sprog: easy-read says “til” or “fra”, the text size changes alone, Escape closes it', async ({
		page,
		loginAs
	}) => {
		// Anne: no other test uses her, so her saved settings may change here.
		await loginAs(page, 'demo-anne');
		await setLanguage(page.context(), 'da', 'standard');
		// Wide spacing and high contrast chosen on /visning: the header's size buttons keep them.
		await page.context().addCookies([{ name: 'mf-display', value: '100.s.c.', url: E2E_ORIGIN }]);
		await page.goto('/mere');
		await hydrated(page);
		const open = page.getByRole('banner').locator('summary', { hasText: 'Visning og sprog' });
		await open.click();
		const easy = page.getByRole('button', { name: 'Let læsning' });
		await expect(easy).toHaveAttribute('aria-pressed', 'false');
		await expect(easy).toContainText('Let læsning: fra');
		await shot(page, 'view-menu');
		await easy.click();
		await expect(page.locator('body')).toHaveClass(/reading-easy/);
		await open.click();
		await expect(easy).toHaveAttribute('aria-pressed', 'true');
		await expect(easy).toContainText('Let læsning: til');

		await page.getByRole('button', { name: '150 %' }).click();
		await expect(page.locator('html')).toHaveClass(/text-150/);
		await expect(page.locator('html')).toHaveClass(/spacing-wide/);
		await expect(page.locator('html')).toHaveClass(/contrast-high/);
		await expect(page).toHaveURL(/\/mere$/);

		await open.click();
		// Chosen: pressed, and the check mark is not read out as part of its name.
		await expect(page.getByRole('button', { name: '150 %', exact: true })).toHaveAttribute('aria-pressed', 'true');
		// A size that is not one of the five, posted by hand: a plain 400, nothing changed.
		const refused: Array<[string, Record<string, string>]> = [
			...['300', '', '150'.repeat(7000), '\u202e051'].map(
				(size) => ['/indstillinger?/size', { size }] as [string, Record<string, string>]
			),
			['/indstillinger?/reading', { reading: 'hard' }],
			['/indstillinger?/language', { lang: 'xx' }]
		];
		for (const [action, form] of refused) {
			const response = await page.request.post(action, {
				form: { ...form, returnTo: '/mere' },
				headers: { origin: E2E_ORIGIN, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), `${action} ${JSON.stringify(form).slice(0, 40)} → ${response.headers().location}`).toBe(
				400
			);
			expect(await response.text()).toContain('Det valg kender vi ikke.');
		}
		await page.reload();
		await expect(page.locator('html')).toHaveClass(/text-150/);
		await open.click();
		await page.keyboard.press('Escape');
		await expect(easy).toBeHidden();
		await expect(open).toBeFocused();
	});
});
