import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type ReadingMode } from './languages';
import { resourcesFor } from './resources';
import { createTranslate, translateWith } from './translator';
import { formatDate, formatNumber, formatTime } from '../format';

/**
 * The app's translate function must give exactly what i18next gives for the same files: every
 * key, every language, both reading modes, with values for interpolation and plural counts.
 */

function keysOf(node: unknown, prefix = ''): string[] {
	if (node && typeof node === 'object')
		return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
	return [prefix];
}

/** The base key of a variant: drop _easy and plural suffixes so lookups go through the fallbacks. */
function baseKey(key: string) {
	return key.replace(/(_easy)?(_(zero|one|two|few|many|other))?$/, '');
}

const sample = {
	name: 'Sara',
	date: '3. marts',
	count: 2,
	phone: '70 20 12 01',
	from: 'a',
	to: 'b',
	months: 2,
	min: 2,
	max: 3,
	scopes: 'plan',
	names: 'Lone',
	reason: 'x',
	subgoal: 'y',
	goal: 'z',
	start: '09.00',
	end: '10.00',
	time: '10.00',
	code: 'e1',
	score: 20,
	level: 'Let',
	role: 'Mentor',
	phoneNumber: '1'
};

describe('translate', () => {
	for (const { code } of LANGUAGES) {
		for (const reading of ['standard', 'easy'] as ReadingMode[]) {
			it(`matches i18next for every ${code} key in ${reading} mode`, () => {
				const resources = resourcesFor(code);
				const reference = i18next.createInstance();
				reference.init({
					resources,
					lng: code,
					fallbackLng: false,
					initAsync: false,
					interpolation: { escapeValue: false },
					returnNull: false
				});
				const ours = createTranslate(resources, code, reading);
				const context = reading === 'easy' ? 'easy' : undefined;
				const keys = [...new Set(keysOf(resources[code].translation).map(baseKey))];
				expect(keys.length).toBeGreaterThan(100);
				for (const key of keys) {
					for (const options of [
						{},
						sample,
						{ ...sample, count: 1 },
						{ ...sample, count: 0 },
						{ ...sample, count: 5 }
					]) {
						expect({ key, options, text: ours(key, options) }).toEqual({
							key,
							options,
							text: reference.t(key, { context, ...options })
						});
					}
				}
			});
		}
	}

	it('returns the key itself for a missing text (so a gap is visible, never blank)', () => {
		expect(createTranslate(resourcesFor('da'), 'da', 'standard')('no.such.key')).toBe('no.such.key');
	});

	it('formats numbers in the language, with the same digits as dates (Western, also in Arabic)', () => {
		const messages = { steps: { done: 'Du har klaret {{count}} skridt', of: '{{done}} / {{total}}' } };
		const t = (lang: 'da' | 'en' | 'uk' | 'ar') => translateWith(messages, lang, 'standard');
		expect(t('da')('steps.done', { count: 12345 })).toBe('Du har klaret 12.345 skridt');
		expect(t('en')('steps.done', { count: 12345 })).toBe('Du har klaret 12,345 skridt');
		expect(t('uk')('steps.done', { count: 12345 })).toBe('Du har klaret 12\u00a0345 skridt');
		expect(t('da')('steps.of', { done: 1.5, total: 9 })).toBe('1,5 / 9');
		// Arabic: grouping and decimal sign of the language, but 0–9, never ٠–٩, as in the dates.
		const arabicIndic = /[\u0660-\u0669\u06f0-\u06f9]/;
		const count = t('ar')('steps.done', { count: 12345 });
		const date = formatDate('2026-03-13', 'ar', 'long');
		const time = formatTime('2026-03-13T09:30:00Z', 'ar');
		expect(count).toBe('Du har klaret 12,345 skridt');
		for (const text of [count, date, time, formatNumber(1.25, 'ar', 'percent')]) {
			expect(text).not.toMatch(arabicIndic);
		}
		expect(date).toContain('13');
		expect(time).toContain('10:30');
		// Strings stay as they are: a phone number or a code is never regrouped.
		expect(t('da')('steps.done', { count: '70201201' })).toBe('Du har klaret 70201201 skridt');
	});

	it('gives one translate function per messages, language and reading mode, with the same texts every call', () => {
		const messages = { pages: { plan: { title: 'Min plan', title_easy: 'Planen' } } };
		const standard = translateWith(messages, 'da', 'standard');
		expect(translateWith(messages, 'da', 'standard')).toBe(standard);
		const easy = translateWith(messages, 'da', 'easy');
		expect(easy).not.toBe(standard);
		expect([standard('pages.plan.title'), easy('pages.plan.title'), standard('pages.plan.title')]).toEqual([
			'Min plan',
			'Planen',
			'Min plan'
		]);
		// Other messages (another version of the texts) get their own function and their own texts.
		const other = translateWith({ pages: { plan: { title: 'Plan' } } }, 'da', 'standard');
		expect(other('pages.plan.title')).toBe('Plan');
		expect(standard('pages.plan.missing')).toBe('pages.plan.missing');
	});

	it('keeps a text once found, never a filled-in one: each call gets its own count and values', () => {
		const messages = {
			steps: {
				left_one: '{{count}} skridt til {{name}}',
				left_other: '{{count}} skridt til {{name}}s mål',
				left_zero: 'Ingen skridt'
			}
		};
		const t = translateWith(messages, 'da', 'standard');
		expect([
			t('steps.left', { count: 1, name: 'Sara' }),
			t('steps.left', { count: 3, name: 'Ali' }),
			t('steps.left', { count: 1, name: 'Nina' }),
			t('steps.left', { count: 0, name: 'Sara' }),
			t('steps.left')
		]).toEqual(['1 skridt til Sara', '3 skridt til Alis mål', '1 skridt til Nina', 'Ingen skridt', 'steps.left']);
	});
});
