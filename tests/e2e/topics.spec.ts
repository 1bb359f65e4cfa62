import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { E2E_ORIGIN, checkA11y, expect, hydrated, loginAs, startFromVideoMeeting, test } from './fixtures';
import { setLanguage, smallTargets } from './page-checks';

/**
 * "Det vil jeg gerne tale om" at 360×740: Sara photographs a letter and brings it to her next
 * meeting (Danish, standard; Arabic, easy-read), Lone sees it on the meeting in the staff area and
 * marks it talked about; the photo is served only through the policy, with its checked type. Bad
 * input, from the page and straight to the server, is a plain 4xx and stores nothing.
 */

const LETTER = path.resolve('tests/support/media/letter.jpg');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(0)]);

async function staffPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		baseURL: E2E_ORIGIN,
		viewport: { width: 360, height: 740 },
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	await loginAs(page, 'demo-lone');
	return page;
}

/** The checks every new page gets: axe (WCAG 2.2 AA) and 44 px targets. */
async function pageChecks(page: Page) {
	await checkA11y(page);
	expect(await smallTargets(page)).toEqual([]);
}

/** The topic cards on /tal-om, as their words. */
const topicTexts = (page: Page) => page.locator('article.topic .topic-text').allInnerTexts();

test.describe('topics', () => {
	test('Sara brings a photo of a letter to her next meeting; Lone sees it and marks it talked about', async ({
		page,
		browser
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/mere');
		await page.getByRole('link', { name: /Det vil jeg gerne tale om/ }).click();
		await expect(page).toHaveURL(/\/tal-om$/);
		await hydrated(page);
		await pageChecks(page);

		await page.getByLabel('Hvad vil du tale om?').fill('Brev fra kommunen om min sag');
		// The camera in the page (Chromium's fake camera: its default moving test pattern stands for
		// the letter), focus inside it, then back on "Tag et billede" with the photo in the form.
		await page.getByLabel('Tag et billede').click();
		const camera = page.getByRole('dialog', { name: 'Kamera' });
		const shutter = camera.getByRole('button', { name: 'Tag billedet' });
		await expect(shutter).toBeEnabled();
		await expect(shutter).toBeFocused();
		await pageChecks(page);
		await shutter.click();
		await expect(camera.getByRole('img', { name: 'Billedet, du tog' })).toBeVisible();
		await camera.getByRole('button', { name: 'Tag igen' }).click();
		await shutter.click();
		await camera.getByRole('button', { name: 'Brug billedet' }).click();
		await expect(camera).toHaveCount(0);
		await expect(page.getByLabel('Tag et billede')).toBeFocused();
		// The camera light is off: no track of the page is still live.
		expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
		// Made smaller on the phone first; the button waits for it.
		await expect(page.getByText('Billeder klar: 1')).toBeVisible();
		const meetingId = await page.locator('input[name=meetingId]:checked').inputValue();
		await page.getByRole('button', { name: 'Tag det med' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er med til mødet.' })).toBeVisible();
		const card = page.locator('article.topic', { hasText: 'Brev fra kommunen om min sag' });
		const photo = card.getByRole('img', { name: 'Billede 1' });
		await expect(photo).toBeVisible();
		// Loaded, through the policy, as the picture it is (lazy: it may come a moment later).
		const width = () => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
		await expect.poll(width).toBeGreaterThan(0);
		// The camera's frame went through the same shrink: at most 1600 px on its longest side.
		expect(await width()).toBeLessThanOrEqual(1600);
		await pageChecks(page);

		// Served only as what the server found in the bytes, never sniffed, never cached.
		const src = (await photo.getAttribute('src'))!;
		const served = await page.request.get(src);
		expect(served.status()).toBe(200);
		expect(served.headers()).toMatchObject({
			'content-type': 'image/jpeg',
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		});
		expect(served.headers()['content-disposition']).toMatch(/^inline; filename="topic-[0-9a-f]{8}\.jpg"$/);
		expect(served.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");

		// The meeting's own page shows it too.
		await page.goto(`/moeder/${meetingId}`);
		await expect(page.locator('article.topic', { hasText: 'Brev fra kommunen om min sag' })).toBeVisible();

		const lone = await staffPage(browser);
		await lone.goto('/staff');
		await lone.getByRole('link', { name: 'Sara Nielsen' }).click();
		await expect(lone).toHaveURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
		const citizenPath = new URL(lone.url()).pathname;
		// Preparing: the meetings list says which meeting Sara brings something to (the seed's words, and this).
		await lone.goto(`${citizenPath}/moeder`);
		await expect(lone.locator(`a[href$="/moeder/${meetingId}"]`).locator('xpath=ancestor::li[1]')).toContainText(
			'Emner fra borgeren: 2'
		);
		await lone.goto(`${citizenPath}/moeder/${meetingId}`);
		const topic = lone.locator('article.topic', { hasText: 'Brev fra kommunen om min sag' });
		await expect(topic.getByRole('img', { name: 'Billede 1 fra Sara' })).toBeVisible();
		await pageChecks(lone);
		await topic.getByRole('button', { name: 'Vi har talt om det' }).click();
		await expect(topic.getByText('I har talt om det')).toBeVisible();
		await expect(topic.getByRole('button', { name: 'Ikke talt om endnu' })).toBeVisible();
		// "What we agreed" says which topics it answers.
		await lone.getByRole('checkbox', { name: 'Brev fra kommunen om min sag' }).check();
		await lone.getByRole('button', { name: 'Gem, hvad det svarer på' }).click();
		await expect(lone.getByRole('status').filter({ hasText: 'Gemt.' })).toBeVisible();

		// Sara sees what came of it.
		await page.goto(`/moeder/${meetingId}`);
		const mine = page.locator('article.topic', { hasText: 'Brev fra kommunen om min sag' });
		await expect(mine.getByText('I har talt om det')).toBeVisible();
		await expect(mine.getByText('Det, I aftalte, svarer på det')).toBeVisible();
		await pageChecks(page);

		// Before the meeting she can still change it: the photo taken away, the words kept.
		await page.goto('/tal-om');
		await page.getByRole('link', { name: 'Ret: Brev fra kommunen om min sag' }).click();
		await expect(page).toHaveURL(/\/tal-om\/[0-9a-f-]{36}$/);
		await pageChecks(page);
		await page.getByRole('checkbox', { name: 'Fjern billede 1' }).check();
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er gemt.' })).toBeVisible();
		await expect(
			page.locator('article.topic', { hasText: 'Brev fra kommunen om min sag' }).getByRole('img')
		).toHaveCount(0);
		expect((await page.request.get(src)).status()).toBe(404);

		// Jens (her father, who sees her meetings) never sees the photo: the same 404 as a made-up id.
		const jens = await browser.newContext({ baseURL: E2E_ORIGIN });
		const jensPage = await jens.newPage();
		await loginAs(jensPage, 'demo-jens');
		expect((await jensPage.request.get(src)).status()).toBe(404);
		expect((await jensPage.request.get('/media/00000000-0000-4000-8000-000000000000')).status()).toBe(404);
		await jens.close();
		await lone.context().close();
	});

	test('in Arabic and easy-read: from the meeting page, a ZIP named .png is refused plainly, then a letter goes', async ({
		page,
		context
	}) => {
		await loginAs(page, 'demo-sara');
		await setLanguage(context, 'ar', 'easy');
		await page.goto('/tal-om');
		const meetingId = await page.locator('input[name=meetingId]:checked').inputValue();
		await page.goto(`/moeder/${meetingId}`);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.getByRole('link', { name: 'خذ شيئًا إلى هذا الاجتماع' }).click();
		await expect(page).toHaveURL(/\/tal-om\?moede=[0-9a-f-]{36}$/);
		await hydrated(page);
		await expect(page.locator('body')).toHaveClass(/reading-easy/);
		await pageChecks(page);
		const before = await topicTexts(page);

		await page.getByLabel('عمّ تريد أن تتحدث؟').fill('فاتورة الكهرباء');
		await page.getByLabel('اختر صورة').setInputFiles({ name: 'brev.png', mimeType: 'image/png', buffer: ZIP });
		await page.getByRole('button', { name: 'خذه معك' }).click();
		await expect(page.locator('.field-error')).toHaveText('هذه ليست صورة. التقط واحدة بالكاميرا.');
		expect(await topicTexts(page)).toEqual(before);
		await pageChecks(page);

		// The camera in the page, in Arabic easy-read: a photo taken, then Escape closes it unused.
		await page.getByLabel('التقط صورة').click();
		const camera = page.getByRole('dialog', { name: 'الكاميرا' });
		await expect(camera.getByRole('button', { name: 'التقط الصورة' })).toBeEnabled();
		await expect(camera.getByText('ارفع الرسالة. اضغط على الزر.')).toBeVisible();
		await pageChecks(page);
		await camera.getByRole('button', { name: 'التقط الصورة' }).click();
		await expect(camera.getByRole('button', { name: 'استخدم الصورة' })).toBeFocused();
		await pageChecks(page);
		await page.keyboard.press('Escape');
		await expect(camera).toHaveCount(0);
		await expect(page.getByLabel('التقط صورة')).toBeFocused();

		// The camera refused: a plain message, and the next tap is the phone's own file input.
		await page.evaluate(() => {
			navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
		});
		await page.getByLabel('التقط صورة').click();
		await expect(page.getByRole('alert')).toHaveText('الكاميرا لا تعمل هنا. اضغط على الزر مرة أخرى.');
		const chooser = page.waitForEvent('filechooser');
		await page.getByLabel('التقط صورة').click();
		await (await chooser).setFiles(LETTER);
		await expect(page.getByText('صور جاهزة: 1')).toBeVisible();
		await page.getByRole('button', { name: 'خذه معك' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'أصبح ضمن الاجتماع.' })).toBeVisible();
		await expect(page.locator('article.topic', { hasText: 'فاتورة الكهرباء' }).getByRole('img')).toBeVisible();
		await pageChecks(page);
	});

	test('straight to the server: too large, not a picture, too many, another’s meeting, too much text: a plain 4xx, nothing stored', async ({
		page
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/tal-om');
		const meetingId = await page.locator('input[name=meetingId]:checked').inputValue();
		const before = await topicTexts(page);
		const origin = new URL(E2E_ORIGIN).origin;
		type Photo = { name: string; type: string; bytes: Buffer };
		const post = (fields: Record<string, string>, photos: Photo[] = []) => {
			const form = new FormData();
			for (const [name, value] of Object.entries(fields)) form.append(name, value);
			for (const p of photos) form.append('photos', new File([new Uint8Array(p.bytes)], p.name, { type: p.type }));
			return page.request.post('/tal-om?/add', {
				headers: { origin, accept: 'text/html' },
				multipart: form,
				maxRedirects: 0
			});
		};
		const letter: Photo = { name: 'brev.jpg', type: 'image/jpeg', bytes: readFileSync(LETTER) };
		const notPicture = /ikke et billede|ikke bruge/;
		const cases: Array<[string, Record<string, string>, Photo[], number, RegExp]> = [
			[
				'a ZIP named .png',
				{ meetingId, text: 'Hej' },
				[{ name: 'x.png', type: 'image/png', bytes: ZIP }],
				400,
				notPicture
			],
			[
				'HTML as a photo',
				{ meetingId, text: 'Hej' },
				[{ ...letter, bytes: Buffer.from('<html><script>alert(1)</script>') }],
				400,
				notPicture
			],
			['four photos', { meetingId, text: 'Hej' }, [letter, letter, letter, letter], 400, /for mange billeder/i],
			['20,000 characters', { meetingId, text: 'a'.repeat(20_000) }, [], 400, /for lang|for mange ord/],
			[
				'another citizen’s meeting',
				{ meetingId: '00000000-0000-4000-8000-000000000000', text: 'Hej' },
				[],
				404,
				/Vi kan ikke finde/
			],
			['neither words nor a photo', { meetingId, text: '\u202e\u0000 ' }, [], 400, /Skriv et par ord|Skriv lidt/]
		];
		for (const [name, fields, photos, status, text] of cases) {
			const answer = await post(fields, photos);
			expect(answer.status(), name).toBe(status);
			expect(await answer.text(), name).toMatch(text);
		}

		// A 50 MB "photo": refused from the length it announces, before the body is read.
		const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const url = new URL(E2E_ORIGIN);
		const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(
				{
					host: url.hostname,
					port: url.port,
					method: 'POST',
					path: '/tal-om?/add',
					headers: {
						origin,
						accept: 'text/html',
						cookie,
						'content-type': 'multipart/form-data; boundary=x',
						'content-length': String(50 * 1024 * 1024)
					}
				},
				(res) => {
					let body = '';
					res.on('data', (chunk) => (body += chunk));
					res.on('end', () => {
						resolve({ status: res.statusCode ?? 0, body });
						req.destroy();
					});
				}
			);
			req.on('error', reject);
			// A little of it; the answer comes without the rest.
			req.write('--x\r\n');
		});
		expect(refused.status).toBe(413);
		expect(refused.body).toMatch(/Det, du sendte, er for stort|Det var for meget på én gang/);

		await page.reload();
		expect(await topicTexts(page)).toEqual(before);
	});

	test('in "Se det sammen" from the video meeting, both see what Sara brings to it; Lone marks it talked about', async ({
		page,
		browser
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/tal-om');
		await page.getByRole('radio', { name: /Åben videotid med Lone/ }).check();
		await page.getByLabel('Hvad vil du tale om?').fill('Tandlægen ringede');
		await page.getByRole('button', { name: 'Tag det med' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er med til mødet.' })).toBeVisible();
		await hydrated(page);

		const lone = await staffPage(browser);
		await lone.goto('/staff');
		const sessionPath = await startFromVideoMeeting(lone);
		await page.getByRole('complementary').getByRole('button', { name: 'Ja, se sammen' }).click();
		await expect(page).toHaveURL(sessionPath);
		const mine = page.locator('article.topic', { hasText: 'Tandlægen ringede' });
		await expect(mine).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Det vil du tale om' })).toBeVisible();
		await expect(mine.getByRole('button')).toHaveCount(0);

		await lone.reload();
		const theirs = lone.locator('article.topic', { hasText: 'Tandlægen ringede' });
		await expect(lone.getByRole('heading', { name: 'Det vil Sara gerne tale om' })).toBeVisible();
		await theirs.getByRole('button', { name: 'Vi har talt om det' }).click();
		await expect(theirs.getByText('I har talt om det')).toBeVisible();
		await checkA11y(lone);
		// Sara's screen shows it without a reload (a together event), and the taking back too.
		await expect(mine.getByText('I har talt om det')).toBeVisible();
		await theirs.getByRole('button', { name: 'Ikke talt om endnu' }).click();
		await expect(mine.getByText('I har talt om det')).toHaveCount(0);
		await theirs.getByRole('button', { name: 'Vi har talt om det' }).click();
		await expect(mine.getByText('I har talt om det')).toBeVisible();
		await lone.context().close();

		// It is hers: she deletes it, and it is gone.
		await page.goto('/tal-om');
		await page.getByRole('link', { name: 'Ret: Tandlægen ringede' }).click();
		await page.getByRole('button', { name: 'Slet det' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er slettet.' })).toBeVisible();
		await expect(page.locator('article.topic', { hasText: 'Tandlægen ringede' })).toHaveCount(0);
	});
});
