import type { RequestHandler } from './$types';
import { isLanguage, type Language } from '$lib/i18n/languages';
import { resourcesFor } from '$lib/i18n/resources';
import { createTranslate } from '$lib/i18n/translator';
import { utcToCopenhagen } from '$lib/meetings/time';
import { meetingsCalendar } from '$lib/server/meetings/calendar';
import { meetingForCalendar } from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';

/** "Tilføj til min kalender": one meeting as an .ics file. */
export const GET: RequestHandler = async (event) => {
	const meetingId = event.params.meetingId;
	const { grant, db } = await guard.citizen(event, 'meetings', 'read', { resourceId: meetingId });
	const meeting = await meetingForCalendar(db, grant, meetingId);
	if (!meeting) notFound();
	const lang: Language = isLanguage(event.locals.lang) ? event.locals.lang : 'da';
	const t = createTranslate(resourcesFor(lang), lang, event.locals.reading);
	const body = meetingsCalendar([meeting], {
		t,
		origin: event.url.origin,
		name: t('common.appName')
	});
	const day = utcToCopenhagen(meeting.startsAt).date;
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="moede-${day}.ics"`
		}
	});
};
