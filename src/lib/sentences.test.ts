import { afterEach, describe, expect, it } from 'vitest';
import { SENTENCE_CASES } from './sentences.cases';
import { splitSentences } from './sentences';

// The same cases run in Chromium in src/lib/components/read-aloud.browser.test.ts.

const segmenter = Object.getOwnPropertyDescriptor(Intl, 'Segmenter')!;
afterEach(() => {
	Object.defineProperty(Intl, 'Segmenter', segmenter);
});

describe.each([
	['with Intl.Segmenter', () => {}],
	[
		'without Intl.Segmenter (older browsers)',
		() => Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true })
	]
])('splitSentences %s', (_name, setUp) => {
	it.each(SENTENCE_CASES)('$locale: $text', ({ locale, text, sentences }) => {
		setUp();
		const found = splitSentences(text, locale);
		expect(found.map((s) => s.trimEnd())).toEqual(sentences);
		// Every character in exactly one sentence: the highlight shows the text as written.
		expect(found.join('')).toBe(text);
	});

	it('keeps the spaces after a sentence with it, and gives stray marks and spaces to a neighbour', () => {
		setUp();
		expect(splitSentences('Ja.  Nej. ', 'da-DK')).toEqual(['Ja.  ', 'Nej. ']);
		expect(splitSentences('... Ja. !? Nej.', 'da-DK')).toEqual(['... Ja. !? ', 'Nej.']);
		expect(splitSentences('  ', 'da-DK')).toEqual(['  ']);
	});
});
