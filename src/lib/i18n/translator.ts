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

/** The same, from one language's messages (`{ namespace: { key: text } }`). */
export function translateWith(messages: Record<string, unknown>, lang: Language, reading: ReadingMode): Translate {
	const plurals = new Intl.PluralRules(lang);
	const context = reading === 'easy' ? '_easy' : '';
	const locale = languageInfo(lang).locale;

	const lookup = (key: string): unknown => {
		let node: unknown = messages;
		for (const part of key.split('.')) {
			if (node === null || typeof node !== 'object') return undefined;
			node = (node as Record<string, unknown>)[part];
		}
		return node;
	};

	return (key, options = {}) => {
		const count = typeof options.count === 'number' ? options.count : undefined;
		const suffixes =
			count === undefined
				? ['']
				: [`_${count === 0 ? 'zero' : plurals.select(count)}`, `_${plurals.select(count)}`, ''];
		const candidates = [
			...(context ? suffixes.map((s) => `${key}${context}${s}`) : []),
			...suffixes.map((s) => `${key}${s}`)
		];
		let text: string | undefined;
		for (const candidate of candidates) {
			const found = lookup(candidate);
			if (typeof found === 'string') {
				text = found;
				break;
			}
		}
		if (text === undefined) return key;
		return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
			const value = options[name];
			if (!(name in options) || value === undefined) return whole;
			return typeof value === 'number' ? formatNumber(value, locale) : String(value);
		});
	};
}
