import type { Handle } from '@sveltejs/kit';
import {
	DEFAULT_LANGUAGE,
	LANGUAGE_COOKIE,
	READING_COOKIE,
	isLanguage,
	isReadingMode,
	languageInfo
} from '$lib/i18n/languages';
import { DISPLAY_COOKIE, decodeDisplay, displayClasses } from '$lib/display';

/**
 * Language, reading mode and display settings come from the device's cookies (set before login, and copied
 * from the person's saved settings at login), so the first byte of HTML is already right:
 * no flash of the wrong language or direction.
 */
export const locale: Handle = async ({ event, resolve }) => {
	const lang = event.cookies.get(LANGUAGE_COOKIE);
	const reading = event.cookies.get(READING_COOKIE);
	event.locals.lang = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
	event.locals.reading = isReadingMode(reading) ? reading : 'standard';
	event.locals.dir = languageInfo(event.locals.lang as never).dir;
	event.locals.display = decodeDisplay(event.cookies.get(DISPLAY_COOKIE));
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', event.locals.lang)
				.replace('%dir%', event.locals.dir)
				.replace('%reading%', event.locals.reading === 'easy' ? 'reading-easy' : 'reading-standard')
				.replace('%display%', displayClasses(event.locals.display))
	});
};
