import type { Browser, Page } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';

/**
 * "Jeg har brug for en anden tid" end to end: Sara (phone, easy-read) asks for another time for
 * her talk with Lone; Lone (tablet) sees it on her caseload, is refused a bad offer, then offers
 * three times; Sara's made-up choice is refused and nothing moves; Sara picks one in one tap and
 * the meeting shows the new time with the "changed" mark; Lone sees the new time; a second tap
 * on the old list is refused. Jens (meetings scope) sees that a new time was asked, and cannot act.
 * The steps build on each other, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const MEETING = 'Samtale med Lone';
let meetingPath = '';
let staffMeetingPath = '';

/** A Danish calendar date `days` from today. */
function danishDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

/** The day and month as the app writes them in Danish: "1. december". */
function danishDay(date: string): string {
	return new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'long' }).format(
		new Date(`${date}T12:00:00Z`)
	);
}

// Three times at an hour nobody else books, on days after the meeting's own.
const OFFERS = [
	{ date: danishDate(8), start: '15:10', end: '15:40' },
	{ date: danishDate(9), start: '15:10', end: '15:40' },
	{ date: danishDate(10), start: '15:10', end: '15:40' }
];

async function contextPage(browser: Browser, width: number, height: number): Promise<Page> {
	const context = await browser.newContext({
		baseURL: E2E_ORIGIN,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		viewport: { width, height }
	});
	return context.newPage();
}

async function fillOffer(page: Page, row: number, time: { date: string; start: string; end: string }) {
	const group = page.getByRole('group', { name: new RegExp(`^Tid ${row}`) });
	await group.getByLabel('Dato').fill(time.date);
	await group.getByLabel('Starter kl.').fill(time.start);
	await group.getByLabel('Slutter kl.').fill(time.end);
}

test.describe('I need another time', () => {
	test('Sara asks for another time, with a one-tap reason and her own words', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/moeder');
		// Sara reads in easy-read: her next meeting comes first, the later ones are one tap away.
		await page.getByText(/Flere kommende møder/).click();
		await page.getByRole('link', { name: MEETING }).first().click();
		await page.waitForURL(/\/moeder\/[0-9a-f-]{36}$/);
		meetingPath = new URL(page.url()).pathname;
		await expect(page.getByRole('heading', { name: 'Passer tiden ikke?' })).toBeVisible();
		await page.getByRole('link', { name: 'Jeg har brug for en anden tid' }).click();

		// One task on its own page.
		await expect(page.getByRole('heading', { level: 1, name: 'Jeg har brug for en anden tid' })).toBeVisible();
		await expect(page.getByText(MEETING)).toBeVisible();
		await axe();
		await page.getByRole('radio', { name: 'Jeg er syg' }).check();
		await page.screenshot({ path: 'test-results/rebook-ask-easy-360.png', fullPage: true });
		await page.getByLabel('Du må skrive mere. Du skal ikke.').fill('Jeg har feber. Kan vi tage det i næste uge?');
		await page.getByRole('button', { name: 'Send mit ønske' }).click();

		await expect(page).toHaveURL(new RegExp(`${meetingPath}\\?ny-tid=sendt$`));
		await expect(page.getByText('Tak. Vi har fået dit ønske.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Du har bedt om en anden tid' })).toBeVisible();
		await expect(page.getByText('Jeg har feber. Kan vi tage det i næste uge?')).toBeVisible();
		await axe();
		// Asking twice is not offered, and the page says so.
		await page.goto(`${meetingPath}/ny-tid`);
		await expect(page.getByText('Du har allerede bedt om en ny tid.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Send mit ønske' })).toHaveCount(0);
	});

	test('Jens sees that a new time was asked, and cannot ask or answer', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-jens');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await page.goto(meetingPath);
		await expect(page.getByText('Sara har bedt om en anden tid til mødet.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Behold den gamle tid' })).toHaveCount(0);
		await expect(page.getByText('Jeg har feber')).toHaveCount(0);
		expect((await page.request.get(`${meetingPath}/ny-tid`, { maxRedirects: 0 })).status()).toBe(403);
	});

	test('Lone sees the request, is refused a bad offer, and offers three times', async ({ browser, loginAs, axe }) => {
		const lone = await contextPage(browser, 768, 1024);
		await loginAs(lone, 'demo-lone');
		await lone.getByRole('link', { name: 'Ønsker en anden tid: 1' }).click();
		await expect(lone.getByRole('heading', { name: 'Ønsker om en anden tid' })).toBeVisible();
		await lone.getByRole('link', { name: MEETING }).first().click();
		await lone.waitForURL(/\/moeder\/[0-9a-f-]{36}$/);
		staffMeetingPath = new URL(lone.url()).pathname;
		await expect(lone.getByText('Sara har bedt om en anden tid')).toBeVisible();
		await expect(lone.getByText('Jeg er syg')).toBeVisible();
		await expect(lone.getByText('Jeg har feber. Kan vi tage det i næste uge?')).toBeVisible();
		await axe(lone);

		// One time only, the other in the past: refused beside the fields, nothing sent.
		await fillOffer(lone, 1, OFFERS[0]);
		await lone.getByRole('button', { name: 'Send tiderne' }).click();
		await expect(lone.getByText('Giv mindst 2 tider.')).toBeVisible();
		await fillOffer(lone, 1, OFFERS[0]);
		await fillOffer(lone, 2, { date: danishDate(-2), start: '10:00', end: '10:30' });
		await lone.getByRole('button', { name: 'Send tiderne' }).click();
		await expect(lone.getByRole('group', { name: /^Tid 2/ }).getByLabel('Starter kl.')).toHaveAccessibleDescription(
			'Tiden skal ligge efter nu.'
		);
		await axe(lone);

		for (const [i, time] of OFFERS.entries()) await fillOffer(lone, i + 1, time);
		await lone.getByRole('button', { name: 'Send tiderne' }).click();
		await expect(lone.getByText('Tiderne er sendt. Sara kan vælge en af dem.')).toBeVisible();
		// Sara has not turned on messages on a phone: Lone is told to say it herself.
		await expect(lone.getByText('Borgeren får ingen besked på telefonen. Sig det selv til borgeren.')).toBeVisible();
		await expect(lone.locator('.offered-times li')).toHaveCount(3);
		await lone.screenshot({ path: 'test-results/rebook-offered-staff-768.png', fullPage: true });
		await lone.context().close();
	});

	test('Sara’s made-up choice is refused; one tap on an offered time moves the meeting', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto(meetingPath);
		await expect(page.getByRole('heading', { name: 'Vælg en ny tid' })).toBeVisible();
		await expect(page.getByText('Tryk på den tid, du vil have.')).toBeVisible();
		const times = page.locator('.offers button');
		await expect(times).toHaveCount(3);
		const oldWhen = await page.locator('#when + p').textContent();
		await axe();
		await page.screenshot({ path: 'test-results/rebook-choose-easy-360.png', fullPage: true });

		// A time that was never offered (the form altered in the browser): refused, nothing moves.
		await page
			.locator('.offers form')
			.first()
			.locator('input[name="offerId"]')
			.evaluate((input) => {
				(input as HTMLInputElement).value = '00000000-0000-4000-8000-000000000000';
			});
		await times.first().click();
		await expect(page.getByRole('alert')).toHaveText('Den tid kan du ikke vælge. Mødet er ikke flyttet.');
		await expect(page.locator('#when + p')).toHaveText(oldWhen!);
		await expect(page.getByText('Mødet er ændret. Se den nye tid.')).toHaveCount(0);

		// A second page with the same list, to tap again after the choice.
		const stale = await page.context().newPage();
		await stale.goto(meetingPath);

		await page.goto(meetingPath);
		const picked = OFFERS[1];
		await page.getByRole('button', { name: new RegExp(danishDay(picked.date)) }).click();
		await expect(page.getByText('Du har valgt en ny tid.')).toBeVisible();
		await expect(page.getByText('Mødet er ændret. Se den nye tid.')).toBeVisible();
		await expect(page.locator('#when + p')).toContainText(danishDay(picked.date));
		await expect(page.locator('#when + p')).toContainText(/15[.:]10/);
		// Sara chose it, so she is coming.
		await expect(page.getByText('Du kommer.', { exact: true })).toBeVisible();
		await axe();

		// The list on the other page is old: a tap there is refused, the meeting stays at the chosen time.
		await stale.locator('.offers button').first().click();
		await expect(stale.getByRole('alert')).toHaveText('Der er ingen tider at vælge. Mødet er ikke flyttet.');
		await expect(stale.locator('#when + p')).toContainText(danishDay(picked.date));
		await stale.close();

		// Her list of meetings shows the new time with the "changed" mark.
		await page.goto('/moeder');
		const card = page.locator('article.meeting-card').filter({ hasText: MEETING }).first();
		await expect(card).toContainText(danishDay(picked.date));
		await expect(card).toContainText('Ændret');
	});

	test('Lone sees the new time, the "changed" mark and Sara’s choice', async ({ browser, loginAs, axe }) => {
		const lone = await contextPage(browser, 768, 1024);
		await loginAs(lone, 'demo-lone');
		await lone.goto(staffMeetingPath);
		const picked = OFFERS[1];
		await expect(lone.getByRole('heading', { level: 1 })).toContainText('Ændret');
		await expect(lone.locator('#facts + p')).toContainText(danishDay(picked.date));
		await expect(lone.getByText(new RegExp(`Sara valgte en ny tid: .*${danishDay(picked.date)}`))).toBeVisible();
		await expect(lone.getByRole('button', { name: 'Send tiderne' })).toHaveCount(0);
		// Nothing waits any more on her caseload.
		await lone.goto('/staff');
		await expect(lone.getByRole('link', { name: /Ønsker en anden tid/ })).toHaveCount(0);
		await axe(lone);
		await lone.context().close();
	});
});
