// Dates for the demo data, relative to "now" and in Danish local time.
// Relative imports only: the seed script runs under tsx, outside Vite.

import { addDays, isoWeekday } from '../../programmes';
// The app's one "today in Denmark": the seed and the app must agree on which day it is.
import { copenhagenDate } from '../../meetings/time';

const TIME_ZONE = 'Europe/Copenhagen';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** How far Danish local time is ahead of UTC at an instant, in milliseconds. */
function offsetAt(utcMs: number): number {
	const parts = Object.fromEntries(partsFormat.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
	const local = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second)
	);
	return local - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a Danish wall-clock time on a date ("10:00" on 2026-03-02). */
function copenhagenTime(date: string, hhmm: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = hhmm.split(':').map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	let utc = wall - offsetAt(wall);
	const corrected = wall - offsetAt(utc);
	if (corrected !== utc) utc = corrected;
	return new Date(utc);
}

/** The Danish date and wall-clock time of an instant, rounded down to 5 minutes. */
function copenhagenWallClock(instant: Date): { on: string; at: string } {
	const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
	const minute = String(Math.floor(Number(parts.minute) / 5) * 5).padStart(2, '0');
	return { on: copenhagenDate(instant), at: `${parts.hour}:${minute}` };
}

/** The demo's calendar: everything is placed relative to one "now". */
export interface SeedClock {
	now: Date;
	/** Today in Denmark. */
	today: string;
	/** The date `offset` days from today (negative for the past). */
	day(offset: number): string;
	/** Like day(), but on a weekday: a weekend moves to Monday (future) or Friday (past), so the past stays past. */
	workday(offset: number): string;
	/** The next `count` dates after today (or before it, with direction -1) that fall on the given ISO weekdays (1 = Monday). */
	weekdays(weekdays: number[], count: number, direction?: 1 | -1): string[];
	/** The instant of a Danish wall-clock time on a date. */
	at(date: string, hhmm: string): Date;
	/** An instant `days` days ago at a Danish wall-clock time, never later than now. */
	ago(days: number, hhmm: string): Date;
	/** An instant `days` days from now (calendar days, same time of day). */
	fromNow(days: number): Date;
	/** The Danish date and time (rounded down to 5 minutes) `minutes` before now: a meeting going on now. */
	minutesAgo(minutes: number): { on: string; at: string };
}

export function seedClock(now: Date): SeedClock {
	const today = copenhagenDate(now);
	const at = copenhagenTime;
	return {
		now,
		today,
		day: (offset) => addDays(today, offset),
		workday(offset) {
			const date = addDays(today, offset);
			const weekday = isoWeekday(date);
			if (weekday < 6) return date;
			return offset < 0 ? addDays(date, 5 - weekday) : addDays(date, 8 - weekday);
		},
		weekdays(weekdays, count, direction = 1) {
			const found: string[] = [];
			for (let offset = direction; found.length < count; offset += direction) {
				const date = addDays(today, offset);
				if (weekdays.includes(isoWeekday(date))) found.push(date);
			}
			return direction === 1 ? found : found.reverse();
		},
		at,
		ago(days, hhmm) {
			const instant = at(addDays(today, -days), hhmm);
			return instant.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : instant;
		},
		fromNow: (days) => new Date(now.getTime() + days * 86_400_000),
		minutesAgo: (minutes) => copenhagenWallClock(new Date(now.getTime() - minutes * 60_000))
	};
}
