import type { I18nContext } from '$lib/i18n/context';
import { languageInfo, type Language, type ReadingMode } from '$lib/i18n/languages';
import { MESSAGES } from '$lib/i18n/resources';
import { translateWith } from '$lib/i18n/translator';

/** The texts of one language and reading mode, as the root layout provides them. */
export function i18nFor(lang: Language = 'da', reading: ReadingMode = 'standard'): I18nContext {
	return { t: translateWith(MESSAGES[lang], lang, reading), lang, locale: languageInfo(lang).locale, reading };
}
