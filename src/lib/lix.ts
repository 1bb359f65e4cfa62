/**
 * LIX (læsbarhedsindeks), the Danish standard measure of how hard a text is to read:
 *
 *     LIX = words / sentences + 100 × longWords / words
 *
 * Pure and dependency-free: the staff editor shows it live in the browser, and a unit test
 * runs it over every locale string.
 *
 * Tokenisation rules (chosen here, kept simple and predictable):
 *
 * - Placeholders: i18next placeholders such as `{{name}}` or `{{count, number}}` are replaced
 *   before counting. A placeholder counts as one short word (it adds no letters), so
 *   `{{name}}s sider` is two short words.
 * - Words: a word is a run of Unicode letters (æ, ø, å, é, Arabic letters …), combining marks
 *   and digits. A single hyphen, apostrophe or full stop *between* such characters joins the
 *   run into one word: `MitID-appen`, `f.eks`, `it's`. A dash (–), slash or space splits:
 *   `4–6` and `og/eller` are two words each.
 * - Long words: a word is long when it has more than 6 *letters*. Digits, marks and joiners are
 *   not letters, so a number (`2026`, `1½`) is never a long word, and `MitID-appen` has 10 letters.
 * - Sentences end at `.`, `!`, `?`, `…`, `:` (and Arabic `؟`) when followed by a space or the end
 *   of the text (closing quotes or brackets may come in between), and at every line break.
 *   One exception: a full stop followed by a lowercase letter or a digit does not end a
 *   sentence, because a new sentence starts with a capital (and good Danish does not start a
 *   sentence with a numeral). This keeps ordinals (`hver 2. måned`) and abbreviations
 *   (`kl. 10`, `f.eks. en`) inside their sentence. Nor does a full stop after an abbreviation
 *   that always goes on (`kl.`, `tlf.`, `d.`: read-aloud's Danish list, see sentences.ts), so
 *   `kl. {{time}}` is not two sentences (which made such texts look easier than they are),
 *   and LIX counts sentences as read-aloud reads them. Runs of marks (`?!`, `...`)
 *   end one sentence. A text without any ending is one sentence; parts without words
 *   (empty lines, stray marks) are not sentences.
 * - Empty text (no words) has score 0, 0 sentences.
 */

import { endsInAbbreviation } from './sentences';

export interface LixResult {
	score: number;
	words: number;
	sentences: number;
	longWords: number;
}

export type LixLevel = 'very_easy' | 'easy' | 'medium' | 'hard' | 'very_hard';

/** Highest acceptable LIX: ordinary texts for citizens, and easy-read (`_easy`) texts. */
export const LIX_LIMIT = { standard: 35, easy: 25 } as const;

/** A word with more letters than this is a long word. */
const LONG_WORD_LETTERS = 6;

/** Labels have fewer words than this (see isLabel). */
const LABEL_WORDS = 6;

/** Private-use character standing in for a placeholder: a word character, but not a letter. */
const MARK = '\uE000';
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const WORD = /[\p{L}\p{M}\p{N}\uE000]+(?:[-'’.][\p{L}\p{M}\p{N}\uE000]+)*/gu;
const LETTER = /\p{L}/gu;
// Group 1: the ending marks. Closing quotes/brackets may follow; then a space or the end.
const ENDING = /([.!?:…؟]+)["'”’»)\]]*(?=\s|$)|\n/gu;

function prepare(text: string): string {
	return (text ?? '').replace(PLACEHOLDER, MARK).replace(/\r\n?/g, '\n');
}

function wordsOf(part: string): string[] {
	return part.match(WORD) ?? [];
}

function isLong(word: string): boolean {
	return (word.match(LETTER)?.length ?? 0) > LONG_WORD_LETTERS;
}

/** The sentences of a prepared text, each as its list of words. */
function sentencesOf(prepared: string, colonEnds = true): string[][] {
	const parts: string[] = [];
	let start = 0;
	for (const m of prepared.matchAll(ENDING)) {
		const end = m.index + m[0].length;
		const marks = m[1];
		if (marks !== undefined) {
			if (!colonEnds && /^:+$/.test(marks)) continue;
			if (/^[.…]+$/.test(marks) && /^\s*[\p{Ll}\p{N}]/u.test(prepared.slice(end))) continue;
			// "kl. {{time}}", "Dr. Hansen": the sentence goes on, as read-aloud reads it.
			if (marks === '.' && endsInAbbreviation(prepared.slice(start, m.index + 1), 'da')) continue;
		}
		parts.push(prepared.slice(start, end));
		start = end;
	}
	parts.push(prepared.slice(start));
	return parts.map(wordsOf).filter((words) => words.length > 0);
}

export function lix(text: string): LixResult {
	const sentences = sentencesOf(prepare(text));
	const all = sentences.flat();
	const words = all.length;
	if (words === 0) return { score: 0, words: 0, sentences: 0, longWords: 0 };
	const longWords = all.filter(isLong).length;
	return { score: words / sentences.length + (100 * longWords) / words, words, sentences: sentences.length, longWords };
}

/** The usual Danish bands: under 25 very easy (children's books), 55 and up very hard (academic). */
export function lixLevel(score: number): LixLevel {
	if (score < 25) return 'very_easy';
	if (score < 35) return 'easy';
	if (score < 45) return 'medium';
	if (score < 55) return 'hard';
	return 'very_hard';
}

/**
 * True for short labels that the LIX check leaves alone: fewer than 6 words and no sentence
 * end (`.`, `!`, `?`, line break) before the last word. A colon does not count here, so
 * "Fejlnummer: {{code}}" or "Kan træffes:" are labels.
 *
 * Why: LIX is made for running text. On a button, heading or role name one long word decides
 * the score ("Ressourcekonsulent" alone scores 101), which says nothing about how easy the
 * text is; such words are fixed names the citizen meets everywhere. As soon as a string has
 * two sentences, or six words or more, it is running text and must pass the limit.
 */
export function isLabel(text: string): boolean {
	const sentences = sentencesOf(prepare(text), false);
	return sentences.flat().length < LABEL_WORDS && sentences.length <= 1;
}

/** Number of words in the longest sentence (same rules as lix); 0 for empty text. */
export function longestSentenceWords(text: string): number {
	return Math.max(0, ...sentencesOf(prepare(text)).map((words) => words.length));
}
