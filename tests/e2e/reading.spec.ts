import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A stand-in speech engine: records what is spoken, and offers the voices given. */
async function stubSpeech(page: Page, voices: Array<{ lang: string; name: string }>) {
	await page.addInitScript((list) => {
		const spoken: Array<{ text: string; lang: string }> = [];
		(window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
		class Utterance {
			text: string;
			lang = '';
			voice: unknown = null;
			onend: (() => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		const engine = {
			getVoices: () => list,
			speak: (u: Utterance) => {
				spoken.push({ text: u.text, lang: u.lang });
				setTimeout(() => u.onend?.(), 20);
			},
			cancel: () => {},
			addEventListener: () => {},
			removeEventListener: () => {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
	}, voices);
}

const CITIZEN_PAGES = ['/', '/plan', '/dagbog', '/logbog', '/kriseplan', '/hjaelp', '/mere', '/visning', '/account'];

test.describe('reading support', () => {
	test('read aloud is hidden when the device has no Danish voice', async ({ page, loginAs }) => {
		await stubSpeech(page, [{ lang: 'en-GB', name: 'English' }]);
		await loginAs(page, 'demo-ali');
		await page.goto('/');
		await expect(page.locator('p.lead')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Læs højt' })).toHaveCount(0);
	});

	test('read aloud speaks Danish sentence by sentence with da-DK', async ({ page, loginAs }) => {
		await stubSpeech(page, [{ lang: 'da-DK', name: 'Dansk' }]);
		await loginAs(page, 'demo-ali');
		await page.goto('/plan');
		const button = page.getByRole('button', { name: 'Læs højt' }).first();
		await button.click();
		await expect
			.poll(async () => (await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)).length)
			.toBeGreaterThan(1);
		const spoken = await page.evaluate(
			() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken
		);
		expect(spoken.every((s) => s.lang === 'da-DK')).toBe(true);
		expect(spoken[0].text).toMatch(/^Du er i et jobrettet rehabiliteringsforløb|^Du er i/);
	});

	test('every control is at least 44×44 px, and focus is never hidden while tabbing', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-mette');
		for (const path of CITIZEN_PAGES) {
			await page.goto(path);
			const small = await page.evaluate(() =>
				[
					...document.querySelectorAll<HTMLElement>(
						'button, select, summary, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), nav a, a.button'
					)
				]
					.filter((el) => el.offsetParent !== null)
					.map((el) => ({
						el: el.outerHTML.slice(0, 80),
						w: el.getBoundingClientRect().width,
						h: el.getBoundingClientRect().height
					}))
					.filter((r) => r.w < 44 || r.h < 44)
			);
			expect({ path, small }).toEqual({ path, small: [] });

			await page.locator('body').focus();
			for (let i = 0; i < 25; i++) {
				await page.keyboard.press('Tab');
				const hidden = await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					if (!el || el === document.body) return null;
					const r = el.getBoundingClientRect();
					if (r.width === 0 && r.height === 0) return null;
					const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
					const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), innerHeight - 1);
					const top = document.elementFromPoint(x, y);
					const visible =
						r.bottom > 0 && r.top < innerHeight && !!top && (el.contains(top) || top.contains(el) || el === top);
					return visible ? null : el.outerHTML.slice(0, 80);
				});
				expect({ path, step: i, hidden }).toEqual({ path, step: i, hidden: null });
			}
		}
	});

	test('every citizen page passes axe in both reading modes and in Arabic', async ({ page, loginAs, axe }) => {
		// 27 axe runs: about a minute on a quiet machine, more on a busy one.
		test.setTimeout(180_000);
		await loginAs(page, 'demo-mette');
		const toggle = () => page.getByRole('button', { name: /Let læsning|قراءة سهلة/ }).click();
		for (const round of ['standard', 'easy', 'arabic'] as const) {
			if (round === 'easy') {
				await page.goto('/');
				await toggle();
			}
			if (round === 'arabic') {
				await page.goto('/');
				await page.locator('.language-switch summary').click();
				await page.getByRole('button', { name: 'العربية' }).click();
				await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			}
			for (const path of CITIZEN_PAGES) {
				await page.goto(path);
				await axe();
			}
		}
		await page.locator('.language-switch summary').click();
		await page.getByRole('button', { name: 'Dansk' }).click();
		await toggle();
	});
});

test('a half-written note survives the end of a session and a new login', async ({ page, loginAs, context }) => {
	await loginAs(page, 'demo-fatima');
	await page.goto('/dagbog');
	await page.getByLabel('Hvad skete der?').fill('Jeg var til møde, og så');
	// The session ends (here: the cookie is gone), and the person logs in again.
	await context.clearCookies();
	await loginAs(page, 'demo-fatima');
	await page.goto('/dagbog');
	await expect(page.getByLabel('Hvad skete der?')).toHaveValue('Jeg var til møde, og så');
	// Once sent, the draft is gone.
	await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
	await page.getByRole('button', { name: 'Gem', exact: true }).click();
	await page.reload();
	await expect(page.getByLabel('Hvad skete der?')).toHaveValue('');
});
