import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { media, type MediaSubjectType } from '../db/schema';

/**
 * The media table's repository: every read and write of photos and recordings. Callers are the
 * media service (service.ts) and the features' own services, which have the policy's grant.
 * Lists never carry the bytes; only the one read for serving and the export do.
 */

export type MediaRow = typeof media.$inferSelect;

/** What a page needs to show a photo or a player: no bytes. */
const META = {
	id: media.id,
	subjectId: media.subjectId,
	kind: media.kind,
	contentType: media.contentType,
	byteSize: media.byteSize,
	durationMs: media.durationMs,
	width: media.width,
	height: media.height,
	createdAt: media.createdAt
};
type MediaMeta = { [K in keyof typeof META]: MediaRow[K] };

export async function insertMedia(tx: Db, row: typeof media.$inferInsert): Promise<{ id: string }> {
	const [made] = await tx.insert(media).values(row).returning({ id: media.id });
	return made;
}

/** The media of some rows of one kind (one citizen's), oldest first, without bytes. */
export function mediaOf(db: Db, citizenId: string, subjectType: MediaSubjectType, subjectIds: string[]) {
	if (subjectIds.length === 0) return Promise.resolve([] as MediaMeta[]);
	return db
		.select(META)
		.from(media)
		.where(
			and(eq(media.citizenId, citizenId), eq(media.subjectType, subjectType), inArray(media.subjectId, subjectIds))
		)
		.orderBy(asc(media.createdAt), asc(media.id));
}

/**
 * How many media of one kind a row has (checked against its limit in the same transaction as the
 * insert): photos and recordings have limits of their own.
 */
export async function countMediaOf(
	tx: Db,
	subjectType: MediaSubjectType,
	subjectId: string,
	kind: 'image' | 'audio'
): Promise<number> {
	const [row] = await tx
		.select({ n: sql<number>`count(*)::int` })
		.from(media)
		.where(and(eq(media.subjectType, subjectType), eq(media.subjectId, subjectId), eq(media.kind, kind)));
	return row.n;
}

/** One media row with its bytes, of this citizen. */
export async function mediaWithBytes(db: Db, citizenId: string, mediaId: string): Promise<MediaRow | null> {
	const [row] = await db
		.select()
		.from(media)
		.where(and(eq(media.id, mediaId), eq(media.citizenId, citizenId)))
		.limit(1);
	return row ?? null;
}

/** Deletes media of this citizen: all of some rows, or (with `mediaIds`) only those. */
export async function deleteMediaOf(
	tx: Db,
	citizenId: string,
	subjectType: MediaSubjectType,
	subjectIds: string[],
	mediaIds?: string[]
): Promise<number> {
	if (subjectIds.length === 0 || mediaIds?.length === 0) return 0;
	const gone = await tx
		.delete(media)
		.where(
			and(
				eq(media.citizenId, citizenId),
				eq(media.subjectType, subjectType),
				inArray(media.subjectId, subjectIds),
				mediaIds ? inArray(media.id, mediaIds) : undefined
			)
		)
		.returning({ id: media.id });
	return gone.length;
}

/** When the media of some rows go (the retention job deletes them then); null keeps them. */
export async function setMediaDeleteAfter(
	tx: Db,
	subjectType: MediaSubjectType,
	subjectIds: string[],
	deleteAfter: Date | null
) {
	if (subjectIds.length === 0) return;
	await tx
		.update(media)
		.set({ deleteAfter })
		.where(and(eq(media.subjectType, subjectType), inArray(media.subjectId, subjectIds)));
}

/** Deletes up to `batch` media whose time has come; returns how many. */
export async function deleteExpiredMedia(db: Db, now: Date, batch = 500): Promise<number> {
	const gone = await db
		.delete(media)
		.where(
			inArray(
				media.id,
				db
					.select({ id: media.id })
					.from(media)
					.where(and(isNotNull(media.deleteAfter), lt(media.deleteAfter, now)))
					.orderBy(asc(media.deleteAfter))
					.limit(batch)
			)
		)
		.returning({ id: media.id });
	return gone.length;
}

/** Every media row of the citizen, with bytes: the export. */
export function allMediaOf(db: Db, citizenId: string) {
	return db.select().from(media).where(eq(media.citizenId, citizenId)).orderBy(asc(media.createdAt), asc(media.id));
}
