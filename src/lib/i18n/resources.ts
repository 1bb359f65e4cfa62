import type { Resource } from 'i18next';
import { LANGUAGES, type Language } from './languages';

/**
 * All locale files, bundled at build time. A file's name is its top-level key:
 * locales/da/pages.json holds `pages.*`. Only the server imports this; the browser
 * fetches its language's bundles (bundles.ts, built by vite-plugin.ts from the same files).
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function build(): Record<Language, Record<string, unknown>> {
	const out = Object.fromEntries(LANGUAGES.map((l) => [l.code, {} as Record<string, unknown>])) as Record<
		Language,
		Record<string, unknown>
	>;
	for (const [path, content] of Object.entries(files)) {
		const match = /\.\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
		if (!match || !(match[1] in out)) continue;
		out[match[1] as Language][match[2]] = content;
	}
	return out;
}

export const MESSAGES = build();

export function resourcesFor(lang: Language): Resource {
	// Only the one language: the key-parity test guarantees every language has every key.
	return { [lang]: { translation: MESSAGES[lang] } } as Resource;
}
