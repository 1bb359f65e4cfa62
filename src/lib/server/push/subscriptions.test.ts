import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { isAllowedPushEndpoint, subscriptionSchema } from './subscriptions';
import { browserKeys } from '../../../../tests/support/web-push';
import { parsePushPayload } from '../../meetings/push-payload';
import { meetingNotice } from './send';
import { createTranslate } from '../../i18n/translator';
import { resourcesFor } from '../../i18n/resources';
import { LANGUAGES } from '../../i18n/languages';

const local = { ORIGIN: 'http://localhost:4173' } as NodeJS.ProcessEnv;
const production = { ORIGIN: 'https://minforloeb.kommune.dk' } as NodeJS.ProcessEnv;

describe('push endpoints', () => {
	it('takes https push services', () => {
		expect(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', production)).toBe(true);
		expect(isAllowedPushEndpoint('https://updates.push.services.mozilla.com/wpush/v2/x', production)).toBe(true);
	});

	it('refuses plain http, IP addresses and user info in production', () => {
		expect(isAllowedPushEndpoint('http://push.example/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('http://127.0.0.1:9999/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('https://10.0.0.5/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('https://[::1]/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('https://localhost/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('https://a:b@push.example/x', production)).toBe(false);
		expect(isAllowedPushEndpoint('file:///etc/passwd', production)).toBe(false);
		expect(isAllowedPushEndpoint('nonsense', production)).toBe(false);
	});

	it('lets a local demo or test use a push service on loopback', () => {
		expect(isAllowedPushEndpoint('http://127.0.0.1:9999/x', local)).toBe(true);
		expect(isAllowedPushEndpoint('http://10.0.0.5/x', local)).toBe(false);
	});

	it('checks the browser keys', () => {
		const keys = browserKeys();
		const good = { endpoint: 'https://push.example/x', keys: { p256dh: keys.p256dh, auth: keys.auth } };
		expect(v.safeParse(subscriptionSchema, good).success).toBe(true);
		expect(v.safeParse(subscriptionSchema, { ...good, keys: { ...good.keys, p256dh: 'AAAA' } }).success).toBe(false);
		expect(v.safeParse(subscriptionSchema, { ...good, keys: { ...good.keys, auth: keys.p256dh } }).success).toBe(false);
		expect(v.safeParse(subscriptionSchema, { endpoint: good.endpoint }).success).toBe(false);
	});
});

describe('push payload', () => {
	it('takes only same-app paths', () => {
		expect(parsePushPayload({ title: 'a', body: 'b', url: '/moeder/1' })).toEqual({
			title: 'a',
			body: 'b',
			url: '/moeder/1'
		});
		expect(parsePushPayload({ title: 'a', body: 'b', url: 'https://evil.example' })).toBeNull();
		expect(parsePushPayload({ title: 'a', body: 'b', url: '//evil.example' })).toBeNull();
		expect(parsePushPayload({ title: 'a' })).toBeNull();
		expect(parsePushPayload('text')).toBeNull();
	});
});

describe('answers to "I need another time" on the lock screen', () => {
	const meeting = { id: 'm1', kind: 'individuel_samtale' as const, startsAt: new Date('2027-11-16T12:00:00Z') };
	const danish = (reading: 'standard' | 'easy') => createTranslate(resourcesFor('da'), 'da', reading);

	it('names the kind and time, opens the page to choose, and says nothing private', () => {
		expect(meetingNotice(danish('standard'), 'da-DK', meeting, 'offered')).toEqual({
			title: 'Du kan vælge en ny tid',
			body: 'Der er nye tider til Samtale tirsdag 16. november kl. 13.00. Vælg den, der passer dig.',
			url: '/moeder/m1/ny-tid',
			tag: 'meeting-m1'
		});
		expect(meetingNotice(danish('easy'), 'da-DK', meeting, 'declined')).toMatchObject({
			title: 'Svar om dit møde',
			body: 'Mødet bliver, som det var. Læs svaret i appen.',
			url: '/moeder/m1/ny-tid'
		});
	});

	it('has its words in every language, never a missing key', () => {
		for (const { code, locale } of LANGUAGES)
			for (const kind of ['offered', 'declined'] as const) {
				const notice = meetingNotice(createTranslate(resourcesFor(code), code, 'standard'), locale, meeting, kind);
				expect(notice.title).not.toContain('meetings.push');
				expect(notice.body).not.toContain('meetings.push');
				expect(notice.body).not.toContain('{{');
			}
	});
});
