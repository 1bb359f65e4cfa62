import type { RequestEvent } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { isLanguage, isReadingMode, languageInfo, type Language, type ReadingMode } from '$lib/i18n/languages';
import { resourcesFor } from '$lib/i18n/resources';
import { createTranslate } from '$lib/i18n/translator';

/**
 * A short page in the person's language and reading mode, built without SvelteKit's renderer:
 * for answers given in a hook, before any route runs (the database is away, a request from
 * another origin). Only the texts named by key, one link; no script, its own strict CSP.
 */

const STYLE = [
	'body{font:1.125rem/1.6 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff;max-width:40rem}',
	'h1{font-size:1.6rem;line-height:1.3;color:#1f4e79}',
	'a{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:.5rem 1rem;',
	'border-radius:.5rem;font-weight:600;text-decoration:none}',
	'.retry{background:#1f4e79;color:#fff}.help{color:#1f4e79;text-decoration:underline;padding-inline:0}'
].join('');
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const PLAIN_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);

export interface PlainPage {
	/** Keys of the heading and of each paragraph. */
	title: string;
	paragraphs: string[];
	/** The button: where it goes and the key of its text. */
	link: { href: string; text: string };
	/** A phone link under the button (key of its text), e.g. 112. */
	help?: string;
}

function translatorFor(event: Pick<RequestEvent, 'locals'>) {
	const lang: Language = isLanguage(event.locals.lang) ? event.locals.lang : 'da';
	const reading: ReadingMode = isReadingMode(event.locals.reading) ? event.locals.reading : 'standard';
	return { lang, reading, t: createTranslate(resourcesFor(lang), lang, reading) };
}

/** Whether `key` names a text (i18next gives the key back for one it does not know). */
export function hasText(event: Pick<RequestEvent, 'locals'>, key: string): boolean {
	return translatorFor(event).t(key) !== key;
}

export function plainPageHtml(event: Pick<RequestEvent, 'locals'>, content: PlainPage): string {
	const { lang, reading, t } = translatorFor(event);
	const e = (key: string) => escapeHtml(t(key));
	const help = content.help ? `\n<p><a class="help" href="tel:112">${e(content.help)}</a></p>` : '';
	return `<!doctype html>
<html lang="${lang}" dir="${languageInfo(lang).dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(content.title)} · Mit forløb</title>
<style>${STYLE}</style>
</head>
<body class="reading-${reading}">
<main>
<h1>${e(content.title)}</h1>
${content.paragraphs.map((key) => `<p>${e(key)}</p>`).join('\n')}
<p><a class="retry" href="${escapeHtml(content.link.href)}">${e(content.link.text)}</a></p>${help}
</main>
</body>
</html>
`;
}
