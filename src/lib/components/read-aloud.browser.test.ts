import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { Language } from '$lib/i18n/languages';
import { splitSentences } from '$lib/sentences';
import { SENTENCE_CASES } from '$lib/sentences.cases';
import { FakeSpeech } from '../../../tests/browser/speech';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import ReadAloud, { type ReadAloudPart } from './read-aloud.svelte';

/**
 * "Læs højt" on a text block (read-aloud.svelte): what the person hears, in which language, and
 * what they see while it reads. The speech engine is a stand-in (tests/browser/speech.ts).
 */

const TEXT = 'Du har et mål. Det er at gå en tur hver dag! Hvorfor? Fordi det hjælper.';
const DANISH = { lang: 'da-DK', name: 'Dansk' };
const ENGLISH = { lang: 'en-GB', name: 'English' };

let restore = () => {};
afterEach(() => restore());

function withVoices(...voices: Array<{ lang: string; name: string }>) {
	const speech = new FakeSpeech(voices);
	restore = speech.install();
	return speech;
}

function show(props: { text?: string; parts?: ReadAloudPart[]; as?: 'p' | 'div' | 'dl' }, lang: Language = 'da') {
	return render(ReadAloud, props, { wrapper: WithI18n, wrapperProps: { lang } });
}

/** The sentence marked as being read, if any. */
const marked = (container: HTMLElement) => [...container.querySelectorAll('.reading')].map((el) => el.textContent);

describe('read aloud', () => {
	it('offers "Læs højt" only while the device has a voice for the language; the text is always there', async () => {
		const speech = withVoices(DANISH, ENGLISH);
		const screen = await show({ text: TEXT });
		await expect.element(screen.getByRole('button', { name: 'Læs højt' })).toBeVisible();

		speech.setVoices([ENGLISH]);
		await expect.element(screen.getByRole('button')).not.toBeInTheDocument();
		await expect.element(screen.getByText('Du har et mål.')).toBeVisible();

		speech.setVoices([DANISH]);
		await expect.element(screen.getByRole('button', { name: 'Læs højt' })).toBeVisible();
	});

	it('reads sentence by sentence in Danish with the Danish voice, marking the one being read', async () => {
		const speech = withVoices(ENGLISH, DANISH);
		const screen = await show({ text: TEXT });
		await screen.getByRole('button', { name: 'Læs højt' }).click();

		const stop = screen.getByRole('button', { name: 'Stop oplæsning' });
		await expect.element(stop).toHaveAttribute('aria-pressed', 'true');
		expect(speech.spoken).toEqual([{ text: 'Du har et mål.', lang: 'da-DK', voice: 'Dansk' }]);
		expect(marked(screen.container)).toEqual(['Du har et mål. ']);

		speech.finishSentence();
		await expect.poll(() => marked(screen.container)).toEqual(['Det er at gå en tur hver dag! ']);
		speech.finishSentence();
		speech.finishSentence();
		await expect.poll(() => marked(screen.container)).toEqual(['Fordi det hjælper.']);
		expect(speech.spoken.map((s) => s.text)).toEqual([
			'Du har et mål.',
			'Det er at gå en tur hver dag!',
			'Hvorfor?',
			'Fordi det hjælper.'
		]);

		// The last sentence read: nothing marked, and the button can start again.
		speech.finishSentence();
		await expect.element(screen.getByRole('button', { name: 'Læs højt' })).toHaveAttribute('aria-pressed', 'false');
		expect(marked(screen.container)).toEqual([]);
		expect(speech.spoken).toHaveLength(4);
	});

	it('reads "Hver 2. eller 3. måned …" as one sentence, and marks it as one', async () => {
		const speech = withVoices(DANISH);
		const screen = await show({
			text: 'Hver 2. eller 3. måned holder I et netværksmøde. Vi ses kl. 10. Husk kaffe.'
		});
		await screen.getByRole('button', { name: 'Læs højt' }).click();
		expect(marked(screen.container)).toEqual(['Hver 2. eller 3. måned holder I et netværksmøde. ']);
		speech.finishSentence();
		await expect.poll(() => marked(screen.container)).toEqual(['Vi ses kl. 10. ']);
		speech.finishSentence();
		await expect.poll(() => marked(screen.container)).toEqual(['Husk kaffe.']);
		expect(speech.spoken.map((s) => s.text)).toEqual([
			'Hver 2. eller 3. måned holder I et netværksmøde.',
			'Vi ses kl. 10.',
			'Husk kaffe.'
		]);
	});

	it('splits sentences in Chromium as in Node (its own ICU)', () => {
		for (const { locale, text, sentences } of SENTENCE_CASES) {
			expect(
				splitSentences(text, locale).map((s) => s.trimEnd()),
				text
			).toEqual(sentences);
		}
	});

	it('stops in one tap, and the voice does not go on with the next sentence', async () => {
		const speech = withVoices(DANISH);
		const screen = await show({ text: TEXT });
		await screen.getByRole('button', { name: 'Læs højt' }).click();
		speech.finishSentence();
		await expect.poll(() => speech.spoken.length).toBe(2);

		await screen.getByRole('button', { name: 'Stop oplæsning' }).click();
		await expect.element(screen.getByRole('button', { name: 'Læs højt' })).toBeVisible();
		expect(speech.cancelled).toBe(1);
		expect(marked(screen.container)).toEqual([]);
		expect(speech.spoken).toHaveLength(2);
	});

	it('reads a label before its text, and a goal’s parts as one block with one button', async () => {
		const speech = withVoices(DANISH);
		const screen = await show({
			as: 'dl',
			parts: [
				{ label: 'Med dine egne ord:', text: 'Jeg vil gå en tur.', dir: 'auto', quote: true },
				{ label: 'Derfor er det vigtigt:', text: 'Så sover jeg bedre. Og jeg får luft.' }
			]
		});
		expect(screen.container.querySelectorAll('button')).toHaveLength(1);
		expect([...screen.container.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual([
			'Med dine egne ord:',
			'Derfor er det vigtigt:'
		]);
		await screen.getByRole('button', { name: 'Læs højt' }).click();
		for (let i = 0; i < 4; i++) speech.finishSentence();
		await expect
			.poll(() => speech.spoken.map((s) => s.text))
			.toEqual([
				'Med dine egne ord:',
				'Jeg vil gå en tur.',
				'Derfor er det vigtigt:',
				'Så sover jeg bedre.',
				'Og jeg får luft.'
			]);
		expect(marked(screen.container)).toEqual(['Og jeg får luft.']);
	});

	it('in English reads with the English voice; in Ukrainian, with no Ukrainian voice, there is no button', async () => {
		const speech = withVoices(DANISH, ENGLISH);
		const english = await show({ text: 'You have a goal. Walk every day.' }, 'en');
		await english.getByRole('button', { name: 'Read aloud' }).click();
		expect(speech.spoken).toEqual([{ text: 'You have a goal.', lang: 'en-GB', voice: 'English' }]);
		await english.unmount();

		const ukrainian = await show({ text: 'У вас є мета.' }, 'uk');
		await expect.element(ukrainian.getByText('У вас є мета.')).toBeVisible();
		expect(ukrainian.container.querySelector('button')).toBeNull();
	});

	it('leaving the page while it reads stops the voice', async () => {
		const speech = withVoices(DANISH);
		const screen = await show({ text: TEXT });
		await screen.getByRole('button', { name: 'Læs højt' }).click();
		expect(speech.cancelled).toBe(0);
		await screen.unmount();
		expect(speech.cancelled).toBe(1);
		expect(speech.spoken).toHaveLength(1);
	});
});
