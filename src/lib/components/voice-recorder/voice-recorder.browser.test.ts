import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { page } from 'vitest/browser';
import WithI18n from '../../../../tests/browser/with-i18n.svelte';
import Harness from '../../../../tests/browser/voice-recorder-form.svelte';

/**
 * The recorder's states on Chromium's fake microphone (vite.config.ts): the button, recording with
 * its progress, listening, keeping (the file lands in the form), recording again, deleting, the
 * stop at the limit, a refused microphone and a browser that cannot record.
 */

function show(
	props: { limitSeconds?: number } = {},
	lang: 'da' | 'ar' = 'da',
	reading: 'standard' | 'easy' = 'standard'
) {
	return render(Harness, props, { wrapper: WithI18n, wrapperProps: { lang, reading } });
}
const fileIn = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[type=file][name=audio]')!;

afterEach(() => vi.unstubAllGlobals());

describe('voice recorder', () => {
	it('records, plays back, keeps the file in the form, and deletes it', async () => {
		const screen = await show();
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await expect.element(page.getByText('Optager')).toBeVisible();
		const progress = screen.container.querySelector('progress')!;
		await new Promise((r) => setTimeout(r, 1500));
		expect(Number(progress.value)).toBeGreaterThan(0.5);
		await page.getByRole('button', { name: 'Stop' }).click();

		const player = page.getByLabelText('Din optagelse');
		await expect.element(player).toBeVisible();
		expect(screen.container.querySelector('audio')?.src).toMatch(/^blob:/);
		// The player knows the length, which Chrome's WebM leaves out (recorder-panel.svelte's findLength).
		await expect.poll(() => screen.container.querySelector('audio')!.duration).toBeGreaterThan(1);
		await expect.poll(() => screen.container.querySelector('audio')!.duration).toBeLessThan(10);
		expect(screen.container.querySelector('audio')!.currentTime).toBe(0);
		// Not in the form before the person keeps it.
		expect(fileIn(screen.container).files?.length).toBe(0);
		await page.getByRole('button', { name: 'Behold' }).click();
		const file = fileIn(screen.container).files![0];
		expect(file.type).toBe('audio/webm');
		expect(file.size).toBeGreaterThan(1000);
		await expect.element(page.getByText('Den bliver gemt med det, du skriver.')).toBeVisible();

		await page.getByRole('button', { name: 'Slet optagelsen' }).click();
		expect(fileIn(screen.container).files?.length).toBe(0);
		await expect.element(page.getByRole('button', { name: 'Tal i stedet for at skrive' })).toHaveFocus();
	});

	it('records again, and stops by itself at the limit', async () => {
		const screen = await show({ limitSeconds: 1 });
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await expect.element(page.getByText('Optagelsen stoppede efter 2 minutter.'), { timeout: 5000 }).toBeVisible();
		await page.getByRole('button', { name: 'Optag igen' }).click();
		await expect.element(page.getByText('Optager')).toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Behold' }), { timeout: 5000 }).toBeVisible();
		expect(screen.container.querySelector('audio')?.src).toMatch(/^blob:/);
	});

	it('says plainly when the microphone is refused; the form is untouched', async () => {
		vi.stubGlobal('navigator', {
			...navigator,
			mediaDevices: { getUserMedia: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }
		});
		const screen = await show({}, 'da', 'easy');
		await page.getByRole('button', { name: 'Tal ind' }).click();
		await expect.element(page.getByRole('alert')).toHaveTextContent('Appen kan ikke høre dig. Du kan skrive i stedet.');
		expect(fileIn(screen.container).files?.length).toBe(0);
	});

	it('shows no button where the browser cannot record', async () => {
		vi.stubGlobal('MediaRecorder', undefined);
		const screen = await show();
		expect(screen.container.querySelector('button')).toBeNull();
		expect(screen.container.querySelector('input[type=file]')).toBeNull();
	});

	it('speaks Arabic', async () => {
		await show({}, 'ar');
		await page.getByRole('button', { name: 'تحدث بدلًا من الكتابة' }).click();
		await expect.element(page.getByRole('button', { name: 'توقف' })).toBeVisible();
		await page.getByRole('button', { name: 'توقف' }).click();
		await expect.element(page.getByRole('button', { name: 'احتفظ به' })).toBeVisible();
	});
});

describe('voice recorder in its form', () => {
	it('goes back to its button when the form is saved (reset)', async () => {
		const screen = await show();
		await page.getByRole('button', { name: 'Tal i stedet for at skrive' }).click();
		await page.getByRole('button', { name: 'Stop' }).click();
		await page.getByRole('button', { name: 'Behold' }).click();
		screen.container.querySelector('form')!.reset();
		await expect.element(page.getByRole('button', { name: 'Tal i stedet for at skrive' })).toBeVisible();
		expect(fileIn(screen.container).files?.length).toBe(0);
	});
});
