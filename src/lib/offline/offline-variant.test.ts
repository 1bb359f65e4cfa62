import { describe, expect, it } from 'vitest';
import { displayClasses } from '../display';
import { DEFAULT_VARIANT, offlineUrlFor, samePublicVariant, variantFromHtml } from './offline-variant';

const page = (lang: string, dir: string, htmlClass: string, reading: string) =>
	`<!doctype html>\n<html lang="${lang}" dir="${dir}" class="${htmlClass}">\n\t<head><meta charset="utf-8" /></head>\n\t<body data-sveltekit-preload-data="hover" class="${reading}">\n<main>Hej</main></body></html>`;

describe('the offline page that fits the person', () => {
	it('reads language, reading mode and display from a page as the locale hook makes it', () => {
		const display = { size: '200', spacing: true, contrast: false, motion: true } as const;
		const variant = variantFromHtml(page('ar', 'rtl', displayClasses(display), 'reading-easy'));
		expect(variant).toEqual({ lang: 'ar', reading: 'easy', display });
		expect(offlineUrlFor(variant!)).toBe('/offline?lang=ar&reading=easy&display=200.s..m');
	});

	it('falls back to Danish and standard for what it does not know', () => {
		const variant = variantFromHtml(page('xx', 'ltr', 'text-100', 'reading-standard'));
		expect(variant).toMatchObject({ lang: 'da', reading: 'standard', display: { size: '100', spacing: false } });
		expect(offlineUrlFor(variant!)).toBe('/offline?lang=da&reading=standard&display=100...');
	});

	it('is null for what is not a whole page', () => {
		expect(variantFromHtml('{"type":"data"}')).toBeNull();
		expect(variantFromHtml('<html lang="da">')).toBeNull();
	});

	it('gives "Akut hjælp" the same choices as the offline page', () => {
		const kept = '/offline?lang=ar&reading=easy&display=200.s..m';
		expect(samePublicVariant(kept, '/akut-hjaelp')).toBe('/akut-hjaelp?lang=ar&reading=easy&display=200.s..m');
		expect(offlineUrlFor(DEFAULT_VARIANT, '/akut-hjaelp')).toBe('/akut-hjaelp?lang=da&reading=standard&display=100...');
	});
});
