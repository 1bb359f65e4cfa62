import { describe, expect, it } from 'vitest';
import { utcToCopenhagen } from '../../meetings/time';
import { expandSeries, seriesRule } from './series';

describe('weekly series', () => {
	it('keeps 10:00 Danish time across the last Sunday of October', () => {
		// Tuesdays from 19 October 2027; summer time ends on Sunday 31 October 2027.
		const spec = {
			date: '2027-10-19',
			startTime: '10:00',
			endTime: '11:30',
			weekdays: [],
			count: 8,
			until: null
		};
		const meetings = expandSeries(spec);
		expect(meetings).toHaveLength(8);
		expect(meetings.map((m) => utcToCopenhagen(m.startsAt))).toEqual(
			[
				'2027-10-19',
				'2027-10-26',
				'2027-11-02',
				'2027-11-09',
				'2027-11-16',
				'2027-11-23',
				'2027-11-30',
				'2027-12-07'
			].map((date) => ({ date, time: '10:00' }))
		);
		expect(meetings.every((m) => utcToCopenhagen(m.endsAt).time === '11:30')).toBe(true);
		// In UTC the hour moves: 08:00 in summer time, 09:00 after.
		expect(meetings[1].startsAt.toISOString()).toBe('2027-10-26T08:00:00.000Z');
		expect(meetings[2].startsAt.toISOString()).toBe('2027-11-02T09:00:00.000Z');
		expect(seriesRule(spec)).toBe('FREQ=WEEKLY;WKST=MO;BYDAY=TU;COUNT=8');
	});

	it('keeps the time across the last Sunday of March too', () => {
		const meetings = expandSeries({
			date: '2027-03-22',
			startTime: '09:00',
			endTime: '10:00',
			weekdays: ['MO'],
			count: 3,
			until: null
		});
		expect(meetings.map((m) => m.startsAt.toISOString())).toEqual([
			'2027-03-22T08:00:00.000Z',
			'2027-03-29T07:00:00.000Z',
			'2027-04-05T07:00:00.000Z'
		]);
	});

	it('meets twice a week until a date, that date included', () => {
		const spec = {
			date: '2027-11-01',
			startTime: '09:00',
			endTime: '11:00',
			weekdays: ['TU', 'TH'] as ('TU' | 'TH')[],
			count: null,
			until: '2027-11-18'
		};
		expect(expandSeries(spec).map((m) => utcToCopenhagen(m.startsAt).date)).toEqual([
			'2027-11-02',
			'2027-11-04',
			'2027-11-09',
			'2027-11-11',
			'2027-11-16',
			'2027-11-18'
		]);
		expect(seriesRule(spec)).toBe('FREQ=WEEKLY;WKST=MO;BYDAY=TU,TH;UNTIL=20271118T235959');
	});

	it('refuses a series without an end', () => {
		expect(() =>
			expandSeries({ date: '2027-11-01', startTime: '09:00', endTime: '10:00', weekdays: [], count: null, until: null })
		).toThrow();
	});
});
