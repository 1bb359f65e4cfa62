import * as rruleModule from 'rrule';
import { copenhagenToUtc, isoWeekdayOf } from '../../meetings/time';
import { SERIES_MAX_COUNT, WEEKDAYS, type WeekdayCode } from '../../meetings/schemas';

// rrule ships CommonJS for Node and ESM for bundlers: take RRule from whichever this is.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ??
	rruleModule) as typeof rruleModule;

/**
 * A weekly series (the group course weekly for 8 weeks; intro og plan twice a week until a date)
 * expanded to its meetings. rrule counts in "floating" time: the Danish wall-clock time is given
 * to it as if it were UTC, and each occurrence is turned back into a real instant in
 * Europe/Copenhagen. So a 10:00 meeting stays at 10:00 on both sides of a daylight-saving change.
 */

export interface SeriesSpec {
	/** The first date ("2026-10-20"); the series starts on or after it. */
	date: string;
	startTime: string;
	endTime: string;
	/** Weekdays to meet on; empty means the weekday of `date`. */
	weekdays: WeekdayCode[];
	/** Ends after a number of meetings, or on a date (inclusive). Exactly one is set. */
	count: number | null;
	until: string | null;
}

export interface Occurrence {
	startsAt: Date;
	endsAt: Date;
}

const RRULE_DAYS = () => [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

function weekdaysOf(spec: SeriesSpec): WeekdayCode[] {
	return spec.weekdays.length ? spec.weekdays : [WEEKDAYS[isoWeekdayOf(spec.date) - 1]];
}

function floating(date: string, time: string): Date {
	const [y, m, d] = date.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

function ruleOf(spec: SeriesSpec) {
	if (spec.count === null && spec.until === null) throw new Error('A series must end');
	const days = RRULE_DAYS();
	return new RRule({
		freq: RRule.WEEKLY,
		wkst: RRule.MO,
		byweekday: weekdaysOf(spec).map((code) => days[WEEKDAYS.indexOf(code)]),
		dtstart: floating(spec.date, spec.startTime),
		...(spec.count !== null ? { count: spec.count } : { until: floating(spec.until!, '23:59') })
	});
}

/** The rule as stored in meeting_series.rrule (no DTSTART: every meeting row carries its own time). */
export function seriesRule(spec: SeriesSpec): string {
	const days = weekdaysOf(spec).join(',');
	const end = spec.count !== null ? `COUNT=${spec.count}` : `UNTIL=${spec.until!.replaceAll('-', '')}T235959`;
	return `FREQ=WEEKLY;WKST=MO;BYDAY=${days};${end}`;
}

/** Every meeting of the series, as UTC instants. Never more than SERIES_MAX_COUNT × 2. */
export function expandSeries(spec: SeriesSpec): Occurrence[] {
	const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
	const length = minutes(spec.endTime) - minutes(spec.startTime);
	const limit = SERIES_MAX_COUNT * 2;
	const found: Date[] = [];
	ruleOf(spec).all((_date, index) => index < limit && found.push(_date) > 0);
	return found.map((wall) => {
		// Floating time: the UTC fields of `wall` are the Danish wall clock, so its UTC date is the Danish date.
		// eslint-disable-next-line no-restricted-syntax
		const date = wall.toISOString().slice(0, 10);
		const time = wall.toISOString().slice(11, 16);
		const startsAt = copenhagenToUtc(date, time);
		// The end is the same wall-clock length later (a meeting never spans the night).
		const endWall = new Date(wall.getTime() + length * 60_000).toISOString().slice(11, 16);
		return { startsAt, endsAt: copenhagenToUtc(date, endWall) };
	});
}
