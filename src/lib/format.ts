/** Dates and times through Intl, always in Danish time, in the person's language. */
const ZONE = 'Europe/Copenhagen';

export function formatDate(value: Date | string, locale: string, style: 'long' | 'short' = 'long'): string {
	const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
	return new Intl.DateTimeFormat(locale, {
		timeZone: ZONE,
		...(style === 'long'
			? { weekday: 'long', day: 'numeric', month: 'long' }
			: { day: 'numeric', month: 'short', year: 'numeric' })
	}).format(date);
}

export function formatTime(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(
		new Date(value)
	);
}
