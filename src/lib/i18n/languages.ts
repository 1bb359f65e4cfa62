/** Languages the app speaks. Danish is the default and the source of every text. */
export const LANGUAGES = [
	{ code: 'da', dir: 'ltr', name: 'Dansk', locale: 'da-DK' },
	{ code: 'en', dir: 'ltr', name: 'English', locale: 'en-GB' },
	{ code: 'uk', dir: 'ltr', name: 'Українська', locale: 'uk-UA' },
	{ code: 'ar', dir: 'rtl', name: 'العربية', locale: 'ar' }
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

/**
 * Digits in every language, dates and numbers alike: Western (0–9), also in Arabic. Chosen
 * because phone numbers, addresses, letters from the municipality and phone keypads in Denmark
 * use them, and because leaving it to the device would let an older browser (whose Arabic default
 * is Arabic-Indic digits) show dates and counts unlike the server's page. See src/lib/format.ts.
 */
export const NUMBERING_SYSTEM = 'latn';
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
