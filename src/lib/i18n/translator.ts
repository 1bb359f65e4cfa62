import type { Resource } from 'i18next';
import { formatNumber } from '../format';
import { languageInfo, type Language, type ReadingMode } from './languages';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The translate function used on the server and in the browser. It reads the same i18next JSON
 * files with the same rules (nested keys, `{{value}}` interpolation, `_one`/`_other` plurals by
 * `count`, and the `easy` context: `plan.intro` → `plan.intro_easy` in easy-read mode, falling back
 * to the standard text where a key is only a label). It exists because i18next itself is 16 KB of
 * gzipped JavaScript on every page, a quarter of the page budget; `translator.test.ts` checks it
 * against i18next for every key in every language and mode, so the two cannot drift apart.
 */
export function createTranslate(resources: Resource, lang: Language, reading: ReadingMode): Translate {
	return translateWith((resources[lang]?.translation ?? {}) as Record<string, unknown>, lang, reading);
}

/** How many keys' texts one translate function keeps (see makeTranslate). */
const MAX_KEPT_KEYS = 10_000;

/**
 * The translate functions made so far, per messages object, language and reading mode. The root
 * layout makes one on every page render; building it (an Intl.PluralRules) and walking each key's
 * path anew was 3 % of the server's time on the plan page. The messages never change once loaded
 * (the server's are bundled, the browser's fetched once per version), so one function serves all.
 */
const made = new WeakMap<Record<string, unknown>, Map<string, Translate>>();

/** The same, from one language's messages (`{ namespace: { key: text } }`). */
export function translateWith(messages: Record<string, unknown>, lang: Language, reading: ReadingMode): Translate {
	let byMode = made.get(messages);
	if (!byMode) made.set(messages, (byMode = new Map()));
	const key = `${lang}|${reading}`;
	let translate = byMode.get(key);
	if (!translate) byMode.set(key, (translate = makeTranslate(messages, lang, reading)));
	return translate;
}

function makeTranslate(messages: Record<string, unknown>, lang: Language, reading: ReadingMode): Translate {
	const plurals = new Intl.PluralRules(lang);
	const context = reading === 'easy' ? '_easy' : '';
	const locale = languageInfo(lang).locale;

	const lookup = (key: string): unknown =>
		key
			.split('.')
			.reduce<unknown>(
				(node, part) =>
					node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
				messages
			);

	// The text for a key (and plural form), found once: a page asks for a few hundred texts on every
	// render, and trying each candidate key (easy-read, plural, plain) anew was most of the time the
	// server spent translating. The keys are the app's own, a few thousand; past a cap (a key made
	// from data that keeps changing) a text is looked up each time instead of kept.
	const texts = new Map<string, string | null>();
	const textFor = (key: string, count: number | undefined): string | null => {
		const form = count === undefined ? '' : count === 0 ? 'zero' : plurals.select(count);
		const kept = form ? `${key}\u0000${form}` : key;
		let text = texts.get(kept);
		if (text === undefined) {
			const suffixes = form ? [`_${form}`, `_${plurals.select(count!)}`, ''] : [''];
			const candidates = [...(context ? suffixes.map((s) => key + context + s) : []), ...suffixes.map((s) => key + s)];
			text = (candidates.map(lookup).find((value) => typeof value === 'string') as string | undefined) ?? null;
			if (texts.size < MAX_KEPT_KEYS) texts.set(kept, text);
		}
		return text;
	};

	return (key, options) => {
		const text = textFor(key, typeof options?.count === 'number' ? options.count : undefined);
		if (text === null) return key;
		if (!options || !text.includes('{{')) return text;
		return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
			const value = options[name];
			if (!(name in options) || value === undefined) return whole;
			return typeof value === 'number' ? formatNumber(value, locale) : String(value);
		});
	};
}
