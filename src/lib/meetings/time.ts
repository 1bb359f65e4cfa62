/**
 * Danish wall-clock time and UTC. Meetings are stored in UTC and typed and shown in
 * Europe/Copenhagen; these helpers convert both ways, correctly on either side of a
 * daylight-saving change. Pure Intl, so the browser and the server agree.
 */

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

function partsAt(instant: Date) {
	const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second)
	};
}

/** How far Danish time is ahead of UTC at an instant, in milliseconds. */
function offsetAt(utcMs: number): number {
	const p = partsAt(new Date(utcMs));
	const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return local - Math.floor(utcMs / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isLocalDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
export const isLocalTime = (value: string) => TIME.test(value);

/**
 * The instant of a Danish wall-clock time on a date ("10:00" on "2026-10-27").
 * A time that does not exist (the hour skipped in spring) moves forward by the gap;
 * a time that exists twice (the hour repeated in autumn) is the first of the two.
 */
export function copenhagenToUtc(date: string, time: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	// Try the offset before and after: the larger one (summer time) gives the earlier instant.
	const candidates = [wall - offsetAt(wall - 86_400_000), wall - offsetAt(wall + 86_400_000)];
	const exact = candidates.filter((utc) => utc + offsetAt(utc) === wall).sort((a, b) => a - b);
	if (exact.length) return new Date(exact[0]);
	// In the gap: the same distance after the change, in the new offset.
	return new Date(wall - offsetAt(wall - 86_400_000));
}

/** The Danish date and time of an instant, as form fields want them: "2026-10-27", "10:00". */
export function utcToCopenhagen(instant: Date | string): { date: string; time: string } {
	const p = partsAt(new Date(instant));
	const pad = (n: number) => String(n).padStart(2, '0');
	return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * "Today" for the app: the Danish calendar date at an instant, 'YYYY-MM-DD'. Assignments, consents,
 * plan periods and phases are Danish calendar dates, so every comparison with them takes today from
 * here. The UTC date (`toISOString().slice(0, 10)`) is yesterday between midnight and 01:00
 * (02:00 in summer); ESLint refuses that form everywhere.
 */
export function copenhagenDate(instant: Date): string {
	return utcToCopenhagen(instant).date;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}
