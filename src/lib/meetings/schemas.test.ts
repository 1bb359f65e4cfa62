import { describe, expect, it } from 'vitest';
import { parseForm } from '../validation';
import { changeMeetingSchema, newMeetingSchema, replySchema } from './schemas';

const base = {
	kind: 'gruppeforloeb',
	date: '2027-10-19',
	startTime: '10:00',
	endTime: '11:30'
};

describe('meeting forms', () => {
	it('accepts a single meeting and turns empty fields into null', () => {
		const parsed = parseForm(newMeetingSchema, { ...base, title: '', videoUrl: '', participants: '' });
		expect(parsed).toMatchObject({
			ok: true,
			data: { repeat: 'once', title: null, videoUrl: null, participants: [], count: null, until: null }
		});
	});

	it('says so beside the end time when it is not after the start', () => {
		expect(parseForm(newMeetingSchema, { ...base, endTime: '10:00' })).toEqual({
			ok: false,
			errors: { endTime: 'validation.endBeforeStart' }
		});
		expect(parseForm(changeMeetingSchema, { ...base, endTime: '09:00', version: '1' })).toEqual({
			ok: false,
			errors: { endTime: 'validation.endBeforeStart' }
		});
	});

	it('refuses a series without an end, or with two ends', () => {
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly' })).toEqual({
			ok: false,
			errors: { count: 'validation.seriesEnd' }
		});
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly', count: '8', until: '2027-12-01' })).toEqual({
			ok: false,
			errors: { count: 'validation.seriesOneEnd' }
		});
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly', count: '1' })).toMatchObject({
			errors: { count: 'validation.seriesCount' }
		});
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly', until: '2027-10-19' })).toMatchObject({
			errors: { until: 'validation.untilAfterStart' }
		});
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly', until: '2029-01-01' })).toMatchObject({
			errors: { until: 'validation.seriesTooLong' }
		});
	});

	it('accepts a weekly series of 8 and twice a week until a date', () => {
		expect(parseForm(newMeetingSchema, { ...base, repeat: 'weekly', count: '8' })).toMatchObject({
			ok: true,
			data: { repeat: 'weekly', count: 8, weekdays: [] }
		});
		expect(
			parseForm(newMeetingSchema, { ...base, repeat: 'weekly', weekdays: 'TU,TH', until: '2027-12-16' })
		).toMatchObject({ ok: true, data: { weekdays: ['TU', 'TH'], until: '2027-12-16' } });
	});

	it('refuses a video link that is not https, and odd participants and days', () => {
		expect(parseForm(newMeetingSchema, { ...base, videoUrl: 'http://video.kommune.dk/x' })).toMatchObject({
			errors: { videoUrl: 'validation.httpsLink' }
		});
		expect(parseForm(newMeetingSchema, { ...base, participants: 'not-a-person' })).toMatchObject({
			errors: { participants: 'validation.unknownParticipant' }
		});
		expect(parseForm(newMeetingSchema, { ...base, weekdays: 'XX' })).toMatchObject({
			errors: { weekdays: 'validation.choice' }
		});
		expect(parseForm(newMeetingSchema, { ...base, startTime: '25:00' })).toMatchObject({
			errors: { startTime: 'validation.time' }
		});
	});

	it('takes the citizen reply with an optional reason', () => {
		expect(parseForm(replySchema, { response: 'cannot_come', reason: ' Jeg er syg ' })).toEqual({
			ok: true,
			data: { response: 'cannot_come', reason: 'Jeg er syg' }
		});
		expect(parseForm(replySchema, { response: 'maybe' })).toMatchObject({ ok: false });
	});
});
