import type { Browser, Page } from '@playwright/test';
import { expect, tapEasyRead, test } from './fixtures';
import { browserKeys, startPushService } from '../support/web-push';

/**
 * Background jobs as people meet them: a cancelled meeting's notice goes through the job queue;
 * when the citizen's push service fails, the administrator's page says so in plain words (what,
 * for whom, how many tries, why), and nobody else may see that page.
 */

const TITLE = 'Samtale om praktik';

function danishDate(days: number): string {
	const at = new Date(Date.now() + days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(at);
}

async function otherPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		viewport: { width: 360, height: 740 }
	});
	return context.newPage();
}

test('a notice the push service refuses shows on the administrator’s page in plain words', async ({
	page,
	browser,
	baseURL,
	loginAs,
	axe
}) => {
	// Three people log in and the job must try once: on a busy machine it passed the 60 s default.
	test.setTimeout(150_000);
	const service = await startPushService(500);
	const keys = browserKeys();
	const headers = { origin: baseURL! };
	const endpoint = `${service.origin}/push/fatima`;
	try {
		// Fatima's phone takes messages, but its push service is failing just now.
		await loginAs(page, 'demo-fatima');
		const subscription = { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
		expect((await page.request.post('/api/push', { data: subscription, headers })).status()).toBe(201);

		// Henrik books a meeting with Fatima, then cancels it.
		const staff = await otherPage(browser, baseURL);
		await loginAs(staff, 'demo-henrik');
		const citizen = await staff.getByRole('link', { name: 'Fatima Yilmaz' }).getAttribute('href');
		await staff.goto(`${citizen}/moeder/ny`);
		await staff.getByLabel('Slags møde').selectOption('individuel_samtale');
		await staff.getByLabel('Overskrift', { exact: true }).fill(TITLE);
		await staff.getByLabel('Dato for det første møde', { exact: true }).fill(danishDate(10));
		await staff.getByLabel('Starter kl.', { exact: true }).fill('10:00');
		await staff.getByLabel('Slutter kl.', { exact: true }).fill('11:00');
		await staff.getByLabel('Sted (adresse)', { exact: true }).fill('Jobcenter Ådal');
		await staff.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(staff.getByText('Gemt. Antal møder: 1.')).toBeVisible();
		await staff.getByRole('link', { name: TITLE }).first().click();
		await staff.getByRole('button', { name: 'Aflys mødet' }).click();
		await expect(staff.getByText('Borgeren får en besked om det på telefonen.')).toBeVisible();
		await staff.context().close();

		// The job tried, and the push service said no.
		await expect.poll(() => service.received.length).toBeGreaterThan(0);

		// The administrator sees it, in plain words, and no one's data beyond a first name.
		const admin = await otherPage(browser, baseURL);
		await loginAs(admin, 'demo-admin');
		await admin.getByRole('link', { name: 'Job' }).click();
		await expect(admin.getByRole('heading', { level: 1, name: 'Job, der fejlede' })).toBeVisible();
		const card = admin.locator('li.job').filter({ hasText: 'Besked om et aflyst møde' });
		await expect(async () => {
			await admin.reload();
			await expect(card).toBeVisible({ timeout: 1000 });
		}).toPass({ timeout: 15_000 });
		await expect(admin.getByRole('heading', { level: 2, name: 'Prøver igen' })).toBeVisible();
		await expect(card).toContainText('For Fatima');
		await expect(card).not.toContainText('Yilmaz');
		await expect(card).toContainText('Forsøg: 1');
		await expect(card).toContainText('Vi kunne ikke sende til borgerens telefon.');
		await expect(card).toContainText(/Næste forsøg .+ kl\. \d\d[.:]\d\d/);
		await axe(admin);

		// In easy-read mode the reason is shorter.
		await tapEasyRead(admin);
		await expect(card).toContainText('Det nåede ikke frem til telefonen.');
		await axe(admin);
		await admin.context().close();
	} finally {
		// Fatima's phone goes: the next try finds nobody to tell, and ends.
		await page.request.delete('/api/push', { data: { endpoint }, headers });
		await service.close();
	}
});
