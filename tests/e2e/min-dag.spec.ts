import type { Browser, BrowserContextOptions, Page, Request } from '@playwright/test';
import { checkA11y, E2E_ORIGIN, expect, hydrated, loginAs, setReading, test } from './fixtures';
import { setLanguage, smallTargets } from './page-checks';
import { copenhagenDate, copenhagenToUtc } from '../../src/lib/meetings/time';
import { addDays } from '../../src/lib/routines/weeks';

/**
 * Min dag on a phone (360×740): Mette makes a routine with her coping guide Birgitte in "Se det
 * sammen", follows it the next morning (the phone's clock moved on; the server's is not), ticks a
 * step with the network off, and the tick is sent once when it is back. Then the page in Arabic
 * easy-read, and bad input from outside the page.
 */

const common: BrowserContextOptions = {
	baseURL: E2E_ORIGIN,
	locale: 'da-DK',
	timezoneId: 'Europe/Copenhagen',
	serviceWorkers: 'block'
};
const PHONE: BrowserContextOptions = {
	...common,
	viewport: { width: 360, height: 740 },
	screen: { width: 360, height: 740 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};
const TABLET: BrowserContextOptions = { ...common, viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1 };

async function person(browser: Browser, subject: string, options: BrowserContextOptions): Promise<Page> {
	const page = await (await browser.newContext(options)).newPage();
	await loginAs(page, subject);
	return page;
}

/** Tomorrow at a Copenhagen wall-clock time, as the phone will believe it. */
const tomorrowAt = (time: string) => copenhagenToUtc(addDays(copenhagenDate(new Date()), 1), time);

/** Mette's together session with Birgitte is ended after each test, so the next starts afresh. */
test.afterEach(async ({ browser }) => {
	const mette = await person(browser, 'demo-mette', PHONE);
	try {
		const form = { headers: { origin: E2E_ORIGIN, accept: 'text/html' }, maxRedirects: 0, form: {} };
		const open = await mette.request.post('/plan?/together', form);
		const sessionPath = open.headers().location;
		if (open.status() === 303 && /^\/sammen\//.test(sessionPath ?? ''))
			await mette.request.post(`${sessionPath}?/end`, form);
	} finally {
		await mette.context().close();
	}
});

test('Mette’s routine made with Birgitte in Se det sammen, followed the next morning, ticked offline and sent once', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const mette = await person(browser, 'demo-mette', PHONE);
	const birgitte = await person(browser, 'demo-birgitte', TABLET);
	await mette.goto('/');
	await setReading(mette, 'easy');

	// Birgitte starts "Se det sammen" from their video time; Mette says yes with one tap.
	await birgitte.getByRole('link', { name: 'Mette Kristensen' }).click();
	await birgitte.getByRole('link', { name: 'Møder', exact: true }).click();
	await birgitte
		.getByRole('link', { name: /Åben videotid med Birgitte/ })
		.first()
		.click();
	await birgitte.getByRole('button', { name: 'Se det sammen' }).click();
	await expect(birgitte).toHaveURL(/\/sammen\/[0-9a-f-]{36}$/);
	const banner = mette.getByRole('complementary').filter({ hasText: 'Birgitte vil se din plan med dig.' });
	await banner.getByRole('button', { name: 'Ja, se sammen' }).click();
	await expect(mette).toHaveURL(new URL(birgitte.url()).pathname);
	await expect(birgitte.getByText('Du ser planen sammen med Mette.')).toBeVisible();

	// Birgitte makes the routine with her: a name, a step at 10:00, a step right after it.
	const together = birgitte.locator('section.routines-together');
	await together.locator('#new-routine-name').fill('Formiddag');
	await together.getByRole('button', { name: 'Lav rutinen' }).click();
	const routine = together
		.locator('section.card')
		.filter({ has: birgitte.getByRole('heading', { name: 'Formiddag' }) });
	const add = routine.locator('details.add-step');
	await add.getByLabel('Hvad skal du gøre?').fill('Vand blomster');
	await add.getByRole('radio', { name: 'Vand', exact: true }).check();
	await add.getByLabel('Klokkeslæt').fill('10:00');
	await add.getByRole('button', { name: 'Tilføj trinet' }).click();
	await expect(routine.locator('.step-head').getByText('Vand blomster')).toBeVisible();
	// A time that does not exist is refused beside the field, and nothing is stored.
	await add.getByText('Nyt trin').click();
	await add.getByLabel('Hvad skal du gøre?').fill('Drik et glas vand');
	await add.getByLabel('Klokkeslæt').evaluate((input: HTMLInputElement) => (input.type = 'text'));
	await add.getByLabel('Klokkeslæt').fill('25:00');
	await add.getByRole('button', { name: 'Tilføj trinet' }).click();
	await expect(add.getByText('Skriv et klokkeslæt, fx 10:00.')).toBeVisible();
	await expect(routine.locator('li.step')).toHaveCount(1);
	await add.getByLabel('Hvad skal du gøre?').fill('Drik et glas vand');
	await add.getByLabel('Klokkeslæt').fill('');
	await add.getByRole('button', { name: 'Tilføj trinet' }).click();
	await expect(routine.locator('li.step')).toHaveCount(2);

	// Mette's phone shows what Birgitte made, without reloading.
	const onMette = mette.locator('section.routines-together');
	await expect(onMette.locator('.step-head').getByText('Drik et glas vand')).toBeVisible();
	expect(await mette.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await checkA11y(mette);
	await onMette.screenshot({ path: '/tmp/min-dag-sammen-mette.png' });
	await mette.getByRole('button', { name: 'Stop se det sammen' }).click();
	await birgitte.context().close();

	// The next morning at 10:05 by the phone's clock: the routine's first step is now, big.
	const phone = await mette.context().newPage();
	await phone.clock.install({ time: tomorrowAt('10:05') });
	await phone.goto('/min-dag');
	await hydrated(phone);
	const now = phone.locator('section.now');
	await expect(now.getByText('Vand blomster')).toBeVisible();
	await expect(phone.locator('svg.time-disc')).toBeVisible();
	await checkA11y(phone);
	expect(await smallTargets(phone)).toEqual([]);
	await phone.screenshot({ path: '/tmp/min-dag-da-easy.png', fullPage: true });

	const synced: Request[] = [];
	phone.on('requestfinished', (request) => {
		if (request.url().endsWith('/api/sync') && request.method() === 'POST') synced.push(request);
	});
	await now.getByRole('button', { name: 'Færdig' }).click();
	await expect(now.getByText('Drik et glas vand')).toBeVisible();
	await expect.poll(() => synced.length).toBe(1);

	// Offline: the tick waits on the phone; the view moves on; it is sent once after reconnect.
	await phone.context().setOffline(true);
	try {
		await now.getByRole('button', { name: 'Færdig' }).click();
		await expect(phone.getByText('Gemt. Det sendes senere.')).toBeVisible();
		await expect(phone.getByText('Alt er gjort. Godt gået.')).toBeVisible();
	} finally {
		await phone.context().setOffline(false);
	}
	await expect.poll(() => synced.length, { timeout: 20_000 }).toBe(2);
	const sent = JSON.parse(synced[1].postData() ?? '{}') as { items: Array<{ id: string; kind: string }> };
	expect(sent.items.map((i) => i.kind)).toEqual(['tick']);
	const answer = (await (await synced[1].response())!.json()) as { results: Array<{ status: string }> };
	expect(answer.results.map((r) => r.status)).toEqual(['stored']);
	// Sending it again (a lost answer) stores nothing new.
	const again = await phone.request.post('/api/sync', { headers: { origin: E2E_ORIGIN }, data: sent });
	expect(((await again.json()) as { results: Array<{ status: string }> }).results[0].status).toBe('duplicate');
	await phone.waitForTimeout(500);
	expect(synced).toHaveLength(2);
});

test('Min dag in Arabic easy-read, right to left: the now view, "Ikke nu", the editor', async ({ page, context }) => {
	await page.clock.install({ time: tomorrowAt('07:10') });
	await loginAs(page, 'demo-mette');
	await setLanguage(context, 'ar', 'easy');
	await page.goto('/min-dag');
	await hydrated(page);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1, name: 'يومي' })).toBeVisible();
	// 07:10: the morning routine's first step, from 07:00.
	const now = page.locator('section.now');
	await expect(now.getByText('Stå op')).toBeVisible();
	await checkA11y(page);
	expect(await smallTargets(page)).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.screenshot({ path: '/tmp/min-dag-ar-easy.png', fullPage: true });
	await now.getByRole('button', { name: 'ليس الآن' }).click();
	await expect(page.getByText('ينتظر 10 دقائق.')).toBeVisible();
	await expect(now.getByText('Tag et bad')).toBeVisible();

	await page.goto('/min-dag/rediger');
	await checkA11y(page);
	expect(await smallTargets(page)).toEqual([]);
	await page.screenshot({ path: '/tmp/min-dag-edit-ar-easy.png', fullPage: true });
});

test('a photo for a step: chosen in the editor, seen big in the now view and on I dag in Arabic easy-read; a ZIP named .jpg refused', async ({
	browser
}) => {
	const mette = await person(browser, 'demo-mette', PHONE);
	await mette.clock.install({ time: tomorrowAt('07:10') });
	await mette.goto('/min-dag/rediger');
	await hydrated(mette);
	const step = mette.locator('li.step').filter({ hasText: 'Stå op' });
	await step.getByText('Ret Stå op').click();
	await step.locator('input[name="photo"]:not([capture])').setInputFiles('tests/support/media/letter.jpg');
	await step.getByRole('button', { name: 'Gem trinet' }).click();
	await expect(step.locator('img.thumb')).toBeVisible();
	const stepId = await step.locator('input[name="stepId"]').first().inputValue();
	const zip = await mette.request.post('/min-dag/rediger?/editStep', {
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		multipart: {
			stepId,
			text: 'Stå op',
			icon: 'sun',
			photo: { name: 'kaffe.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('PK\x03\x04 not a photo') }
		},
		maxRedirects: 0
	});
	expect(zip.status()).toBe(400);

	await setLanguage(mette.context(), 'ar', 'easy');
	await mette.goto('/min-dag');
	const photo = mette.locator('section.now img.now-photo');
	await expect(photo).toBeVisible();
	expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	await checkA11y(mette);
	await mette.screenshot({ path: '/tmp/min-dag-photo-ar-easy.png' });
	// "I dag" shows the same now step (worked out on the phone's clock once loaded), with its photo.
	await mette.goto('/');
	await hydrated(mette);
	const card = mette.locator('section.now-card');
	await expect(card.getByText('Stå op')).toBeVisible();
	await expect(card.locator('img.now-photo')).toBeVisible();
	await expect(card.getByRole('link', { name: 'افتح يومي' })).toHaveAttribute('href', '/min-dag');
	await checkA11y(mette);
	await mette.screenshot({ path: '/tmp/home-now-ar-easy.png' });

	// Taken away again (the other tests see Mette's morning as the seed made it).
	await setLanguage(mette.context(), 'da', 'standard');
	await mette.goto('/min-dag/rediger');
	await hydrated(mette);
	await step.getByText('Ret Stå op').click();
	await step.getByLabel('Fjern fotoet').check();
	await step.getByRole('button', { name: 'Gem trinet' }).click();
	await expect(step.locator('img.thumb')).toHaveCount(0);
	await mette.context().close();
});

test('Birgitte sees which routines help: done-rate per routine per week, on a phone', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await loginAs(page, 'demo-birgitte');
	await page.getByRole('link', { name: 'Mette Kristensen' }).click();
	await page.getByRole('link', { name: 'Min dag', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Hvad hjælper' })).toBeVisible();
	const morning = page.locator('table.rates').filter({ hasText: 'Morgen' });
	// Weeks, never days: each row is an ISO week ("50 (2026)") with a share and "x af y".
	await expect(morning.locator('tbody tr').first()).toContainText(/^\d{1,2} \(\d{4}\)/);
	await expect(morning.locator('tbody tr').first()).toContainText(/\d+ af \d+/);
	await checkA11y(page);
	expect(await smallTargets(page)).toEqual([]);
	await page.screenshot({ path: '/tmp/min-dag-staff.png', fullPage: true });
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a routine made and a step ticked with plain form posts; a "Færdig" sent twice is stored once', async ({
		page
	}) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/min-dag/rediger');
		// Its own reading mode: the texts below are standard's, and another test may have left easy-read.
		await setReading(page, 'standard');
		await page.locator('#new-routine-name').fill('Lige nu');
		await page.getByRole('button', { name: 'Lav rutinen' }).click();
		// A step at this very minute (Copenhagen time): it is what to do now.
		const minute = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Copenhagen',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(new Date());
		const routine = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Lige nu' }) });
		const add = routine.locator('details.add-step');
		await add.getByLabel('Hvad skal du gøre?').fill('Luft ud');
		await add.getByRole('radio', { name: 'Hjerte' }).check();
		await add.getByLabel('Klokkeslæt').fill(minute);
		await add.getByRole('button', { name: 'Tilføj trinet' }).click();
		await page.goto('/min-dag');
		const now = page.locator('section.now');
		await expect(now.getByText('Luft ud')).toBeVisible();
		const form = await now
			.locator('form[action="?/tick"]')
			.evaluate((f: HTMLFormElement) => Object.fromEntries(new FormData(f) as unknown as Iterable<[string, string]>));
		await now.getByRole('button', { name: 'Færdig' }).click();
		await expect(page).toHaveURL(/\/min-dag\?faerdig=1$/);
		await expect(page.getByText('Godt. Nu kommer det næste.')).toBeVisible();
		// The same form again (a double tap, a resend): nothing more is stored, the page is the same.
		const again = await page.request.post('/min-dag?/tick', {
			headers: { origin: E2E_ORIGIN, accept: 'text/html' },
			form,
			maxRedirects: 0
		});
		expect(again.status()).toBe(303);
		await page.reload();
		const item = page.locator('section[aria-labelledby="day-heading"] li').filter({ hasText: 'Luft ud' });
		await expect(item.getByText('gjort')).toHaveCount(1);
	});
});

test('bad input from outside the page: a plain 4xx, nothing stored', async ({ page }) => {
	await loginAs(page, 'demo-mette');
	await page.goto('/min-dag/rediger');
	const routineId = await page.locator('input[name="routineId"]').first().inputValue();
	const post = (action: string, form: Record<string, string>) =>
		page.request.post(`/min-dag/rediger?/${action}`, {
			headers: { origin: E2E_ORIGIN, accept: 'text/html' },
			form,
			maxRedirects: 0
		});
	const step = { routineId, text: 'Tag piller', icon: 'pill', time: '08:00' };
	expect((await post('addStep', { ...step, time: '25:00' })).status()).toBe(400);
	expect((await post('addStep', { ...step, icon: 'skull' })).status()).toBe(400);
	expect((await post('addStep', { ...step, text: 'x'.repeat(20_000) })).status()).toBe(400);
	expect((await post('addStep', { ...step, routineId: crypto.randomUUID() })).status()).toBe(404);
	expect((await post('removeStep', { stepId: 'not-an-id' })).status()).toBe(404);
	const tick = await page.request.post('/min-dag?/tick', {
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		form: { id: crypto.randomUUID(), stepId: crypto.randomUUID(), day: copenhagenDate(new Date()) },
		maxRedirects: 0
	});
	expect(tick.status()).toBe(404);
	await page.reload();
	await expect(page.getByText('Tag piller')).toHaveCount(0);
});
