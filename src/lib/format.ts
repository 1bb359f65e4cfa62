import { NUMBERING_SYSTEM } from './i18n/languages';

/** Dates, times and numbers through Intl, always in Danish time, in the person's language. */
const ZONE = 'Europe/Copenhagen';

// Building an Intl.DateTimeFormat is costly (about a tenth of the server's time on the plan page): keep one per kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, kind: 'long' | 'short' | 'time'): Intl.DateTimeFormat {
	const key = `${locale}|${kind}`;
	let found = formatters.get(key);
	if (!found) {
		const options: Intl.DateTimeFormatOptions =
			kind === 'long'
				? { weekday: 'long', day: 'numeric', month: 'long' }
				: kind === 'short'
					? { day: 'numeric', month: 'short', year: 'numeric' }
					: { hour: '2-digit', minute: '2-digit' };
		found = new Intl.DateTimeFormat(locale, { timeZone: ZONE, numberingSystem: NUMBERING_SYSTEM, ...options });
		formatters.set(key, found);
	}
	return found;
}

export function formatDate(value: Date | string, locale: string, style: 'long' | 'short' = 'long'): string {
	const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
	return formatter(locale, style).format(date);
}

export function formatTime(value: Date | string, locale: string): string {
	return formatter(locale, 'time').format(new Date(value));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the person's language (grouping, decimal sign, percent), with the app's digits. */
export function formatNumber(value: number, locale: string, style: 'decimal' | 'percent' = 'decimal'): string {
	const key = `${locale}|${style}`;
	let found = numberFormats.get(key);
	if (!found) {
		found = new Intl.NumberFormat(locale, { style, numberingSystem: NUMBERING_SYSTEM, maximumFractionDigits: 2 });
		numberFormats.set(key, found);
	}
	return found.format(value);
}
