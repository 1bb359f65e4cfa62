/** Languages the app speaks. Danish is the default and the source of every text. */
export const LANGUAGES = [
	{ code: 'da', dir: 'ltr', name: 'Dansk', locale: 'da-DK' },
	{ code: 'en', dir: 'ltr', name: 'English', locale: 'en-GB' },
	{ code: 'uk', dir: 'ltr', name: 'Українська', locale: 'uk-UA' },
	{ code: 'ar', dir: 'rtl', name: 'العربية', locale: 'ar' }
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export type ReadingMode = 'standard' | 'easy';

export const DEFAULT_LANGUAGE: Language = 'da';

export function isLanguage(value: unknown): value is Language {
	return LANGUAGES.some((l) => l.code === value);
}

export function isReadingMode(value: unknown): value is ReadingMode {
	return value === 'standard' || value === 'easy';
}

export function languageInfo(code: Language) {
	return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

/** Cookie names for choices made before login (kept per device, not personal data). */
export const LANGUAGE_COOKIE = 'mf-lang';
export const READING_COOKIE = 'mf-reading';
