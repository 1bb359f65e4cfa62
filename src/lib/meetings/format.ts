import { formatDate, formatTime } from '../format';
import type { Translate } from '../i18n/translator';

/** "tirsdag 20. oktober kl. 10.00–11.30", in Danish time and the person's language. */
export function meetingWhen(t: Translate, locale: string, startsAt: string | Date, endsAt: string | Date): string {
	return t('meetings.when', {
		day: formatDate(startsAt, locale),
		start: formatTime(startsAt, locale),
		end: formatTime(endsAt, locale)
	});
}

/** Keeps a phone number or code left-to-right inside a right-to-left sentence (Unicode isolate). */
export function isolate(text: string): string {
	return String.fromCharCode(0x2066) + text + String.fromCharCode(0x2069);
}
