import type { RequestHandler } from './$types';
import { isLanguage, type Language } from '$lib/i18n/languages';
import { resourcesFor } from '$lib/i18n/resources';
import { createTranslate } from '$lib/i18n/translator';
import { meetingsCalendar, personByCalendarToken } from '$lib/server/meetings/calendar';
import { meetingsSince } from '$lib/server/meetings/repository';
import { guard } from '$lib/server/policy/guard';

/** How far back the feed goes: recent meetings stay in the calendar, old ones drop out. */
const HISTORY_DAYS = 90;

/**
 * The personal calendar feed. A calendar app fetches it without a session, so the secret in
 * the URL is the key: only its SHA-256 is stored, and an unknown or renewed secret gets 404.
 */
export const GET: RequestHandler = async (event) => {
	const { db } = guard.public();
	const person = await personByCalendarToken(db, event.params.token);
	if (!person) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
	const lang: Language = isLanguage(person.language) ? person.language : 'da';
	const t = createTranslate(resourcesFor(lang), lang, person.readingMode);
	const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000);
	const rows = await meetingsSince(db, person.personId, since);
	const body = meetingsCalendar(rows, { t, origin: event.url.origin, name: t('common.appName') });
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="mit-forloeb.ics"',
			'X-Robots-Tag': 'noindex'
		}
	});
};
