/**
 * "Det vil jeg gerne tale om" across two app servers (issue 21): Sara's phone talks only to server
 * A, Lone's tablet only to server B. A topic with a photo added on A is on the meeting Lone
 * prepares on B, and B serves the photo: it lives in the database, never in one server's memory
 * or disk.
 */
import path from 'node:path';
import type { Browser, BrowserContextOptions } from '@playwright/test';
import { loginAs } from '../e2e/fixtures';
import { expect, ORIGIN, test } from './fixtures';

const LETTER = path.resolve('tests/support/media/letter.jpg');

async function personOn(browser: Browser, subject: string, upstream: 'a' | 'b', options: BrowserContextOptions) {
	const context = await browser.newContext({
		baseURL: ORIGIN,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		serviceWorkers: 'block',
		// The load balancer sends every request of this device to one server.
		extraHTTPHeaders: { 'x-cluster-upstream': upstream },
		...options
	});
	const page = await context.newPage();
	await loginAs(page, subject, 'Substantial', ORIGIN);
	return page;
}

test('a topic with a photo added on server A is seen, photo and all, on server B', async ({ browser }) => {
	test.setTimeout(120_000);
	const sara = await personOn(browser, 'demo-sara', 'a', { viewport: { width: 360, height: 740 }, isMobile: true });
	const lone = await personOn(browser, 'demo-lone', 'b', { viewport: { width: 800, height: 1280 } });

	const form = await sara.goto('/tal-om');
	expect(form?.headers()['x-upstream']).toBe('a');
	const meetingId = await sara.locator('input[name=meetingId]:checked').inputValue();
	await sara.getByLabel('Hvad vil du tale om?').fill('Brevet fra server A');
	await sara.getByLabel('Tag et billede').setInputFiles(LETTER);
	await expect(sara.getByText('Billeder klar: 1')).toBeVisible();
	await sara.getByRole('button', { name: 'Tag det med' }).click();
	await expect(sara.getByRole('status').filter({ hasText: 'Det er med til mødet.' })).toBeVisible();

	await lone.goto('/staff');
	await lone.getByRole('link', { name: 'Sara Nielsen' }).click();
	await expect(lone).toHaveURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
	const page = await lone.goto(`${new URL(lone.url()).pathname}/moeder/${meetingId}`);
	expect(page?.headers()['x-upstream']).toBe('b');
	const topic = lone.locator('article.topic', { hasText: 'Brevet fra server A' });
	const photo = topic.getByRole('img', { name: 'Billede 1 fra Sara' });
	await expect(photo).toBeVisible();
	const served = await lone.request.get((await photo.getAttribute('src'))!);
	expect(served.status()).toBe(200);
	expect(served.headers()['x-upstream']).toBe('b');
	expect(served.headers()['content-type']).toBe('image/jpeg');

	await sara.context().close();
	await lone.context().close();
});
