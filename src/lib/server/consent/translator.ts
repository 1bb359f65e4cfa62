import { resourcesFor } from '../../i18n/resources';
import { createTranslate } from '../../i18n/translator';
import { isLanguage, type ReadingMode } from '../../i18n/languages';

/** The text exactly as the person's page shows it: their language and reading mode. */
export function translatorFor(locals: { lang: string; reading: ReadingMode }) {
	const lang = isLanguage(locals.lang) ? locals.lang : 'da';
	return createTranslate(resourcesFor(lang), lang, locals.reading);
}
