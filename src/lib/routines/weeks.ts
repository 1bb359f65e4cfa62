/** Calendar arithmetic on "YYYY-MM-DD" days (no time zone: a day is a day). */

export function addDays(day: string, n: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	const pad = (x: number) => String(x).padStart(2, '0');
	// Noon UTC is the same calendar day as the day itself: this is calendar arithmetic, not "today".
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The ISO week of a day, "2026-W14" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(day: string): string {
	const d = new Date(`${day}T12:00:00Z`);
	const weekday = (d.getUTCDay() + 6) % 7;
	d.setUTCDate(d.getUTCDate() - weekday + 3);
	const year = d.getUTCFullYear();
	const firstThursday = new Date(Date.UTC(year, 0, 4, 12));
	firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
	const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
	return `${year}-W${String(week).padStart(2, '0')}`;
}
