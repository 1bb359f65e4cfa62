import type { BrowserContext, Page } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';

/**
 * "Mine skridt": the count on the page is the plan's count (read from the plan page itself), in
 * both reading modes; the path is an ordered list with one step per delmål done; diary moods
 * appear beside it only when Sara turns them on; it works in Arabic (right to left) and at 200 %
 * text on a 360 px phone; Jens (plan scope) and Lone see it too, without the moods. Axe on each.
 * Screenshots of both reading modes are written to test-results/ to be looked at.
 */

/** Device cookies for reading mode, language and text size, without saving them to Sara's settings. */
async function device(context: BrowserContext, cookies: Record<string, string>) {
	await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: E2E_ORIGIN })));
}

/**
 * The plan's own numbers: every delmål on the plan page, and those marked done, goal by goal
 * (easy-read shows one goal per screen, ?maal=N; standard has them all on the page).
 */
async function planCounts(page: Page) {
	const counts = { total: 0, done: 0 };
	for (let n = 1; ; n++) {
		await page.goto(`/plan?maal=${n}`);
		const items = page.locator('ul.subgoals > li');
		await expect(items.first()).toBeAttached();
		counts.total += await items.count();
		counts.done += await items.locator('.status.done').count();
		if ((await page.getByRole('link', { name: /^Næste mål/ }).count()) === 0) return counts;
	}
}

async function noSideways(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test.describe('my progress', () => {
	test('Sara sees her steps with the plan’s counts, in easy-read and in standard reading', async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		const { total, done } = await planCounts(page);
		expect(done).toBeGreaterThan(0);
		// From the plan page and from the home page.
		await page.getByRole('link', { name: 'Se mine skridt' }).click();
		await expect(page).toHaveURL(/\/fremskridt$/);
		await page.goto('/');
		await page.getByRole('link', { name: 'Se mine skridt' }).click();
		await expect(page).toHaveURL(/\/fremskridt$/);

		// Sara reads in easy-read mode.
		await expect(page.getByRole('heading', { level: 1, name: 'Mine skridt' })).toBeVisible();
		await expect(page.getByText(`Du har klaret ${done} af ${total} skridt. Godt gået.`)).toBeVisible();
		const steps = page.getByRole('list', { name: 'Skridt du har klaret' }).getByRole('listitem');
		await expect(steps).toHaveCount(done);
		await expect(steps.first()).toContainText('Skridt 1');
		await expect(steps.first()).toContainText(/Klaret \d+\. \w+/);
		await expect(page.getByText('Her er du nu')).toBeVisible();
		await expect(page.getByText(`${total - done} skridt mere i planen`)).toBeVisible();
		await noSideways(page);
		await axe();
		await page.screenshot({ path: 'test-results/progress-easy-360.png', fullPage: true });

		await device(context, { 'mf-reading': 'standard' });
		await page.reload();
		await expect(page.getByText(`Du har klaret ${done} af ${total} delmål.`)).toBeVisible();
		await expect(page.getByText('Godt gået.')).toHaveCount(0);
		await expect(steps).toHaveCount(done);
		await expect(steps.first()).toContainText('Mål:');
		await noSideways(page);
		await axe();
		await page.screenshot({ path: 'test-results/progress-standard-360.png', fullPage: true });
	});

	test('the diary moods beside the path appear only when Sara turns them on', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/fremskridt');
		await expect(page.getByText(/Din uge:/)).toHaveCount(0);
		await page.getByRole('button', { name: 'Vis mit humør fra dagbogen' }).click();
		const steps = page.getByRole('list', { name: 'Skridt du har klaret' }).getByRole('listitem');
		const count = await steps.count();
		// One line per step and one for this week, each with a face or "nothing that week".
		await expect(page.locator('.week-mood')).toHaveCount(count + 1);
		await expect(page.getByText(/Din uge: (Meget svær|Svær|Sådan da|God|Rigtig god)/).first()).toBeVisible();
		await axe();
		await page.screenshot({ path: 'test-results/progress-moods-easy-360.png', fullPage: true });
		// The choice is remembered on the next visit, and turned off again in one tap.
		await page.goto('/fremskridt');
		await expect(page.locator('.week-mood')).toHaveCount(count + 1);
		await page.getByRole('button', { name: 'Skjul mit humør' }).click();
		await expect(page.locator('.week-mood')).toHaveCount(0);
	});

	test('in Arabic, right to left, and at 200 % text the path still reads and fits', async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		const { done } = await planCounts(page);
		await device(context, { 'mf-lang': 'ar', 'mf-reading': 'standard' });
		await page.goto('/fremskridt');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1, name: 'خطواتي' })).toBeVisible();
		const steps = page.getByRole('list', { name: 'الخطوات التي أنجزتها' }).getByRole('listitem');
		await expect(steps).toHaveCount(done);
		// The path mirrors: the first marker sits on the right-hand side of its text.
		const marker = await steps.first().locator('.marker').boundingBox();
		const text = await steps.first().locator('.text').boundingBox();
		expect(marker!.x).toBeGreaterThan(text!.x);
		await noSideways(page);
		await axe();
		await page.screenshot({ path: 'test-results/progress-ar-360.png', fullPage: true });

		await device(context, { 'mf-lang': 'da', 'mf-reading': 'easy', 'mf-display': '200...' });
		await page.goto('/fremskridt');
		await expect(page.locator('html')).toHaveClass(/text-200/);
		await expect(page.getByRole('list', { name: 'Skridt du har klaret' }).getByRole('listitem')).toHaveCount(done);
		await noSideways(page);
		await axe();
		await page.screenshot({ path: 'test-results/progress-200-360.png', fullPage: true });
	});

	test('Jens (plan scope) and Lone see Sara’s steps; nobody else sees her moods', async ({
		page,
		browser,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		const { total, done } = await planCounts(page);

		const jensContext = await browser.newContext({ baseURL: E2E_ORIGIN, viewport: { width: 360, height: 740 } });
		const jens = await jensContext.newPage();
		await loginAs(jens, 'demo-jens');
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();
		await jens.goto('/fremskridt');
		await expect(jens.getByRole('heading', { level: 1, name: 'Skridt på vejen' })).toBeVisible();
		await expect(jens.getByText(`Sara har klaret ${done} af ${total} delmål.`)).toBeVisible();
		await expect(jens.getByRole('button', { name: 'Vis mit humør fra dagbogen' })).toHaveCount(0);
		await axe(jens);
		// Turning moods on is the citizen's own choice: the action refuses a relative.
		const refused = await jens.request.post('/fremskridt?/moods', {
			form: { show: '1' },
			headers: { origin: E2E_ORIGIN },
			maxRedirects: 0
		});
		expect(refused.status()).toBe(403);
		await jensContext.close();

		const loneContext = await browser.newContext({ baseURL: E2E_ORIGIN, viewport: { width: 768, height: 1024 } });
		const lone = await loneContext.newPage();
		await loginAs(lone, 'demo-lone');
		await lone.getByRole('link', { name: 'Sara Nielsen' }).click();
		await lone.getByRole('link', { name: 'Skridt på vejen' }).click();
		await expect(lone.getByText(`Sara har klaret ${done} af ${total} delmål.`)).toBeVisible();
		await expect(lone.getByRole('list', { name: 'Skridt på vejen' }).getByRole('listitem')).toHaveCount(done);
		await expect(lone.locator('.week-mood')).toHaveCount(0);
		await axe(lone);
		await loneContext.close();
	});
});
