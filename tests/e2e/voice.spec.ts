import type { Page, Request } from '@playwright/test';
import { E2E_ORIGIN, expect, hydrated, test } from './fixtures';
import { setLanguage } from './page-checks';

/**
 * "Speak instead of write" on a phone (360×740), with Chromium's fake microphone (a steady beep,
 * allowed without asking: playwright.config.ts): a diary voice note recorded and kept while the
 * network is away waits in the outbox, is sent once when it is back, is played by Sara, and by Lone
 * only once Sara shares the page. Arabic easy-read for the recorder itself.
 */

/** Whether the page's player can load the recording: its metadata arrives from /media/<id>. */
async function playable(page: Page, audio = page.locator('audio[src^="/media/"]').first()) {
	return audio.evaluate(
		(el: HTMLAudioElement) =>
			new Promise<boolean>((done) => {
				if (el.readyState >= 1) return done(true);
				el.addEventListener('loadedmetadata', () => done(true), { once: true });
				el.addEventListener('error', () => done(false), { once: true });
				el.preload = 'metadata';
				el.load();
			})
	);
}

test.describe('voice notes', () => {
	test('a diary voice note made offline is sent once, played by Sara, and by Lone once shared', async ({
		page,
		context,
		loginAs,
		browser,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		// Sara reads easy-read by her own setting; this test is the standard Danish texts.
		await setLanguage(context, 'da', 'standard');
		await page.goto('/dagbog');
		await hydrated(page);
		await page.waitForLoadState('networkidle');
		const uploads: Request[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('/api/sync') && r.method() === 'POST') uploads.push(r);
		});

		// The recorder loads on the first tap, with the network; the network goes while she speaks.
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await expect(page.getByText('Optager', { exact: true })).toBeVisible();
		await context.setOffline(true);
		const text = `Sagt uden net ${Date.now()}`;
		try {
			await page.waitForTimeout(2500);
			await page.getByRole('button', { name: 'Stop' }).click();
			await expect(page.getByRole('button', { name: 'Behold' })).toBeVisible();
			// She can listen to it before she keeps it (the page's rules let the player play it).
			expect(await playable(page, page.getByLabel('Din optagelse'))).toBe(true);
			await axe();
			await page.getByRole('button', { name: 'Behold' }).click();
			await expect(page.getByText('Den bliver gemt med det, du skriver.')).toBeVisible();
			await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
			await page.getByLabel('Hvad skete der?').fill(text);
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			const waiting = page.locator('li.waiting').filter({ hasText: text });
			await expect(waiting).toBeVisible();
			await expect(waiting.getByText('Med en optagelse')).toBeVisible();
			// The form is empty again, the recorder back to its button.
			await expect(page.getByRole('button', { name: 'Tal i stedet for at skrive' })).toBeVisible();
			expect(uploads).toHaveLength(0);
		} finally {
			await context.setOffline(false);
		}
		await expect(page.locator('li.waiting')).toHaveCount(0, { timeout: 20_000 });
		// Sent once, alone, as multipart with the recording.
		expect(uploads).toHaveLength(1);
		expect(uploads[0].headers()['content-type']).toMatch(/^multipart\/form-data/);

		await page.reload();
		const entry = page.locator('li.entry').filter({ hasText: text });
		await expect(entry).toHaveCount(1);
		const player = entry.getByLabel(/^Indtalt, 0:0\d min\.$/);
		await expect(player).toBeVisible();
		const src = await player.getAttribute('src');
		expect(src).toMatch(/^\/media\/[0-9a-f-]{36}$/);
		expect(await playable(page, player)).toBe(true);
		await entry.screenshot({ path: 'test-results/voice-entry-da.png' });
		const served = await page.request.get(src!);
		expect(served.status()).toBe(200);
		expect(served.headers()['content-type']).toBe('audio/webm');
		expect(served.headers()['x-content-type-options']).toBe('nosniff');
		expect(served.headers()['content-disposition']).toMatch(/^inline; filename="diary_entry-/);
		await axe();

		// Lone, Sara's contact person: nothing before Sara shares it, not even the sound.
		const staff = await browser.newContext();
		const lone = await staff.newPage();
		await loginAs(lone, 'demo-lone');
		expect((await lone.request.get(src!)).status()).toBe(404);

		await entry.getByText('Hvem må se det?').click();
		await entry.getByRole('button', { name: /Del med Lone Berg/ }).click();
		await expect(entry.getByText('Delt med Lone.')).toBeVisible();

		await lone.getByRole('link', { name: 'Sara Nielsen' }).first().click();
		await lone.waitForURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
		await lone.goto(`${new URL(lone.url()).pathname}/dagbog`);
		const shared = lone.locator('li.card').filter({ hasText: text });
		await expect(shared.getByLabel(/^Indtalt/)).toHaveAttribute('src', src!);
		expect(await playable(lone, shared.locator('audio'))).toBe(true);
		await shared.screenshot({ path: 'test-results/voice-shared-lone.png' });
		await axe(lone);
		await staff.close();
	});

	test('the recorder in Arabic easy-read: speak, listen, keep or again; a bad file from the API is refused', async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		await setLanguage(context, 'ar', 'easy');
		await page.goto('/dagbog');
		await hydrated(page);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.getByRole('button', { name: 'تحدث', exact: true }).click();
		await expect(page.locator('.recorder progress')).toBeVisible();
		await page.waitForTimeout(1500);
		await page.screenshot({ path: 'test-results/voice-recording-ar-easy.png' });
		await page.getByRole('button', { name: 'توقف' }).click();
		await expect(page.getByRole('button', { name: 'احتفظ به' })).toBeVisible();
		await page.screenshot({ path: 'test-results/voice-recorded-ar-easy.png' });
		await axe();
		await page.getByRole('button', { name: 'سجّل مرة أخرى' }).click();
		await page.waitForTimeout(1000);
		await page.getByRole('button', { name: 'توقف' }).click();
		await page.getByRole('button', { name: 'احتفظ به' }).click();
		await expect(page.getByRole('button', { name: 'احذف التسجيل' })).toBeVisible();
		await page.screenshot({ path: 'test-results/voice-kept-ar-easy.png', fullPage: true });
		await axe();

		// From the API: HTML named .webm refuses the whole item; nothing is stored.
		const id = crypto.randomUUID();
		const refused = await page.request.post('/api/sync', {
			headers: { origin: E2E_ORIGIN },
			multipart: {
				items: JSON.stringify({ items: [{ id, kind: 'diary', payload: { mood: 3, text: 'Ikke halvt' } }] }),
				audio: { name: 'x.webm', mimeType: 'audio/webm', buffer: Buffer.from('<!doctype html><script>1</script>') }
			}
		});
		expect(await refused.json()).toEqual({ results: [{ id, status: 'invalid', reason: 'voice.refused.notAudio' }] });
		await page.reload();
		await expect(page.getByText('Ikke halvt')).toHaveCount(0);
	});

	test('a delmål note may be only spoken: it goes through the outbox and plays with the note', async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-mette');
		await setLanguage(context, 'da', 'standard');
		await page.goto('/plan');
		await hydrated(page);
		const item = page.locator('ul.subgoals > li').first();
		const players = item.locator('audio[src^="/media/"]');
		const before = await players.count();
		await item.getByText('Skriv en note').click();
		await item.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await page.waitForTimeout(2000);
		await item.getByRole('button', { name: 'Stop' }).click();
		await item.getByRole('button', { name: 'Behold' }).click();
		await axe();
		await item.getByRole('button', { name: 'Gem noten' }).click();
		// No words needed: the recording is the note.
		await expect(item.getByText('Skriv noget her.')).toHaveCount(0);
		await expect(players).toHaveCount(before + 1, { timeout: 20_000 });
		await expect(item.getByText(/Indtalt, 0:0[1-4] min\./).first()).toBeVisible();
		expect(await playable(page, players.first())).toBe(true);
		await axe();
	});

	test('a topic for the next meeting may be only spoken: it is posted with the form and plays on its card', async ({
		page,
		context,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		await setLanguage(context, 'da', 'standard');
		await page.goto('/tal-om');
		await hydrated(page);
		const before = await page.locator('article.topic audio').count();
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await page.waitForTimeout(2000);
		await page.getByRole('button', { name: 'Stop' }).click();
		await page.getByRole('button', { name: 'Behold' }).click();
		await axe();
		await page.getByRole('button', { name: 'Tag det med' }).click();
		await expect(page.locator('article.topic audio')).toHaveCount(before + 1);
		const player = page
			.locator('article.topic')
			.getByLabel(/^Indtalt, 0:0[1-4] min\.$/)
			.first();
		expect(await playable(page, player)).toBe(true);
		await axe();
	});

	test('a recording added when changing a topic, then taken away', async ({ page, context, loginAs, axe }) => {
		await loginAs(page, 'demo-sara');
		await setLanguage(context, 'da', 'standard');
		await page.goto('/tal-om');
		// Words typed before the page's scripts run are emptied when Svelte hydrates the text area (seen
		// in one flaky run: the post went without them, 400); this test is about the recording, so it
		// types once the page runs. That gap is the app's, for its own fix and test.
		await hydrated(page);
		const words = `Husleje ${Date.now()}`;
		await page.getByLabel('Hvad vil du tale om?').fill(words);
		await page.getByRole('button', { name: 'Tag det med' }).click();
		const card = page.locator('article.topic', { hasText: words });
		await expect(card).toBeVisible();
		await expect(card.locator('audio')).toHaveCount(0);

		// "Ret" is a client-side navigation: the list, with its own microphone under "Tag det med", stays
		// until the edit page's data has come (html[data-hydrated] is already there). A tap before that
		// opens the list's recorder, which goes when the edit page replaces it: wait for the edit page.
		await page.getByRole('link', { name: `Ret: ${words}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Ret det, du vil tale om' })).toBeVisible();
		await hydrated(page);
		await expect(page.getByRole('checkbox', { name: 'Fjern optagelsen' })).toHaveCount(0);
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await page.waitForTimeout(2000);
		await page.getByRole('button', { name: 'Stop' }).click();
		await page.getByRole('button', { name: 'Behold' }).click();
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er gemt.' })).toBeVisible();
		expect(await playable(page, card.locator('audio'))).toBe(true);

		await page.getByRole('link', { name: `Ret: ${words}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Ret det, du vil tale om' })).toBeVisible();
		await axe();
		await page.getByRole('checkbox', { name: 'Fjern optagelsen' }).check();
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er gemt.' })).toBeVisible();
		await expect(card.locator('audio')).toHaveCount(0);
	});
});
