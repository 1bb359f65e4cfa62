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
import { isPublicOfflinePage } from '$lib/offline/offline-variant';

/**
 * Language, reading mode and display settings come from the device's cookies (set before login, and copied
 * from the person's saved settings at login), so the first byte of HTML is already right:
 * no flash of the wrong language or direction.
 */
export const locale: Handle = async ({ event, resolve }) => {
	// The service worker keeps the offline page and "Akut hjælp" without cookies, one per language,
	// reading mode and display (src/lib/offline/offline-variant.ts): for those the address says which.
	const chosen = isPublicOfflinePage(event.url.pathname) ? event.url.searchParams : null;
	const lang = chosen?.get('lang') ?? event.cookies.get(LANGUAGE_COOKIE);
	const reading = chosen?.get('reading') ?? event.cookies.get(READING_COOKIE);
	event.locals.lang = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
	event.locals.reading = isReadingMode(reading) ? reading : 'standard';
	event.locals.dir = languageInfo(event.locals.lang as never).dir;
	event.locals.display = decodeDisplay(chosen?.get('display') ?? event.cookies.get(DISPLAY_COOKIE));
	return resolve(event, {
		transformPageChunk: ({ html }) => {
			// The four placeholders are in <html> and <body> (src/app.html): fill them in the part up to
			// the end of the <body> tag, so the rest of the page (60 KB for a plan) is copied once, not
			// four times. A later chunk of a streamed page has no <body> and nothing to fill.
			const body = html.indexOf('<body');
			if (body < 0) return html;
			const end = html.indexOf('>', body) + 1;
			const top = html
				.slice(0, end)
				.replace('%lang%', event.locals.lang)
				.replace('%dir%', event.locals.dir)
				.replace('%reading%', event.locals.reading === 'easy' ? 'reading-easy' : 'reading-standard')
				.replace('%display%', displayClasses(event.locals.display));
			return top + html.slice(end);
		}
	});
};
