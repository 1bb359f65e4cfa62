import { describe, expect, it } from 'vitest';
import { parsePushPayload } from '../meetings/push-payload';
import { createTranslate } from '../i18n/translator';
import { resourcesFor } from '../i18n/resources';
import { LANGUAGES } from '../i18n/languages';
import { routineNotice } from './push';

describe('a reminder of Min dag on the lock screen', () => {
	it('says only that it is time, opens Min dag, and offers "Ikke nu" in the person’s language', () => {
		const t = createTranslate(resourcesFor('da'), 'da', 'standard');
		const notice = routineNotice(t, 'step-1', '2026-03-29');
		expect(notice).toEqual({
			title: 'Min dag',
			body: 'Nu er det tid til dit næste trin.',
			url: '/min-dag',
			tag: 'routine-step-1',
			snooze: { stepId: 'step-1', day: '2026-03-29', label: 'Ikke nu' }
		});
		// The service worker gets the same back, "Ikke nu" included; a broken one is left out.
		expect(parsePushPayload(JSON.parse(JSON.stringify(notice)))).toEqual(notice);
		expect(parsePushPayload({ ...notice, snooze: { stepId: 1 } })).not.toHaveProperty('snooze');
	});

	it('has its words in every language', () => {
		for (const { code } of LANGUAGES) {
			const notice = routineNotice(createTranslate(resourcesFor(code), code, 'easy'), 's', '2026-10-25');
			expect(notice.title).not.toContain('routines.');
			expect(notice.body).not.toContain('routines.');
			expect(notice.snooze?.label).not.toContain('routines.');
		}
	});
});
