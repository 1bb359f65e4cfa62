import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Db } from '../db';
import { personSettings } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import type { Translate } from '../../i18n/translator';
import type { MeetingRow } from './repository';
import { mapUrl } from './service';

/**
 * The personal calendar feed: a secret URL per person (/api/calendar/<token>). Only SHA-256 of
 * the token is kept; renewing replaces the hash, so the old URL stops working at once.
 * The feed and the per-meeting file say what, when and where, never what the citizen wrote.
 */

const TOKEN_BYTES = 32;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashCalendarToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Makes a new secret for the person's feed (renewing: the old one no longer works). Returns it once. */
export async function renewCalendarToken(db: Db, grant: Grant<'meetings', 'write'>): Promise<string> {
	// A meetings write may be a professional's: whose it is, only the policy's relation says.
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen makes their calendar link');
	const token = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
	const calendarTokenHash = hashCalendarToken(token);
	await db
		.insert(personSettings)
		.values({ personId: grant.citizenId, calendarTokenHash })
		.onConflictDoUpdate({ target: personSettings.personId, set: { calendarTokenHash } });
	return token;
}

/** Turns the feed off: the URL stops working. */
export async function stopCalendarToken(db: Db, grant: Grant<'meetings', 'write'>): Promise<void> {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid');
	await db.update(personSettings).set({ calendarTokenHash: null }).where(eq(personSettings.personId, grant.citizenId));
}

/** Whose feed a token opens, with their language and reading mode; null for anything unknown. */
export async function personByCalendarToken(db: Db, token: string) {
	if (!TOKEN.test(token)) return null;
	const [row] = await db
		.select({
			personId: personSettings.personId,
			language: personSettings.language,
			readingMode: personSettings.readingMode
		})
		.from(personSettings)
		.where(eq(personSettings.calendarTokenHash, hashCalendarToken(token)))
		.limit(1);
	return row ?? null;
}

export interface IcsOptions {
	t: Translate;
	/** The app's address, for a link back to each meeting. */
	origin: string;
	name: string;
	/** Also pass stamps for a stable file in tests. */
	now?: Date;
}

/**
 * A calendar (RFC 5545) with one event per meeting (a series is one event per meeting, so a
 * single changed or cancelled meeting is right too). Times are written in UTC, which every
 * calendar shows in its own zone; cancelled meetings say so, changed ones count SEQUENCE up.
 */
export function meetingsCalendar(rows: MeetingRow[], { t, origin, name, now = new Date() }: IcsOptions): string {
	const host = new URL(origin).host;
	const calendar = ical({
		name,
		prodId: { company: 'Mit forloeb', product: 'Moeder', language: 'DA' },
		method: ICalCalendarMethod.PUBLISH,
		ttl: 60 * 60
	});
	for (const m of rows) {
		const kindName = t(`meetings.kinds.${m.kind}.name`);
		const summary = m.title ? `${m.title} (${kindName})` : kindName;
		const url = `${origin}/moeder/${m.id}`;
		const lines = [t(`meetings.kinds.${m.kind}.about`)];
		if (m.videoUrl) lines.push(t('meetings.ics.video'));
		if (m.location) lines.push(`${t('meetings.ics.map')} ${mapUrl(m.location)}`);
		lines.push(`${t('meetings.ics.more')} ${url}`);
		calendar.createEvent({
			id: `${m.id}@${host}`,
			start: m.startsAt,
			end: m.endsAt,
			stamp: now,
			lastModified: m.updatedAt,
			sequence: m.version,
			summary: m.status === 'cancelled' ? `${t('meetings.ics.cancelled')}: ${summary}` : summary,
			description: lines.join('\n'),
			location: m.location ?? (m.videoUrl ? t('meetings.ics.videoPlace') : null),
			url,
			status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return calendar.toString();
}
