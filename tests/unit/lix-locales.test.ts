import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIX_LIMIT, isLabel, lix, longestSentenceWords } from '$lib/lix';

/**
 * Every text a citizen reads must be easy to read.
 * - Danish (the source of every text): running text (not a label, see isLabel) has LIX ≤ 35;
 *   easy-read variants (keys ending `_easy`, also with a plural suffix) have LIX ≤ 25.
 * - Every language: no easy-read sentence is longer than 15 words.
 * - Running text without an `_easy` variant is what easy-read mode shows, so it must itself meet
 *   the easy-read rules; a text that does not needs its own `_easy` variant.
 * LIX is calibrated for Danish (and Swedish), so other languages get only the sentence rule.
 */

const ROOT = path.resolve('src/lib/i18n/locales');
const MAX_EASY_SENTENCE_WORDS = 15;
const EASY_KEY = /_easy(?:_(?:zero|one|two|few|many|other))?$/;

type Entries = [key: string, text: string][];

function flatten(value: unknown, prefix = ''): Entries {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
	}
	return typeof value === 'string' ? [[prefix, value]] : [];
}

const PLURAL = /_(?:zero|one|two|few|many|other)$/;

/** Whether easy-read mode has a text of its own for `key` (also through a plural form). */
function hasEasyVariant(key: string, keys: Set<string>): boolean {
	const plural = key.match(PLURAL)?.[0] ?? '';
	const base = key.slice(0, key.length - plural.length);
	return keys.has(`${base}_easy`) || (plural !== '' && keys.has(`${base}_easy${plural}`));
}

/** One line per failing string: where, key, score and limit. */
function check(lang: string, file: string, entries: Entries): string[] {
	const failures: string[] = [];
	const keys = new Set(entries.map(([key]) => key));
	for (const [key, text] of entries) {
		// Shown in easy-read mode: an easy variant, or running text that has none.
		const easy = EASY_KEY.test(key) || (!isLabel(text) && !hasEasyVariant(key, keys));
		const because = EASY_KEY.test(key) ? '' : ' (no _easy variant, so easy-read shows this)';
		if (lang === 'da' && !isLabel(text)) {
			const limit = easy ? LIX_LIMIT.easy : LIX_LIMIT.standard;
			const { score } = lix(text);
			if (score > limit)
				failures.push(`${lang}/${file} ${key}: LIX ${score.toFixed(1)} > ${limit}${easy ? because : ''}  "${text}"`);
		}
		if (easy) {
			const longest = longestSentenceWords(text);
			if (longest > MAX_EASY_SENTENCE_WORDS) {
				failures.push(
					`${lang}/${file} ${key}: sentence of ${longest} words > ${MAX_EASY_SENTENCE_WORDS}${because}  "${text}"`
				);
			}
		}
	}
	return failures;
}

function report(failures: string[]): string {
	return `${failures.length} text(s) are too hard to read:\n${failures.join('\n')}\n`;
}

const languages = readdirSync(ROOT).filter((name) => statSync(path.join(ROOT, name)).isDirectory());

describe('readability of locale texts', () => {
	it('finds all languages, Danish first among them', () => {
		expect(languages).toContain('da');
		expect(languages.length).toBeGreaterThan(1);
	});

	it('self-check: the check catches hard texts and leaves labels alone', () => {
		const failures = check('da', 'fake.json', [
			['name', 'Ressourcekonsulent'],
			['ok', 'Du går en tur. Det er godt.'],
			['hard', 'Rehabiliteringsplanen beskriver målsætningerne for sagsbehandlingen og beskæftigelsesindsatsen.'],
			['hard_easy', 'Du har en plan.'],
			['medium_easy', 'Du skal have en rehabiliteringsplan. Planen beskriver dine målsætninger.'],
			['long_easy', 'Du går en tur i parken med din mentor og din hund og din ven og din mor i dag.'],
			// Plain enough for standard (LIX ≤ 35), too hard for easy-read, and without a variant:
			['alone', 'Borgeren kan altid læse det, du skriver her.'],
			['paired', 'Borgeren kan altid læse det, du skriver her.'],
			['paired_easy', 'Borgeren kan altid læse det her.']
		]);
		expect(failures.map((f) => f.split(':')[0])).toEqual([
			'da/fake.json hard',
			'da/fake.json medium_easy',
			'da/fake.json long_easy',
			'da/fake.json alone'
		]);
		expect(failures[3]).toContain('no _easy variant');
		expect(failures[0]).toMatch(/LIX \d+\.\d > 35/);
		expect(
			check('en', 'fake.json', [
				['long_easy', 'You walk in the park with your mentor and your dog and your friend every single day.']
			])
		).toHaveLength(1);
	});

	for (const lang of languages) {
		const files = readdirSync(path.join(ROOT, lang)).filter((f) => f.endsWith('.json'));
		for (const file of files) {
			const rule = lang === 'da' ? `LIX ≤ ${LIX_LIMIT.standard} (easy ≤ ${LIX_LIMIT.easy}), ` : '';
			it(`${lang}/${file}: ${rule}easy-read sentences ≤ ${MAX_EASY_SENTENCE_WORDS} words`, () => {
				const entries = flatten(JSON.parse(readFileSync(path.join(ROOT, lang, file), 'utf8')));
				const failures = check(lang, file, entries);
				expect(failures, report(failures)).toEqual([]);
			});
		}
	}
});
