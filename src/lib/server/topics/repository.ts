import { and, asc, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { media, meetings, topics } from '../db/schema';

/** Topic reads and writes. Callers have been through the policy; these trust the citizen id they get. */

export type TopicRow = typeof topics.$inferSelect;

/** The citizen's meetings a topic can still go to: not cancelled and not over, soonest first. */
export function openMeetingsOf(db: Db, citizenId: string, now: Date) {
	return db
		.select({
			id: meetings.id,
			kind: meetings.kind,
			title: meetings.title,
			startsAt: meetings.startsAt,
			endsAt: meetings.endsAt
		})
		.from(meetings)
		.where(and(eq(meetings.citizenId, citizenId), ne(meetings.status, 'cancelled'), gt(meetings.endsAt, now)))
		.orderBy(asc(meetings.startsAt), asc(meetings.id))
		.limit(50);
}

/** One meeting of the citizen, locked for the rest of the transaction (topics per meeting are counted under it). */
export async function lockedMeetingOf(tx: Db, citizenId: string, meetingId: string) {
	const [row] = await tx
		.select({ id: meetings.id, startsAt: meetings.startsAt, endsAt: meetings.endsAt, status: meetings.status })
		.from(meetings)
		.where(and(eq(meetings.id, meetingId), eq(meetings.citizenId, citizenId)))
		.for('update');
	return row ?? null;
}

export async function topicCount(tx: Db, meetingId: string): Promise<number> {
	const [row] = await tx.select({ n: count() }).from(topics).where(eq(topics.meetingId, meetingId));
	return row.n;
}

/** One topic of the citizen, locked (its photos are counted under it). */
export async function lockedTopicOf(tx: Db, citizenId: string, topicId: string): Promise<TopicRow | null> {
	const [row] = await tx
		.select()
		.from(topics)
		.where(and(eq(topics.id, topicId), eq(topics.citizenId, citizenId)))
		.for('update');
	return row ?? null;
}

/** The citizen's topics of these meetings that the reader sees: private ones only with `withPrivate`. */
function seenTopics(citizenId: string, meetingIds: string[], withPrivate: boolean) {
	return and(
		eq(topics.citizenId, citizenId),
		inArray(topics.meetingId, meetingIds),
		withPrivate ? undefined : eq(topics.private, false)
	);
}

/**
 * Topics of the citizen: of some meetings, oldest first; private ones only with `withPrivate`.
 * Each with how many photos it has (the photos themselves come from the media service).
 */
export function topicsOf(db: Db, citizenId: string, meetingIds: string[], withPrivate: boolean) {
	if (meetingIds.length === 0) return Promise.resolve([]);
	return db
		.select()
		.from(topics)
		.where(seenTopics(citizenId, meetingIds, withPrivate))
		.orderBy(asc(topics.createdAt), asc(topics.id));
}

/** How many topics (that the reader sees) each meeting has, for lists of meetings. */
export async function topicCounts(db: Db, citizenId: string, meetingIds: string[], withPrivate: boolean) {
	if (meetingIds.length === 0) return new Map<string, number>();
	const rows = await db
		.select({ meetingId: topics.meetingId, n: count() })
		.from(topics)
		.where(seenTopics(citizenId, meetingIds, withPrivate))
		.groupBy(topics.meetingId);
	return new Map(rows.map((r) => [r.meetingId, r.n]));
}

/**
 * A meeting moved: its topics' photos are now deleted `days` after the new time (the retention
 * job reads media.delete_after). Called where a meeting's time changes (meetings/service.ts).
 */
export async function movePhotoExpiry(tx: Db, meetingId: string, startsAt: Date, days: number) {
	await tx
		.update(media)
		.set({ deleteAfter: sql`${startsAt.toISOString()}::timestamptz + make_interval(days => ${days})` })
		.where(
			and(
				eq(media.subjectType, 'topic'),
				inArray(media.subjectId, tx.select({ id: topics.id }).from(topics).where(eq(topics.meetingId, meetingId)))
			)
		);
}

/** Every topic of the citizen: the export. */
export function allTopicsOf(db: Db, citizenId: string) {
	return db.select().from(topics).where(eq(topics.citizenId, citizenId)).orderBy(asc(topics.createdAt), asc(topics.id));
}
