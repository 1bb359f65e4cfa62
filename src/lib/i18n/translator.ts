import i18next, { type Resource, type TOptions } from 'i18next';
import type { Language, ReadingMode } from './languages';

export type Messages = Record<string, unknown>;
export type Translate = (key: string, options?: TOptions) => string;

/**
 * One i18next instance for the given messages. In easy-read mode every lookup asks for the
 * `_easy` context first (`plan.intro` → `plan.intro_easy`) and falls back to the standard
 * text where a key is only a label. The same function runs on the server and in the browser.
 */
export function createTranslate(resources: Resource, lang: Language, reading: ReadingMode): Translate {
	const instance = i18next.createInstance();
	instance.init({
		resources,
		lng: lang,
		fallbackLng: 'da',
		initAsync: false,
		interpolation: { escapeValue: false }, // Svelte escapes on output; never rendered as HTML.
		returnNull: false
	});
	const context = reading === 'easy' ? 'easy' : undefined;
	return (key, options) => instance.t(key, { context, ...options }) as string;
}
