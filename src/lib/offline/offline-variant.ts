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

/** The address of the offline page made for these choices. */
export function offlineUrlFor(variant: OfflineVariant): string {
	const query = new URLSearchParams({
		lang: variant.lang,
		reading: variant.reading,
		display: encodeDisplay(variant.display)
	});
	return `/offline?${query}`;
}
