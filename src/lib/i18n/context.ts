import { getContext, setContext } from 'svelte';
import type { Language, ReadingMode } from './languages';
import type { Translate } from './translator';

const KEY = Symbol('i18n');

export interface I18nContext {
	readonly t: Translate;
	readonly lang: Language;
	readonly locale: string;
	readonly reading: ReadingMode;
}

/** Set once by the root layout; per request on the server, so nothing leaks between people. */
export function provideI18n(value: I18nContext) {
	setContext(KEY, value);
}

export function useI18n(): I18nContext {
	return getContext<I18nContext>(KEY);
}
