import { DEFAULT_LANGUAGE, isLanguage, type Language, type ReadingMode } from '../i18n/languages';
import { DEFAULT_DISPLAY, TEXT_SIZES, encodeDisplay, type Display } from '../display';

/**
 * Which offline page fits the person: their language, reading mode and display settings. The
 * service worker reads them from the pages it shows (the <html> and <body> tags that
 * src/hooks/locale.ts fills in), keeps the matching offline page, and shows that one when the
 * network is gone. The offline page itself is fetched without cookies, so the address says
 * which one is wanted (`/offline?lang=ar&reading=easy&display=200.s..`).
 */
export interface OfflineVariant {
	lang: Language;
	reading: ReadingMode;
	display: Display;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1] ?? '';

/** The choices a page was made with, from the start of its HTML; null when it is not one of ours. */
export function variantFromHtml(html: string): OfflineVariant | null {
	const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0];
	const bodyTag = /<body\b[^>]*>/i.exec(html)?.[0];
	if (!htmlTag || !bodyTag) return null;
	const lang = attribute(htmlTag, 'lang');
	const classes = attribute(htmlTag, 'class').split(/\s+/);
	const bodyClasses = attribute(bodyTag, 'class').split(/\s+/);
	return {
		lang: isLanguage(lang) ? lang : DEFAULT_LANGUAGE,
		reading: bodyClasses.includes('reading-easy') ? 'easy' : 'standard',
		display: {
			size: TEXT_SIZES.find((size) => classes.includes(`text-${size}`)) ?? DEFAULT_DISPLAY.size,
			spacing: classes.includes('spacing-wide'),
			contrast: classes.includes('contrast-high'),
			motion: classes.includes('motion-reduced')
		}
	};
}

/**
 * Pages the worker keeps without cookies, one per language, reading mode and display: the offline
 * page and "Akut hjælp" (112 and the national crisis lines). Neither knows who is logged in.
 */
const PUBLIC_OFFLINE_PAGES = ['/offline', '/akut-hjaelp'] as const;
export type PublicOfflinePage = (typeof PUBLIC_OFFLINE_PAGES)[number];

export function isPublicOfflinePage(pathname: string): pathname is PublicOfflinePage {
	return (PUBLIC_OFFLINE_PAGES as readonly string[]).includes(pathname);
}

/** Danish, standard reading, default display: what a new device gets. */
export const DEFAULT_VARIANT: OfflineVariant = {
	lang: DEFAULT_LANGUAGE,
	reading: 'standard',
	display: DEFAULT_DISPLAY
};

/** The address of the offline page (or another public offline page) made for these choices. */
export function offlineUrlFor(variant: OfflineVariant, path: PublicOfflinePage = '/offline'): string {
	const query = new URLSearchParams({
		lang: variant.lang,
		reading: variant.reading,
		display: encodeDisplay(variant.display)
	});
	return `${path}?${query}`;
}

/** The same choices for another public offline page (from a kept address such as `/offline?lang=ar…`). */
export function samePublicVariant(url: string, path: PublicOfflinePage): string {
	const query = url.indexOf('?');
	return query < 0 ? path : path + url.slice(query);
}
