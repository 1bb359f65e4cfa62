import { describe, expect, it } from 'vitest';
import { copenhagenToUtc, isLocalDate, isLocalTime, isoWeekdayOf, utcToCopenhagen } from './time';

describe('Danish time and UTC', () => {
	it('is one hour ahead in winter and two in summer', () => {
		expect(copenhagenToUtc('2026-01-15', '10:00').toISOString()).toBe('2026-01-15T09:00:00.000Z');
		expect(copenhagenToUtc('2026-07-15', '10:00').toISOString()).toBe('2026-07-15T08:00:00.000Z');
	});

	it('is right on both sides of the last Sunday of October', () => {
		expect(copenhagenToUtc('2026-10-24', '10:00').toISOString()).toBe('2026-10-24T08:00:00.000Z');
		expect(copenhagenToUtc('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
		// 02:30 happens twice that night: the first (summer time) is taken.
		expect(copenhagenToUtc('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});

	it('moves a time in the spring gap forward', () => {
		expect(copenhagenToUtc('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
		expect(copenhagenToUtc('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(utcToCopenhagen(copenhagenToUtc('2026-03-29', '02:30')).time).toBe('03:30');
		expect(copenhagenToUtc('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
	});

	it('turns an instant back into the date and time typed', () => {
		for (const [date, time] of [
			['2026-10-24', '23:30'],
			['2026-10-26', '00:15'],
			['2026-12-31', '23:59']
		]) {
			expect(utcToCopenhagen(copenhagenToUtc(date, time))).toEqual({ date, time });
		}
	});

	it('checks dates and times as typed', () => {
		expect(isLocalDate('2026-02-28')).toBe(true);
		expect(isLocalDate('2026-13-01')).toBe(false);
		expect(isLocalTime('09:05')).toBe(true);
		expect(isLocalTime('24:00')).toBe(false);
		expect(isLocalTime('9:05')).toBe(false);
		expect(isoWeekdayOf('2026-10-27')).toBe(2);
		expect(isoWeekdayOf('2026-11-01')).toBe(7);
	});
});
