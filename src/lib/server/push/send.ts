import { eq, inArray } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '../db';
import { meetings, personSettings, pushSubscriptions } from '../db/schema';
import { logger } from '../log';
import { formatDate, formatTime } from '../../format';
import { isLanguage, languageInfo, type Language, type ReadingMode } from '../../i18n/languages';
import { resourcesFor } from '../../i18n/resources';
import { createTranslate, type Translate } from '../../i18n/translator';
import type { MeetingNoticeKind, PushPayload } from '../../meetings/push-payload';
import { isAllowedPushEndpoint, subscriptionsOf } from './subscriptions';
import { vapidDetails } from './vapid';

/**
 * Sends a Web Push notice about a meeting to every browser the citizen has subscribed.
 * web-push encrypts and signs (VAPID); we post the request ourselves with fetch, and drop a
 * subscription the push service says is gone (404, 410). A failed send never fails the change
 * that caused it: the result says what happened.
 */

export interface NoticeOptions {
	/** For a reminder: how long before the start (1440 = the day before, 60 = an hour before). */
	minutesBefore?: number;
	/** Seconds the push service may hold the message for a phone that is off. */
	ttl?: number;
}

export interface NoticeResult {
	sent: number;
	removed: number;
	failed: number;
}

type Meeting = typeof meetings.$inferSelect;

/** The notice's texts, in the citizen's language and reading mode. Nothing private: kind and time. */
export function meetingNotice(
	t: Translate,
	locale: string,
	meeting: Pick<Meeting, 'id' | 'kind' | 'startsAt'>,
	kind: MeetingNoticeKind,
	options: NoticeOptions = {}
): PushPayload {
	const values = {
		kind: t(`meetings.kinds.${meeting.kind}.name`),
		day: formatDate(meeting.startsAt, locale),
		time: formatTime(meeting.startsAt, locale)
	};
	const which =
		kind === 'reminder'
			? options.minutesBefore === 60
				? 'reminderHour'
				: options.minutesBefore === 1440
					? 'reminderDay'
					: 'reminder'
			: kind;
	return {
		title: t(`meetings.push.${which}.title`, values),
		body: t(`meetings.push.${which}.body`, values),
		// An answer to "I need another time" opens where the citizen reads it and picks a time.
		url: kind === 'offered' || kind === 'declined' ? `/moeder/${meeting.id}/ny-tid` : `/moeder/${meeting.id}`,
		tag: `meeting-${meeting.id}`
	};
}

/** A translator in the person's own language and reading mode (Danish, standard when unset). */
export async function translatorFor(db: Db, personId: string) {
	const [settings] = await db
		.select({ language: personSettings.language, readingMode: personSettings.readingMode })
		.from(personSettings)
		.where(eq(personSettings.personId, personId))
		.limit(1);
	const lang: Language = settings && isLanguage(settings.language) ? settings.language : 'da';
	const reading: ReadingMode = settings?.readingMode ?? 'standard';
	return { t: createTranslate(resourcesFor(lang), lang, reading), locale: languageInfo(lang).locale };
}

/** Posts one encrypted message. Returns the push service's status code (or 0 when unreachable). */
async function post(subscription: { endpoint: string; p256dh: string; auth: string }, payload: string, ttl: number) {
	const details = webpush.generateRequestDetails(
		{ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
		payload,
		{ vapidDetails: vapidDetails(), TTL: ttl, urgency: 'normal' }
	);
	try {
		const response = await fetch(details.endpoint, {
			method: details.method,
			headers: details.headers,
			body: details.body === null ? undefined : new Uint8Array(details.body),
			redirect: 'error',
			signal: AbortSignal.timeout(10_000)
		});
		await response.body?.cancel();
		return response.status;
	} catch {
		return 0;
	}
}

const DEFAULT_TTL: Record<MeetingNoticeKind, number> = {
	reminder: 60 * 60,
	changed: 2 * 24 * 60 * 60,
	cancelled: 2 * 24 * 60 * 60,
	offered: 2 * 24 * 60 * 60,
	declined: 2 * 24 * 60 * 60
};

/**
 * Posts one notice to every browser a person has subscribed. Endpoints that are gone (404, 410)
 * or no longer allowed are forgotten; the result counts what happened.
 */
export async function pushToPerson(db: Db, personId: string, notice: PushPayload, ttl: number): Promise<NoticeResult> {
	const result: NoticeResult = { sent: 0, removed: 0, failed: 0 };
	const subscriptions = await subscriptionsOf(db, personId);
	if (subscriptions.length === 0) return result;
	const payload = JSON.stringify(notice);
	const gone: string[] = [];
	await Promise.all(
		subscriptions.map(async (subscription) => {
			// Checked again at send time: the rules may be stricter than when it was stored.
			if (!isAllowedPushEndpoint(subscription.endpoint)) {
				gone.push(subscription.id);
				return;
			}
			const status = await post(subscription, payload, ttl);
			if (status >= 200 && status < 300) result.sent++;
			else if (status === 404 || status === 410) gone.push(subscription.id);
			else result.failed++;
		})
	);
	if (gone.length) {
		await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
		result.removed = gone.length;
	}
	return result;
}

/** Tells the citizen about a meeting: a reminder, or that it was changed or cancelled. */
export async function sendMeetingNotice(
	db: Db,
	meetingId: string,
	kind: MeetingNoticeKind,
	options: NoticeOptions = {}
): Promise<NoticeResult> {
	const empty: NoticeResult = { sent: 0, removed: 0, failed: 0 };
	const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).limit(1);
	if (!meeting) return empty;
	// A reminder for a meeting that is off is not sent.
	if (kind === 'reminder' && (meeting.status === 'cancelled' || meeting.status === 'held')) return empty;
	const subscriptions = await subscriptionsOf(db, meeting.citizenId);
	if (subscriptions.length === 0) return empty;
	const { t, locale } = await translatorFor(db, meeting.citizenId);
	const notice = meetingNotice(t, locale, meeting, kind, options);
	const result = await pushToPerson(db, meeting.citizenId, notice, options.ttl ?? DEFAULT_TTL[kind]);
	logger.info({ meetingId, kind, ...result }, 'meeting notice');
	return result;
}
