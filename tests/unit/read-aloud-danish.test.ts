import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatTime } from '$lib/format';
import { ali } from '$lib/server/seed/citizens/ali';
import { fatima } from '$lib/server/seed/citizens/fatima';
import { jonas } from '$lib/server/seed/citizens/jonas';
import { mette } from '$lib/server/seed/citizens/mette';
import { sara } from '$lib/server/seed/citizens/sara';
import { FATIMA_CONSENT_TEXT, JONAS_CONSENT_TEXT } from '$lib/server/seed/index';
import { ORGANISATIONS } from '$lib/server/seed/organisations';
import { seedClock } from '$lib/server/seed/time';
import { splitSentences } from '$lib/sentences';

/**
 * Read aloud over every Danish text the app has (locale strings, with their placeholders filled
 * in as the app fills them) and every Danish demo text (plans, notes, diary, log, meetings): no
 * sentence is cut after an abbreviation, or after an ordinal or a date that the next part goes on.
 */

const ROOT = path.resolve('src/lib/i18n/locales/da');

/** Abbreviations after which a Danish sentence goes on (see ABBREVIATIONS in sentences.ts). */
const ABBREVIATION_END =
	/(?:^|[^\p{L}\p{N}.])(?:fx|f\.eks|bl\.a|kl|ca|dvs|nr|tlf|evt|jf|pga|inkl|ekskl|mht|ift|hhv|st|stk|d)\.$/iu;

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** The values the app puts into placeholders: dates long and short, a time, a name, a number. */
const AT = new Date('2027-02-08T09:30:00Z');
const FILLINGS = [formatDate(AT, 'da-DK'), formatDate(AT, 'da-DK', 'short'), formatTime(AT, 'da-DK'), 'Lone', '3'];

const localeTexts = readdirSync(ROOT)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) => strings(JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'))))
	.flatMap((text) => FILLINGS.map((filling) => text.replace(/\{\{[^{}]*\}\}/g, filling)));

const clock = seedClock(AT);
const seedTexts = [
	...[ali, fatima, jonas, mette, sara].flatMap((citizen) => strings(citizen(clock))),
	...strings(ORGANISATIONS),
	JONAS_CONSENT_TEXT,
	FATIMA_CONSENT_TEXT
].filter((text) => text.includes(' '));

/** One line per wrong cut: the sentence that ends too early, and how the next one goes on. */
function wrongCuts(texts: string[], split: (text: string) => string[]): string[] {
	const found = new Set<string>();
	for (const text of texts) {
		const sentences = split(text);
		for (let i = 0; i + 1 < sentences.length; i++) {
			const [before, after] = [sentences[i].trimEnd(), sentences[i + 1]];
			const cut = `"${before}" | "${after.trimEnd()}"`;
			if (ABBREVIATION_END.test(before)) found.add(`abbreviation: ${cut}`);
			if (/\.["'”’»)]*$/u.test(before) && /^["'“‘«„(]*\p{Ll}/u.test(after)) found.add(`lower case goes on: ${cut}`);
			if (/\d\.\s+\p{Ll}+\.$/u.test(before) && /^\d/.test(after)) found.add(`date before its year: ${cut}`);
		}
	}
	return [...found];
}

/** Read aloud's split before Intl.Segmenter: after every full stop. */
const oldSplit = (value: string) => value.match(/[^.!?؟]+[.!?؟]*\s*/g) ?? [value];

describe('read aloud over every Danish text', () => {
	it('finds the texts', () => {
		expect(localeTexts.length).toBeGreaterThan(1000);
		expect(seedTexts.length).toBeGreaterThan(200);
		expect(seedTexts).toContain('Holde en pause hver dag kl. 14');
	});

	it('self-check: finds the cuts of the old split (after every full stop)', () => {
		const cuts = wrongCuts([...localeTexts, ...seedTexts], oldSplit);
		expect(cuts).toContain('lower case goes on: "Hver 2." | "eller 3."');
		expect(cuts).toContain('abbreviation: "Holde en pause hver dag kl." | "14"');
	});

	it('cuts no Danish locale text after an abbreviation, an ordinal or a date', () => {
		expect(wrongCuts(localeTexts, (text) => splitSentences(text, 'da-DK'))).toEqual([]);
	});

	it('cuts no Danish demo text after an abbreviation, an ordinal or a date', () => {
		expect(wrongCuts(seedTexts, (text) => splitSentences(text, 'da-DK'))).toEqual([]);
	});

	describe('in a browser without Intl.Segmenter', () => {
		const segmenter = Object.getOwnPropertyDescriptor(Intl, 'Segmenter')!;
		afterEach(() => {
			Object.defineProperty(Intl, 'Segmenter', segmenter);
		});

		it('cuts no Danish text after an abbreviation, an ordinal or a date either', () => {
			Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true });
			expect(wrongCuts([...localeTexts, ...seedTexts], (text) => splitSentences(text, 'da-DK'))).toEqual([]);
		});
	});
});
