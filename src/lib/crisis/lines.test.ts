import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '$lib/i18n/languages';
import { createTranslate } from '$lib/i18n/translator';
import { resourcesFor } from '$lib/i18n/resources';
import { ORGANISATIONS } from '$lib/server/seed/organisations';
import { CRISIS_LINE_KEYS, NATIONAL_LINES, lineText, telHref } from './lines';

const seeded = Object.values(ORGANISATIONS).flatMap((org) => org.contacts);

describe('crisis lines', () => {
	it('every line the demo organisations list is a known line', () => {
		expect(seeded.length).toBeGreaterThan(10);
		for (const line of seeded) expect(CRISIS_LINE_KEYS, line.name).toContain(line.textKey);
	});

	it('a known line speaks the person’s language and reading mode; its name and number stay', () => {
		const livslinien = seeded.find((line) => line.textKey === 'livslinien')!;
		for (const { code } of LANGUAGES) {
			for (const reading of ['standard', 'easy'] as const) {
				const t = createTranslate(resourcesFor(code), code, reading);
				for (const key of CRISIS_LINE_KEYS) {
					for (const field of ['description', 'hours'] as const) {
						const text = lineText(t, { textKey: key }, field);
						expect(text, `${code} ${reading} ${key}.${field}`).not.toMatch(/^crisis\./);
						expect(text.length).toBeGreaterThan(3);
					}
				}
			}
		}
		const english = createTranslate(resourcesFor('en'), 'en', 'standard');
		const easyDanish = createTranslate(resourcesFor('da'), 'da', 'easy');
		expect(lineText(english, livslinien, 'description')).toMatch(/^Talk to a volunteer/);
		expect(lineText(english, livslinien, 'hours')).toBe('Every day, 11:00–05:00');
		expect(lineText(easyDanish, livslinien, 'description')).not.toBe(
			lineText(createTranslate(resourcesFor('da'), 'da', 'standard'), livslinien, 'description')
		);
	});

	it('a line the organisation added itself is shown with the text it was stored with', () => {
		const t = createTranslate(resourcesFor('en'), 'en', 'standard');
		const own = { textKey: null, description: 'Ring til Bo på værkstedet.', hours: 'Tirsdag kl. 9–12' };
		expect(lineText(t, own, 'description')).toBe('Ring til Bo på værkstedet.');
		expect(lineText(t, own, 'hours')).toBe('Tirsdag kl. 9–12');
		expect(lineText(t, { textKey: 'no-such-line', description: 'Gemt tekst' }, 'description')).toBe('Gemt tekst');
		expect(lineText(t, { textKey: null, hours: null }, 'hours')).toBe('');
	});

	it('the national lines are real numbers with tel: links', () => {
		expect(NATIONAL_LINES.map((line) => telHref(line.phone))).toEqual(['tel:112', 'tel:70201201', 'tel:39252525']);
	});
});
