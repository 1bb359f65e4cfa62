import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../i18n/languages';
import { resourcesFor } from '../../i18n/resources';
import { createTranslate } from '../../i18n/translator';
import { FAILED_JOB_KINDS, failedJobKind } from './failed';
import { QUEUES, type MeetingNoticeJob } from './queues';

/**
 * What the administrator's page of failed jobs calls each job (`jobs.what.<kind>`): every kind of
 * meeting notice has its own plain words, in every language, so a failed "new times to choose
 * from" is never shown as a cancelled meeting.
 */

const meetingId = '6f1c2a3e-8b4d-4c5e-9f60-7a8b9c0d1e2f';
const requestId = '0b6f0a52-4d6e-4a36-9a39-0c1f4b3a9d11';
const NOTICES: MeetingNoticeJob[] = [
	{ kind: 'reminder', meetingId, minutesBefore: 60, startsAt: '2027-10-19T08:00:00.000Z' },
	{ kind: 'changed', meetingId, version: 2 },
	{ kind: 'cancelled', meetingId },
	{ kind: 'offered', meetingId, requestId },
	{ kind: 'declined', meetingId, requestId }
];

const page = (lang: (typeof LANGUAGES)[number]['code'], reading: 'standard' | 'easy' = 'standard') => {
	const t = createTranslate(resourcesFor(lang), lang, reading);
	return (job: MeetingNoticeJob) => t(`jobs.what.${failedJobKind(QUEUES.meetingNotices.name, job).kind}`);
};

describe('failed meeting notices on the admin page', () => {
	it('each kind of notice is its own kind of job', () => {
		const kinds = NOTICES.map((job) => failedJobKind(QUEUES.meetingNotices.name, job));
		expect(kinds).toEqual([
			{ kind: 'meetingReminder', minutesBefore: 60 },
			{ kind: 'meetingChanged', minutesBefore: null },
			{ kind: 'meetingCancelled', minutesBefore: null },
			{ kind: 'meetingOffered', minutesBefore: null },
			{ kind: 'meetingDeclined', minutesBefore: null }
		]);
	});

	it('says in Danish what each notice was: new times are not a cancelled meeting', () => {
		expect(NOTICES.map(page('da'))).toEqual([
			'Påmindelse om et møde',
			'Besked om et ændret møde',
			'Besked om et aflyst møde',
			'Besked med nye tider til et møde',
			'Besked om, at et møde ikke kan flyttes'
		]);
	});

	it('has different words for each kind in every language and reading mode', () => {
		for (const { code } of LANGUAGES)
			for (const reading of ['standard', 'easy'] as const) {
				const words = NOTICES.map(page(code, reading));
				for (const text of words) expect(text, `${code} ${reading}`).not.toMatch(/^jobs\./);
				expect(new Set(words).size, `${code} ${reading}: ${words.join(' | ')}`).toBe(NOTICES.length);
			}
	});

	it('every kind of failed job has a text in every language', () => {
		for (const { code } of LANGUAGES) {
			const t = createTranslate(resourcesFor(code), code, 'standard');
			for (const kind of FAILED_JOB_KINDS) expect(t(`jobs.what.${kind}`), `${code} ${kind}`).not.toMatch(/^jobs\./);
		}
	});

	it('a forged payload is an unknown job, not a meeting notice', () => {
		expect(failedJobKind(QUEUES.meetingNotices.name, { kind: 'offered', meetingId })).toEqual({
			kind: 'unknown',
			minutesBefore: null
		});
	});
});
