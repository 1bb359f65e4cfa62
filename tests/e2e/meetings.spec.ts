import ical, { type VEvent } from 'node-ical';
import type { Browser, Page } from '@playwright/test';
import { expect, setReading, tapEasyRead, test } from './fixtures';
import { copenhagenToUtc } from '../../src/lib/meetings/time';
import { browserKeys, decryptPush, startPushService } from '../support/web-push';

/**
 * Meetings end to end: a mentor (Lone) plans a weekly 8-session group course and a network
 * meeting by video for Jonas; Jonas sees them with how to prepare and answers "cannot come" with
 * a reason; Lone sees it. The calendar feed parses back and holds the series; a link to a host
 * the organisation has not approved is not a link; the camera test runs on Chromium's fake
 * devices; a push subscription is stored and a change of the meeting reaches a push service on
 * loopback. The steps build on each other, so they run in order.
 */
test.describe.configure({ mode: 'serial' });
// Chromium's fake camera and microphone (a test pattern and a beep), allowed without asking: the
// suite's browser has them (playwright.config.ts), so this file shares the other specs' workers.

// A tag of this run in every title: when CI retries the group, the meetings made by the first try
// are still in the database, and the counts and links below must find only this try's.
const RUN = `hold ${Date.now() % 10_000}`;
const SERIES = `Gruppeforløb: ro og søvn, ${RUN}`;
const NETWORK = `Netværksmøde om din plan, ${RUN}`;
const PLANTED = `Video med et ukendt link, ${RUN}`;
const PLANTED_URL = 'https://video-kommune.example/rum/jonas';

/** Paths found on the way. */
let staffMeetings = '';
let networkPath = '';
let feedUrl = '';

/** A Danish calendar date `days` from today. */
function danishDate(days: number): string {
	const at = new Date(Date.now() + days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(at);
}

/** The first Tuesday at least a week ahead. */
function tuesdayAhead(): string {
	for (let days = 7; ; days++) {
		const date = danishDate(days);
		if (new Date(`${date}T12:00:00Z`).getUTCDay() === 2) return date;
	}
}

const NETWORK_DATE = danishDate(3);

/**
 * Jonas reads in easy-read, where the meetings list shows the next meeting and keeps the others,
 * the earlier ones and the settings one tap away each: opens them all, as he would tap them.
 */
async function openEverything(page: Page): Promise<void> {
	const closed = page.getByRole('main').locator('details:not([open]) > summary');
	while ((await closed.count()) > 0) await closed.first().click();
}

/** A second person's page, as the project's own pages are (axe needs a page of its own context). */
async function otherPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		viewport: { width: 360, height: 740 }
	});
	return context.newPage();
}

async function fillMeeting(page: Page, fields: Record<string, string>) {
	const { kind, ...rest } = fields;
	if (kind) await page.getByLabel('Slags møde').selectOption(kind);
	const labels: Record<string, string> = {
		title: 'Overskrift',
		date: 'Dato for det første møde',
		startTime: 'Starter kl.',
		endTime: 'Slutter kl.',
		location: 'Sted (adresse)',
		videoUrl: 'Link til video',
		phone: 'Telefon, hvis video ikke virker',
		prepareTopics: 'Det taler vi om',
		prepareBring: 'Tag med',
		prepareQuestion: 'Et spørgsmål at tænke over',
		count: 'Antal gange'
	};
	for (const [name, value] of Object.entries(rest)) await page.getByLabel(labels[name], { exact: true }).fill(value);
}

test.describe('meetings', () => {
	test('a mentor plans a weekly series of 8 and a network meeting by video; bad input saves nothing', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-lone');
		const citizen = await page.getByRole('link', { name: 'Jonas Madsen' }).getAttribute('href');
		staffMeetings = `${citizen}/moeder`;
		await page.goto(staffMeetings);
		await expect(page.getByRole('heading', { level: 1, name: 'Møder med Jonas Madsen' })).toBeVisible();
		await axe();

		await page.getByRole('link', { name: 'Planlæg et møde' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde med Jonas Madsen' })).toBeVisible();
		await axe();

		// Wrong on purpose: ends before it starts, a series without an end, a plain-http link.
		await fillMeeting(page, {
			kind: 'gruppeforloeb',
			title: SERIES,
			date: tuesdayAhead(),
			startTime: '10:00',
			endTime: '09:00',
			videoUrl: 'http://video.kommune.dk/rum'
		});
		await page.getByLabel('Hver uge').check();
		await page.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(page.getByLabel('Slutter kl.')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Slutter kl.')).toHaveAccessibleDescription('Mødet skal slutte, efter det starter.');
		await expect(page.getByText('En serie skal slutte. Skriv et antal gange eller en slutdato.')).toBeVisible();
		await expect(page.getByLabel('Link til video')).toHaveAccessibleDescription(/Linket skal starte med https:\/\//);
		await axe();

		// Right: the group course, 1½ hours weekly for 8 weeks.
		await fillMeeting(page, {
			endTime: '11:30',
			videoUrl: '',
			location: 'Jobcenter Ådal, Torvet 3',
			prepareTopics: 'Vi taler om søvn og ro.',
			count: '8'
		});
		await page.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(page.getByText('Gemt. Antal møder: 8.')).toBeVisible();
		await expect(page.locator('article.meeting-card').filter({ hasText: SERIES })).toHaveCount(8);
		await axe();

		// The network meeting by video, with the caseworker invited.
		await page.getByRole('link', { name: 'Planlæg et møde' }).click();
		await fillMeeting(page, {
			kind: 'netvaerksmoede',
			title: NETWORK,
			date: NETWORK_DATE,
			startTime: '13:00',
			endTime: '14:00',
			videoUrl: 'https://video.kommune.dk/rum/jonas-netvaerk',
			phone: '12 50 10 21',
			prepareTopics: 'Hvordan går det med dine delmål?',
			prepareBring: 'Dine noter fra åbent hus.',
			prepareQuestion: 'Hvad er vigtigst for dig nu?'
		});
		await page.getByLabel('Peter Holm').check();
		await page.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(page.getByText('Gemt. Antal møder: 1.')).toBeVisible();

		// A video link to a host the organisation has not approved: saved, but never a link for Jonas.
		await page.getByRole('link', { name: 'Planlæg et møde' }).click();
		await fillMeeting(page, {
			kind: 'video_bostoette',
			title: PLANTED,
			date: danishDate(4),
			startTime: '09:00',
			endTime: '09:30',
			videoUrl: PLANTED_URL
		});
		await page.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(page.getByText('Gemt. Antal møder: 1.')).toBeVisible();
	});

	test('Jonas sees them with how to prepare, and cannot come; Lone sees why', async ({
		page,
		browser,
		baseURL,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-jonas');
		await page.goto('/moeder');
		// Jonas reads in easy-read mode: his own saved setting, which his login brings.
		await expect(page.locator('body')).toHaveClass(/reading-easy/);
		await expect(page.getByRole('heading', { level: 1, name: 'Mine møder' })).toBeVisible();
		// Easy-read shows his next meeting first; the others are one tap away.
		await expect(page.getByRole('heading', { level: 2, name: 'Dit næste møde' })).toBeVisible();
		await openEverything(page);
		await expect(page.locator('article.meeting-card').filter({ hasText: SERIES })).toHaveCount(8);
		await expect(page.getByText('Du er i en gruppe med andre. Det tager 1½ time.').first()).toBeVisible();
		await axe();

		await page.getByRole('link', { name: NETWORK }).click();
		await page.waitForURL(/\/moeder\/[0-9a-f-]{36}$/);
		networkPath = new URL(page.url()).pathname;
		await expect(page.getByRole('heading', { level: 1, name: NETWORK })).toBeVisible();
		await expect(page.getByText('Vi ser på din plan sammen. Det tager 1 time.')).toBeVisible();
		await expect(page.getByText('Hvordan går det med dine delmål?')).toBeVisible();
		await expect(page.getByText('Dine noter fra åbent hus.')).toBeVisible();
		await expect(page.getByText('Hvad er vigtigst for dig nu?')).toBeVisible();
		await expect(page.getByText('Mentor:')).toBeVisible();
		await expect(page.getByText('Sagsbehandler:')).toBeVisible();
		// Days before: the join button is there, but not yet active, and says when it opens.
		const join = page.getByRole('button', { name: 'Deltag i videoopkaldet' });
		await expect(join).toBeDisabled();
		await expect(page.getByText('Du kan trykke på knappen kl. 12.50.')).toBeVisible();
		await expect(page.getByRole('link', { name: /Ring .*12 50 10 21/ })).toHaveAttribute('href', 'tel:12501021');
		await axe();

		// Easy-read: one task at a time. First the answer, then (if he likes) why.
		await expect(page.locator('#reason-cannot')).toHaveCount(0);
		await page.getByRole('button', { name: 'Jeg kan ikke komme' }).click();
		await expect(page.getByText('Tak for dit svar.')).toBeVisible();
		await expect(page.getByText('Du kan ikke komme.')).toBeVisible();
		await page.getByLabel('Du må skrive hvorfor. Du skal ikke.').fill('Jeg skal til tandlæge den dag.');
		await axe();
		await page.getByRole('button', { name: 'Send svaret' }).click();
		await expect(page.getByText('»Jeg skal til tandlæge den dag.«')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Send svaret' })).toHaveCount(0);
		// Tapping the same answer again keeps what he wrote.
		await page.getByRole('button', { name: 'Jeg kan ikke komme' }).click();
		await expect(page.getByText('»Jeg skal til tandlæge den dag.«')).toBeVisible();
		// The chosen answer says so in words, not only by its colour.
		await expect(page.getByRole('button', { name: 'Jeg kan ikke komme' })).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByRole('button', { name: 'Jeg kan ikke komme' })).toContainText('Valgt');
		await expect(page.getByRole('button', { name: 'Jeg kommer' })).not.toContainText('Valgt');
		await axe();

		const staff = await otherPage(browser, baseURL);
		await loginAs(staff, 'demo-lone');
		await staff.goto(staffMeetings);
		const card = staff.locator('article.meeting-card').filter({ hasText: NETWORK });
		await expect(card.getByText('Kan ikke komme')).toBeVisible();
		await expect(card.getByText('Jeg skal til tandlæge den dag.')).toBeVisible();
		await card.getByRole('link', { name: NETWORK }).click();
		await expect(staff.getByRole('heading', { level: 1, name: NETWORK })).toBeVisible();
		await expect(staff.locator('.replies-list').getByText('Jeg skal til tandlæge den dag.')).toBeVisible();
		await axe(staff);
		await staff.context().close();
	});

	test('the join button opens 10 minutes before, on the page’s own clock', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-jonas');
		const start = copenhagenToUtc(NETWORK_DATE, '13:00').getTime();
		await page.clock.install({ time: new Date(start - 11 * 60_000) });
		await page.goto(networkPath);
		await expect(page.getByRole('button', { name: 'Deltag i videoopkaldet' })).toBeDisabled();
		await page.clock.runFor(2 * 60_000);
		const join = page.getByRole('link', { name: 'Deltag i videoopkaldet' });
		await expect(join).toBeVisible();
		await expect(join).toHaveAttribute('href', 'https://video.kommune.dk/rum/jonas-netvaerk');
	});

	test('a link to a host that is not approved is shown as text with a warning, never as a link', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-jonas');
		await page.goto('/moeder');
		await openEverything(page);
		await page.getByRole('link', { name: PLANTED }).click();
		await expect(page.getByText('Vi kender ikke linket. Tryk ikke på det. Ring til os.')).toBeVisible();
		await expect(page.getByTestId('unsafe-link')).toHaveText(PLANTED_URL);
		await expect(page.locator('a[href*="video-kommune.example"]')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Deltag i videoopkaldet' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Deltag i videoopkaldet' })).toHaveCount(0);
		await axe();
	});

	test('an administrator approves the host: the same link becomes the join button; taken off, it is text again', async ({
		page,
		browser,
		baseURL,
		loginAs,
		axe
	}) => {
		const admin = await otherPage(browser, baseURL);
		await loginAs(admin, 'demo-admin');
		// The messages below are the standard ones: the administrator's own saved setting.
		await expect(admin.locator('body')).toHaveClass(/reading-standard/);
		await admin.getByRole('link', { name: 'Video', exact: true }).click();
		await expect(admin.getByRole('heading', { level: 1, name: 'Godkendte adresser til video' })).toBeVisible();
		const jobcenter = admin.locator('section').filter({ has: admin.getByRole('heading', { name: 'Jobcenter Ådal' }) });
		// Bad input first: plain http, and not a host at all. Nothing is added.
		const field = jobcenter.getByLabel('Ny adresse');
		await field.fill('http://video-kommune.example');
		await jobcenter.getByRole('button', { name: 'Tilføj adressen' }).click();
		await expect(field).toHaveAccessibleDescription(/Adressen skal starte med https:\/\//);
		await expect(field).toHaveValue('http://video-kommune.example');
		await field.fill('localhost');
		await jobcenter.getByRole('button', { name: 'Tilføj adressen' }).click();
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await axe(admin);
		await field.fill(PLANTED_URL);
		await jobcenter.getByRole('button', { name: 'Tilføj adressen' }).click();
		await expect(jobcenter.getByRole('status')).toContainText('video-kommune.example er tilføjet.');

		await loginAs(page, 'demo-jonas');
		await page.goto('/moeder');
		await openEverything(page);
		await page.getByRole('link', { name: PLANTED }).click();
		await expect(page.getByTestId('unsafe-link')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Deltag i videoopkaldet' })).toBeDisabled();

		await jobcenter.getByRole('button', { name: 'Fjern video-kommune.example' }).click();
		await expect(jobcenter.getByRole('status')).toContainText('video-kommune.example er fjernet.');
		await admin.context().close();
		await page.reload();
		await expect(page.getByTestId('unsafe-link')).toHaveText(PLANTED_URL);
		await expect(page.getByRole('button', { name: 'Deltag i videoopkaldet' })).toHaveCount(0);
	});

	test('the calendar feed and the file per meeting parse back; renewing stops the old link', async ({
		page,
		loginAs,
		request,
		axe
	}) => {
		await loginAs(page, 'demo-jonas');
		await page.goto('/moeder');
		await openEverything(page);
		await page.getByRole('button', { name: 'Lav et link' }).click();
		const field = page.getByLabel('Dit nye link');
		await expect(field).toBeVisible();
		feedUrl = await field.inputValue();
		expect(feedUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
		await axe();

		// A calendar app has no session: the secret URL is all it needs.
		const response = await request.get(feedUrl);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('text/calendar');
		const events = Object.values(ical.sync.parseICS(await response.text())).filter(
			(c): c is VEvent => c?.type === 'VEVENT'
		);
		const series = events.filter((e) => String(e.summary).startsWith(SERIES));
		expect(series).toHaveLength(8);
		const local = (d: Date) =>
			new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(d);
		expect(new Set(series.map((e) => local(e.start)))).toEqual(new Set(['10:00']));
		expect(events.some((e) => String(e.summary).startsWith(NETWORK))).toBe(true);

		// One meeting as a file, with the person's session.
		const file = await page.request.get(`${networkPath}/kalender.ics`);
		expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="moede-\d{4}-\d{2}-\d{2}\.ics"$/);
		const one = Object.values(ical.sync.parseICS(await file.text())).filter((c): c is VEvent => c?.type === 'VEVENT');
		expect(one).toHaveLength(1);
		expect(one[0].start.getTime()).toBe(copenhagenToUtc(NETWORK_DATE, '13:00').getTime());

		await page.getByRole('button', { name: 'Lav et nyt link' }).click();
		const renewed = await page.getByLabel('Dit nye link').inputValue();
		expect(renewed).not.toBe(feedUrl);
		expect((await request.get(feedUrl)).status()).toBe(404);
		expect((await request.get(renewed)).status()).toBe(200);
		expect((await request.get('/api/calendar/not-a-token')).status()).toBe(404);
	});

	test.describe('with fake camera and microphone', () => {
		test('the camera test shows the picture and hears the sound, and stops', async ({ page, loginAs, axe }) => {
			await loginAs(page, 'demo-jonas');
			await page.goto('/moeder/test-kamera');
			await expect(page.getByRole('heading', { level: 1, name: 'Test kamera og mikrofon' })).toBeVisible();
			await axe();
			await page.getByRole('button', { name: 'Start testen' }).click();
			const video = page.locator('video.camera-preview');
			await expect(video).toBeVisible();
			await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
			await expect(page.getByTestId('heard')).toHaveText('Vi kan høre dig.', { timeout: 15_000 });
			await expect(page.getByRole('meter')).toBeVisible();
			await axe();
			await page.getByRole('button', { name: 'Stop testen' }).click();
			await expect(page.getByText('Kameraet er slukket nu.')).toBeVisible();
			await expect(video).toHaveCount(0);
		});

		test('a refusal gets plain help', async ({ page, loginAs }) => {
			await page.addInitScript(() => {
				navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
			});
			await loginAs(page, 'demo-jonas');
			await page.goto('/moeder/test-kamera');
			await page.getByRole('button', { name: 'Start testen' }).click();
			await expect(page.getByRole('alert')).toHaveText(
				'Du har sagt nej. Tryk på låsen øverst. Vælg Tillad. Prøv igen.'
			);
		});
	});

	test('reminders: the choice is kept; a push subscription is stored and a change reaches the push service', async ({
		page,
		browser,
		loginAs,
		baseURL,
		axe
	}) => {
		const service = await startPushService();
		try {
			await loginAs(page, 'demo-jonas');
			await page.goto('/moeder');
			await openEverything(page);
			await page.getByLabel('Dagen før').uncheck();
			await page.getByRole('button', { name: 'Gem påmindelser' }).click();
			await expect(page.getByText('Dine påmindelser er gemt.')).toBeVisible();
			await page.reload();
			await expect(page.getByLabel('Dagen før')).not.toBeChecked();
			await expect(page.getByLabel('En time før')).toBeChecked();
			await axe();

			// What the browser's PushManager would hand over, with real P-256 keys.
			const keys = browserKeys();
			const headers = { origin: baseURL! };
			const subscription = { endpoint: `${service.origin}/push/jonas`, keys: { p256dh: keys.p256dh, auth: keys.auth } };
			expect((await page.request.post('/api/push', { data: subscription, headers })).status()).toBe(201);
			const bad = { endpoint: 'http://push.example/x', keys: subscription.keys };
			expect((await page.request.post('/api/push', { data: bad, headers })).status()).toBe(400);
			const key = await (await page.request.get('/api/push')).json();
			expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{80,90}$/);

			// Lone moves the network meeting half an hour: Jonas is told.
			const staff = await otherPage(browser, baseURL);
			await loginAs(staff, 'demo-lone');
			await staff.goto(staffMeetings);
			await staff
				.locator('article.meeting-card')
				.filter({ hasText: NETWORK })
				.getByRole('link', { name: NETWORK })
				.click();
			await staff.getByText('Ret mødet').click();
			await staff.getByLabel('Starter kl.').fill('13:30');
			await staff.getByLabel('Slutter kl.').fill('14:30');
			await staff.getByRole('button', { name: 'Gem ændringen' }).click();
			await expect(staff.getByText('Ændringen er gemt. Borgeren kan se, at mødet er ændret.')).toBeVisible();
			await expect(staff.getByText('Borgeren får en besked om det på telefonen.')).toBeVisible();
			await axe(staff);
			await staff.context().close();

			await expect.poll(() => service.received.length).toBe(1);
			const [push] = service.received;
			expect(push.headers['content-encoding']).toBe('aes128gcm');
			expect(push.headers.authorization).toContain(key.publicKey);
			const payload = JSON.parse(decryptPush(push.body, keys));
			expect(payload).toMatchObject({ title: 'Dit møde er ændret', url: networkPath });
			expect(payload.body).toMatch(/^Ny tid: .+ kl\. 13[.:]30\.$/);

			// Jonas sees the mark, and may answer again.
			await page.goto(networkPath);
			await expect(page.getByText('Mødet er ændret. Se den nye tid.')).toBeVisible();
			await expect(page.getByText('Du har ikke svaret endnu.')).toBeVisible();
			await page.goto('/moeder');
			await openEverything(page);
			await expect(
				page.locator('article.meeting-card').filter({ hasText: NETWORK }).getByText('Ændret', { exact: true })
			).toBeVisible();

			// Unsubscribing forgets it.
			const removed = await page.request.delete('/api/push', { data: { endpoint: subscription.endpoint }, headers });
			expect(await removed.json()).toEqual({ removed: true });
		} finally {
			await service.close();
		}
	});

	test('what was agreed at a held network meeting becomes the status in Jonas’s plan', async ({
		page,
		browser,
		baseURL,
		loginAs,
		axe
	}) => {
		const HELD = `Netværksmøde i går, ${RUN}`;
		const AGREED = 'Jonas søger to job om måneden. Karim hjælper med ansøgningerne.';
		const AGREED_EASY = 'Du søger to job hver måned. Karim hjælper dig.';
		await loginAs(page, 'demo-lone');
		await page.goto(`${staffMeetings}/ny`);
		await fillMeeting(page, {
			kind: 'netvaerksmoede',
			title: HELD,
			date: danishDate(-1),
			startTime: '10:00',
			endTime: '11:00',
			location: 'Jobcenter Ådal, Torvet 3'
		});
		await page.getByRole('button', { name: 'Gem mødet' }).click();
		await expect(page.getByText('Gemt. Antal møder: 1.')).toBeVisible();
		await page.locator('article.meeting-card').filter({ hasText: HELD }).getByRole('link', { name: HELD }).click();
		await expect(page.getByRole('heading', { level: 1, name: HELD })).toBeVisible();
		const heldId = page.url().split('/').pop()!;
		// The page says where the text goes: Jonas has no plan period yet, so one starts that day.
		await expect(
			page.getByText(/^Det I aftalte, kommer ind i planen som status\. En ny periode starter den /)
		).toBeVisible();
		await page.getByLabel('Skriv med enkle ord, hvad I aftalte.').fill(AGREED);
		await page.getByLabel('Det samme med lette ord (kan være tomt)').fill(AGREED_EASY);
		await page.getByRole('button', { name: 'Gem det aftalte' }).click();
		await expect(page.getByText('Det aftalte er gemt. Det står nu i borgerens plan.')).toBeVisible();
		await expect(page.getByText('Holdt', { exact: true })).toBeVisible();
		// Written again, the same period changes (no second new period).
		await expect(page.getByText(/^Det I aftalte, kommer ind i planen som status for perioden fra /)).toBeVisible();
		await axe();

		// Jonas reads in easy-read mode: the easy words; in standard mode what was written.
		const jonas = await otherPage(browser, baseURL);
		await loginAs(jonas, 'demo-jonas');
		await jonas.goto('/plan');
		// Easy-read shows one goal per screen; the period's status is one tap away, after it.
		await jonas.getByText('Mere om forløbet').click();
		const status = jonas.locator('section').filter({ has: jonas.getByRole('heading', { name: 'Status lige nu' }) });
		await expect(status.getByText(AGREED_EASY)).toBeVisible();
		await axe(jonas);
		await expect(jonas.locator('body')).toHaveClass(/reading-easy/);
		await tapEasyRead(jonas);
		await expect(status.getByText(AGREED)).toBeVisible();
		await setReading(jonas, 'easy');

		// The meeting itself says it the same way: easy words in easy-read mode.
		await jonas.goto(`/moeder/${heldId}`);
		const agreed = jonas.locator('section').filter({ has: jonas.getByRole('heading', { name: 'Det aftalte vi' }) });
		await expect(agreed.getByText(AGREED_EASY)).toBeVisible();
		await expect(agreed.getByText(AGREED)).toHaveCount(0);
		await jonas.context().close();
	});

	test('Sara hides a meeting from her father: it is gone from his pages until she shows it again', async ({
		page,
		browser,
		baseURL,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/moeder');
		const card = page.locator('article.meeting-card').first();
		const title = (await card.locator('.meeting-head a').innerText()).trim();
		await card.locator('.meeting-head a').click();
		await page.waitForURL(/\/moeder\/[0-9a-f-]{36}$/);
		const path = new URL(page.url()).pathname;
		// Sara reads in easy-read mode: the choice is under "Flere valg", one tap away.
		await page.getByText('Flere valg').click();
		const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Dine pårørende' }) });
		await expect(section.getByText(/^Jens Nielsen kan se (dette møde|mødet)\.$/)).toBeVisible();
		await section.getByRole('button', { name: 'Skjul mødet for mine pårørende' }).click();
		await expect(section.getByRole('status')).toHaveText('Gemt. Dine pårørende kan ikke se mødet nu.');
		await expect(section.getByRole('button', { name: 'Vis mødet for mine pårørende' })).toBeVisible();
		await axe();
		await page.goto('/moeder');
		await expect(page.locator('article.meeting-card').first()).toContainText('Dine pårørende kan ikke se mødet.');

		// Jens looks at Sara's meetings: that one is not there, and its address finds nothing.
		const jens = await otherPage(browser, baseURL);
		await loginAs(jens, 'demo-jens');
		await jens.getByRole('button', { name: 'Se Saras sider' }).click();
		await jens.goto('/moeder');
		await expect(jens.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible();
		await expect(jens.locator(`a[href="${path}"]`)).toHaveCount(0);
		expect((await jens.request.get(path)).status()).toBe(404);
		expect((await jens.request.get(`${path}/kalender.ics`)).status()).toBe(404);
		// He cannot change it back: the choice is Sara's.
		const forged = await jens.request.post(`${path}?/relatives`, {
			form: { hidden: '0' },
			headers: { origin: baseURL! },
			maxRedirects: 0
		});
		expect(forged.status()).toBe(403);

		// Sara shows it again: the very next look finds it.
		await page.goto(path);
		await page.getByText('Flere valg').click();
		await page.getByRole('button', { name: 'Vis mødet for mine pårørende' }).click();
		await expect(page.getByText('Gemt. Dine pårørende kan se mødet nu.')).toBeVisible();
		await jens.goto('/moeder');
		await expect(jens.locator(`a[href="${path}"]`)).toHaveText(title);
		await jens.context().close();
	});

	test('a relative reads meetings without answering; staff without the citizen are refused', async ({
		page,
		browser,
		baseURL,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-jens');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await page.goto('/moeder');
		await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Gem påmindelser' })).toHaveCount(0);
		await page.locator('article.meeting-card a').first().click();
		await expect(page.getByRole('button', { name: 'Jeg kommer' })).toHaveCount(0);
		await axe();
		expect((await page.request.get(networkPath)).status()).toBe(404);

		const nina = await otherPage(browser, baseURL);
		await loginAs(nina, 'demo-nina');
		expect((await nina.request.get(staffMeetings, { maxRedirects: 0 })).status()).toBe(403);
		expect((await nina.request.get(`${staffMeetings}/ny`, { maxRedirects: 0 })).status()).toBe(403);
		await nina.context().close();
	});
});
