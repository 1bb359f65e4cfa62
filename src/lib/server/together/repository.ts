import { and, desc, eq, gt, gte, inArray, isNotNull, lte, max, ne, or, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import {
	meetingParticipants,
	meetings,
	people,
	relativeDelegations,
	togetherEvents,
	togetherSessions
} from '../db/schema';
import { delegationState } from '../policy';
import type { TogetherEventKind, TogetherMessage, TogetherSessionInfo } from '../../together/types';

/**
 * Reads and writes of together sessions and their events. Callers have been through the policy
 * (or are the stream, which only ever reads the person's own sessions).
 */

/** The notification channel every app server LISTENs on; the payload names the event and who gets it. */
export const TOGETHER_CHANNEL = 'mf_together';

export type SessionRow = typeof togetherSessions.$inferSelect;

const citizen = alias(people, 'together_citizen');
const professional = alias(people, 'together_professional');
const relative = alias(people, 'together_relative');
const sender = alias(people, 'together_sender');

const infoColumns = {
	session: togetherSessions,
	citizenName: citizen.givenName,
	professionalName: professional.givenName,
	relativeName: relative.givenName
};

function toInfo(row: {
	session: SessionRow;
	citizenName: string;
	professionalName: string;
	relativeName: string | null;
}): TogetherSessionInfo {
	const s = row.session;
	return {
		id: s.id,
		status: s.status,
		citizenId: s.citizenId,
		citizenName: row.citizenName,
		professionalId: s.professionalId,
		professionalName: row.professionalName,
		relativeId: s.relativeId,
		relativeName: row.relativeName,
		startedBy: s.startedBy,
		invitationExpiresAt: s.invitationExpiresAt.toISOString(),
		endedBy: s.endedBy
	};
}

export async function sessionById(db: Db, id: string): Promise<SessionRow | null> {
	const [row] = await db.select().from(togetherSessions).where(eq(togetherSessions.id, id)).limit(1);
	return row ?? null;
}

/**
 * The session row, locked for the rest of the transaction: `update` for a change of status (two
 * taps on "end" at once: one wins), `share` for an event (it waits for an "end" under way, and
 * then sees that the session has ended).
 */
export async function sessionLocked(db: Db, id: string, mode: 'update' | 'share'): Promise<SessionRow | null> {
	const [row] = await db.select().from(togetherSessions).where(eq(togetherSessions.id, id)).for(mode).limit(1);
	return row ?? null;
}

export async function sessionInfo(db: Db, id: string): Promise<TogetherSessionInfo | null> {
	const [row] = await db
		.select(infoColumns)
		.from(togetherSessions)
		.innerJoin(citizen, eq(citizen.id, togetherSessions.citizenId))
		.innerJoin(professional, eq(professional.id, togetherSessions.professionalId))
		.leftJoin(relative, eq(relative.id, togetherSessions.relativeId))
		.where(eq(togetherSessions.id, id))
		.limit(1);
	return row ? toInfo(row) : null;
}

/** Invited or active sessions a person takes part in, newest first (a handful at most). */
export async function openSessionsOf(db: Db, personId: string): Promise<TogetherSessionInfo[]> {
	const rows = await db
		.select(infoColumns)
		.from(togetherSessions)
		.innerJoin(citizen, eq(citizen.id, togetherSessions.citizenId))
		.innerJoin(professional, eq(professional.id, togetherSessions.professionalId))
		.leftJoin(relative, eq(relative.id, togetherSessions.relativeId))
		.where(
			and(
				inArray(togetherSessions.status, ['invited', 'active']),
				or(
					eq(togetherSessions.citizenId, personId),
					eq(togetherSessions.professionalId, personId),
					eq(togetherSessions.relativeId, personId)
				)
			)
		)
		.orderBy(desc(togetherSessions.createdAt))
		.limit(10);
	return rows.map(toInfo);
}

/** The citizen's sessions that are still invited or active (to refuse a second one). */
export async function openSessionsOfCitizen(db: Db, citizenId: string): Promise<SessionRow[]> {
	return db
		.select()
		.from(togetherSessions)
		.where(and(eq(togetherSessions.citizenId, citizenId), inArray(togetherSessions.status, ['invited', 'active'])))
		.orderBy(desc(togetherSessions.createdAt))
		.limit(10);
}

export async function insertSession(db: Db, values: typeof togetherSessions.$inferInsert): Promise<SessionRow> {
	const [row] = await db.insert(togetherSessions).values(values).returning();
	return row;
}

export async function updateSession(
	db: Db,
	id: string,
	values: Partial<Pick<SessionRow, 'status' | 'acceptedAt' | 'endedAt' | 'endedBy' | 'relativeId'>>
): Promise<SessionRow> {
	const [row] = await db.update(togetherSessions).set(values).where(eq(togetherSessions.id, id)).returning();
	return row;
}

/**
 * Stores one event and announces it with pg_notify in the same transaction: every app server
 * listening hears of it exactly when (and only if) it is committed. The payload carries only
 * the sequence number and who may receive it; each server reads the event itself.
 */
export async function insertEvent(
	db: Db,
	values: { sessionId: string; senderId: string; kind: TogetherEventKind; payload: object; at: Date },
	recipients: string[]
) {
	const [row] = await db.insert(togetherEvents).values(values).returning();
	await db.execute(
		sql`select pg_notify(${TOGETHER_CHANNEL}, ${JSON.stringify({ seq: row.seq, to: [...new Set(recipients)] })})`
	);
	return row;
}

const messageColumns = {
	event: togetherEvents,
	senderName: sender.givenName,
	...infoColumns
};

type MessageRow = {
	event: typeof togetherEvents.$inferSelect;
	senderName: string;
	session: SessionRow;
	citizenName: string;
	professionalName: string;
	relativeName: string | null;
};

function toMessage(row: MessageRow): TogetherMessage {
	return {
		seq: row.event.seq,
		sessionId: row.event.sessionId,
		kind: row.event.kind as TogetherEventKind,
		payload: (row.event.payload ?? {}) as Record<string, unknown>,
		at: row.event.at.toISOString(),
		sender: { id: row.event.senderId, name: row.senderName },
		session: toInfo(row)
	};
}

function messagesQuery(db: Db) {
	return db
		.select(messageColumns)
		.from(togetherEvents)
		.innerJoin(togetherSessions, eq(togetherSessions.id, togetherEvents.sessionId))
		.innerJoin(sender, eq(sender.id, togetherEvents.senderId))
		.innerJoin(citizen, eq(citizen.id, togetherSessions.citizenId))
		.innerJoin(professional, eq(professional.id, togetherSessions.professionalId))
		.leftJoin(relative, eq(relative.id, togetherSessions.relativeId));
}

/** One event with its session, as the stream sends it. */
export async function messageBySeq(db: Db, seq: number): Promise<TogetherMessage | null> {
	const [row] = await messagesQuery(db).where(eq(togetherEvents.seq, seq)).limit(1);
	return row ? toMessage(row) : null;
}

/** Events of the given sessions after a sequence number, oldest first (a reconnect's catch-up). */
export async function messagesAfter(
	db: Db,
	sessionIds: string[],
	afterSeq: number,
	limit = 200
): Promise<TogetherMessage[]> {
	if (sessionIds.length === 0) return [];
	const rows = await messagesQuery(db)
		.where(and(inArray(togetherEvents.sessionId, sessionIds), gt(togetherEvents.seq, afterSeq)))
		.orderBy(togetherEvents.seq)
		.limit(limit);
	return rows.map(toMessage);
}

/** The newest sequence number of a session (0 without events). */
export async function lastSeqOf(db: Db, sessionId: string): Promise<number> {
	const [row] = await db
		.select({ last: max(togetherEvents.seq) })
		.from(togetherEvents)
		.where(eq(togetherEvents.sessionId, sessionId));
	return row?.last ?? 0;
}

/** What happened in a session so far that a page opened late should show: pointers and changes. */
export async function sessionHistory(db: Db, sessionId: string, limit = 500): Promise<TogetherMessage[]> {
	const rows = await messagesQuery(db)
		.where(
			and(eq(togetherEvents.sessionId, sessionId), inArray(togetherEvents.kind, ['highlight', 'note', 'next_step']))
		)
		.orderBy(desc(togetherEvents.seq))
		.limit(limit);
	return rows.map(toMessage).reverse();
}

/**
 * The citizen's video meeting that is on now (from 10 minutes before the start to the end), when
 * there is one; with a professional, only one they take part in or made.
 */
export async function currentVideoMeeting(
	db: Db,
	citizenId: string,
	now: Date,
	opensMinutesBefore: number,
	professionalId?: string
) {
	const opens = new Date(now.getTime() + opensMinutesBefore * 60_000);
	// Bounded to meetings that started at most a day ago, so the cost does not grow with history.
	const dayAgo = new Date(now.getTime() - 86_400_000);
	const rows = await videoMeetingsOpen(db, citizenId, { now, opens, dayAgo });
	if (!professionalId) return rows[0]?.meeting ?? null;
	for (const { meeting } of rows) if (await takesPart(db, meeting, professionalId)) return meeting;
	return null;
}

/**
 * The read behind currentVideoMeeting: video meetings that have opened (`opens` = now + the minutes
 * a link opens early) and not ended, that started at most a day before (`dayAgo`). The times may be
 * placeholders, for a page that reads this together with others (src/lib/server/db/read-together.ts).
 */
export function videoMeetingsOpen(
	db: Db,
	citizenId: string | SQLWrapper,
	at: { now: Date | SQLWrapper; opens: Date | SQLWrapper; dayAgo: Date | SQLWrapper }
) {
	return db
		.select({ meeting: meetings })
		.from(meetings)
		.where(
			and(
				eq(meetings.citizenId, citizenId),
				gte(meetings.startsAt, at.dayAgo),
				lte(meetings.startsAt, at.opens),
				gte(meetings.endsAt, at.now),
				isNotNull(meetings.videoUrl),
				ne(meetings.status, 'cancelled')
			)
		)
		.orderBy(desc(meetings.startsAt))
		.limit(5);
}

/** Whether a person made or is invited to a meeting. */
export async function takesPart(db: Db, meeting: typeof meetings.$inferSelect, personId: string): Promise<boolean> {
	if (meeting.createdBy === personId) return true;
	const [row] = await db
		.select({ personId: meetingParticipants.personId })
		.from(meetingParticipants)
		.where(and(eq(meetingParticipants.meetingId, meeting.id), eq(meetingParticipants.personId, personId)))
		.limit(1);
	return Boolean(row);
}

/** Everyone invited to a meeting, besides its maker. */
export async function meetingPeople(db: Db, meetingId: string): Promise<string[]> {
	const rows = await db
		.select({ personId: meetingParticipants.personId })
		.from(meetingParticipants)
		.where(eq(meetingParticipants.meetingId, meetingId));
	return rows.map((r) => r.personId);
}

/** The citizen's relatives who may join a video call now (join_video scope, delegation in force). */
export async function joinVideoRelativesOf(db: Db, citizenId: string, now: Date) {
	const rows = await db
		.select({ delegation: relativeDelegations, givenName: people.givenName })
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
		.where(and(eq(relativeDelegations.citizenId, citizenId), eq(relativeDelegations.status, 'active')))
		.limit(20);
	return rows
		.filter((r) => delegationState(r.delegation, now) === 'active' && r.delegation.scopes.includes('join_video'))
		.map((r) => ({ id: r.delegation.relativeId!, givenName: r.givenName }));
}

/**
 * The citizen's together sessions that ran (were accepted), newest first: with whom, from when
 * to when. A handful only, so the cost does not grow with the citizen's history.
 */
export async function sessionsThatRan(db: Db, citizenId: string, limit = 5) {
	return db
		.select({
			id: togetherSessions.id,
			status: togetherSessions.status,
			acceptedAt: togetherSessions.acceptedAt,
			endedAt: togetherSessions.endedAt,
			endedBy: togetherSessions.endedBy,
			professionalName: professional.givenName,
			relativeName: relative.givenName
		})
		.from(togetherSessions)
		.innerJoin(professional, eq(professional.id, togetherSessions.professionalId))
		.leftJoin(relative, eq(relative.id, togetherSessions.relativeId))
		.where(and(eq(togetherSessions.citizenId, citizenId), isNotNull(togetherSessions.acceptedAt)))
		.orderBy(desc(togetherSessions.acceptedAt))
		.limit(limit);
}

/** Events after a sequence number in every session a person takes part in (a reconnect's catch-up). */
export async function messagesForPersonAfter(
	db: Db,
	personId: string,
	afterSeq: number,
	limit = 200
): Promise<TogetherMessage[]> {
	const rows = await messagesQuery(db)
		.where(
			and(
				gt(togetherEvents.seq, afterSeq),
				or(
					eq(togetherSessions.citizenId, personId),
					eq(togetherSessions.professionalId, personId),
					eq(togetherSessions.relativeId, personId)
				)
			)
		)
		.orderBy(togetherEvents.seq)
		.limit(limit);
	return rows.map(toMessage);
}
