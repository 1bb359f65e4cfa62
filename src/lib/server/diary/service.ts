import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQLWrapper } from 'drizzle-orm';
import type { InferOutput } from 'valibot';
import type { Db } from '../db';
import { preparedReads, readTogether } from '../db/read-together';
import { copingStrategies, diaryEntries, diaryEntryVersions, diaryShares, media, people } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError, StaleWriteError } from '../../errors';
import type { diaryEditSchema, diaryEntrySchema } from '../../diary/schemas';
import { subgoalWithOwner } from '../plan/repository';
import { saveMedia } from '../media/service';
import type { CheckedMedia } from '../media/types';
import { diaryFormOptionReads } from './form-options';
import { shareTargetReads, shareTargets, shareTargetsOf } from './share-targets';
import { copenhagenDate } from '../../meetings/time';
import { addDays } from '../../programmes';

/**
 * The citizen's diary (borger-dagbog). Private by default: an entry is seen by someone else
 * only while it is shared with them. Writing is idempotent on the device-made id; editing keeps
 * the earlier version.
 */

function contentHash(mood: number, text: string): string {
	return createHash('sha256').update(JSON.stringify({ mood, text })).digest('hex');
}

/**
 * A diary read is also a professional's or a relative's (the pages shared with them): whose read
 * this is, only the policy's relation says. A diary write is only ever the citizen's (its type says).
 */
function requireOwnDiary(grant: Grant<'diary', 'read'>) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen reads their own diary');
}

/**
 * Stores an entry once, with its voice recording if there is one (checked already: audio-check.ts),
 * in one transaction: the entry is never stored without the recording it was sent with. The same
 * id with the same content again is a harmless repeat (the recording went with the first); with
 * other content it is refused.
 */
export async function writeEntry(
	db: Db,
	grant: Grant<'diary', 'write'>,
	input: InferOutput<typeof diaryEntrySchema>,
	audio?: CheckedMedia
) {
	if (!audio) return insertEntry(db, grant, input);
	return db.transaction(async (tx) => {
		const written = await insertEntry(tx, grant, input);
		if (audio && written.created)
			await saveMedia(tx, grant, { type: 'diary_entry', id: written.entry.id }, audio, { max: 1 });
		return written;
	});
}

async function insertEntry(db: Db, grant: Grant<'diary', 'write'>, input: InferOutput<typeof diaryEntrySchema>) {
	const text = input.text ?? '';
	if (input.subgoalId) {
		const owner = await subgoalWithOwner(db, input.subgoalId);
		if (!owner || owner.citizenId !== grant.citizenId) throw new DomainError('invalid', 'unknown_subgoal');
	}
	if (input.copingStrategyId) {
		const [strategy] = await db
			.select({ citizenId: copingStrategies.citizenId })
			.from(copingStrategies)
			.where(eq(copingStrategies.id, input.copingStrategyId));
		if (!strategy || strategy.citizenId !== grant.citizenId) throw new DomainError('invalid', 'unknown_strategy');
	}
	const hash = contentHash(input.mood, text);
	const [inserted] = await db
		.insert(diaryEntries)
		.values({
			id: input.id,
			citizenId: grant.citizenId,
			mood: input.mood,
			text,
			copingStrategyId: input.copingStrategyId,
			subgoalId: input.subgoalId,
			writtenFor: input.writtenFor ? new Date(`${input.writtenFor}T12:00:00Z`) : new Date(),
			contentHash: hash
		})
		.onConflictDoNothing()
		.returning();
	if (inserted) return { entry: inserted, created: true };
	const [existing] = await db.select().from(diaryEntries).where(eq(diaryEntries.id, input.id));
	if (existing?.citizenId === grant.citizenId && existing.contentHash === hash)
		return { entry: existing, created: false };
	throw new DomainError('conflict', 'That id was already used for another entry');
}

/** Changes an entry; what was there before is kept as a version. */
export async function editEntry(db: Db, grant: Grant<'diary', 'write'>, input: InferOutput<typeof diaryEditSchema>) {
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(diaryEntries)
			.where(
				and(eq(diaryEntries.id, input.id), eq(diaryEntries.citizenId, grant.citizenId), isNull(diaryEntries.deletedAt))
			);
		if (!before) throw new DomainError('not_found');
		const text = input.text ?? '';
		const [updated] = await tx
			.update(diaryEntries)
			.set({ mood: input.mood, text, version: before.version + 1 })
			.where(and(eq(diaryEntries.id, input.id), eq(diaryEntries.version, input.version)))
			.returning();
		if (!updated) throw new StaleWriteError(before);
		await tx
			.insert(diaryEntryVersions)
			.values({ entryId: before.id, version: before.version, mood: before.mood, text: before.text });
		return updated;
	});
}

/** Shares an entry with one person from the allowed list, or stops sharing it. */
export async function setSharing(
	db: Db,
	grant: Grant<'diary', 'write'>,
	entryId: string,
	personId: string,
	share: boolean,
	now = new Date()
) {
	const [entry] = await db
		.select({ id: diaryEntries.id })
		.from(diaryEntries)
		.where(and(eq(diaryEntries.id, entryId), eq(diaryEntries.citizenId, grant.citizenId)));
	if (!entry) throw new DomainError('not_found');
	if (share) {
		const allowed = await shareTargets(db, grant.citizenId, now);
		if (!allowed.some((t) => t.id === personId)) throw new DomainError('invalid', 'not_a_share_target');
		await db
			.insert(diaryShares)
			.values({ entryId, sharedWith: personId, sharedAt: now })
			.onConflictDoUpdate({
				target: [diaryShares.entryId, diaryShares.sharedWith],
				set: { sharedAt: now, unsharedAt: null }
			});
	} else {
		await db
			.update(diaryShares)
			.set({ unsharedAt: now })
			.where(
				and(eq(diaryShares.entryId, entryId), eq(diaryShares.sharedWith, personId), isNull(diaryShares.unsharedAt))
			);
	}
}

const WEEKS_IN_STRIP = 4;

type OwnOptions = { subgoalId?: string | null | SQLWrapper; before?: Date; limit?: number };

/** The delmål filter: none, one delmål, or a placeholder that may be null (then none). */
function bySubgoal(subgoalId: string | null | undefined | SQLWrapper) {
	if (subgoalId === null || subgoalId === undefined) return undefined;
	if (typeof subgoalId === 'string') return eq(diaryEntries.subgoalId, subgoalId);
	return sql`(${subgoalId}::uuid is null or ${diaryEntries.subgoalId} = ${subgoalId})`;
}

/** The citizen's own diary: newest first, a page at a time, with who can see each entry. */
export async function ownEntries(db: Db, grant: Grant<'diary', 'read'>, options: OwnOptions = {}) {
	requireOwnDiary(grant);
	const [rows, shares, recordings] = await readTogether(db, ownEntriesReads(db, grant.citizenId, options));
	return ownEntriesOf(rows, shares, recordings, options);
}

/**
 * ownEntries as two reads to go with others: a page of entries (one more than shown, to know
 * whether there are more) and who each shown entry is shared with, found through the same page as
 * a subquery (same order, ties broken by id in both, so they always agree).
 */
function ownEntriesReads(db: Db, citizenId: string | SQLWrapper, options: OwnOptions = {}) {
	const limit = pageSize(options);
	const where = and(
		eq(diaryEntries.citizenId, citizenId),
		isNull(diaryEntries.deletedAt),
		bySubgoal(options.subgoalId),
		options.before ? lt(diaryEntries.writtenFor, options.before) : undefined
	);
	const newestFirst = [desc(diaryEntries.writtenFor), desc(diaryEntries.createdAt), desc(diaryEntries.id)];
	const shown = db
		.select({ id: diaryEntries.id })
		.from(diaryEntries)
		.where(where)
		.orderBy(...newestFirst)
		.limit(limit);
	return [
		db
			.select()
			.from(diaryEntries)
			.where(where)
			.orderBy(...newestFirst)
			.limit(limit + 1),
		db
			.select({ entryId: diaryShares.entryId, personId: people.id, name: people.givenName })
			.from(diaryShares)
			.innerJoin(people, eq(people.id, diaryShares.sharedWith))
			.where(and(inArray(diaryShares.entryId, shown), isNull(diaryShares.unsharedAt)))
			// In the order they were shared: a join's plan must not decide the order of the names.
			.orderBy(asc(diaryShares.sharedAt), asc(diaryShares.sharedWith)),
		recordingReads(db, shown)
	] as const;
}

const pageSize = (options: OwnOptions) => Math.min(options.limit ?? 20, 50);

type OwnReads = ReturnType<typeof ownEntriesReads>;
function ownEntriesOf(
	rows: Awaited<OwnReads[0]>,
	shares: Awaited<OwnReads[1]>,
	recordings: Awaited<OwnReads[2]>,
	options: OwnOptions = {}
) {
	const limit = pageSize(options);
	const page = rows.slice(0, limit);
	return {
		entries: page.map((e) => ({
			...e,
			sharedWith: shares.filter((s) => s.entryId === e.id).map((s) => ({ id: s.personId, name: s.name })),
			audioId: recordings.find((r) => r.entryId === e.id)?.mediaId ?? null,
			audioMs: recordings.find((r) => r.entryId === e.id)?.durationMs ?? null
		})),
		hasMore: rows.length > limit
	};
}

type StripOptions = { subgoalId?: string | null; now?: Date };

const stripStart = (now: Date) => new Date(now.getTime() - WEEKS_IN_STRIP * 7 * 86_400_000);

/** The moods of the last weeks, one face per day (the latest entry that day), for the picture strip. */
export async function moodStrip(db: Db, grant: Grant<'diary', 'read'>, options: StripOptions = {}) {
	requireOwnDiary(grant);
	const rows = await moodStripRows(db, grant.citizenId, {
		subgoalId: options.subgoalId,
		from: stripStart(options.now ?? new Date())
	});
	return moodStripOf(rows, options);
}

/** moodStrip's read, to go with others; moodStripOf makes the strip of its rows. */
function moodStripRows(
	db: Db,
	citizenId: string | SQLWrapper,
	{ subgoalId, from }: { subgoalId?: string | null | SQLWrapper; from: Date | SQLWrapper }
) {
	return db
		.select({ mood: diaryEntries.mood, writtenFor: diaryEntries.writtenFor })
		.from(diaryEntries)
		.where(
			and(
				eq(diaryEntries.citizenId, citizenId),
				isNull(diaryEntries.deletedAt),
				gte(diaryEntries.writtenFor, from),
				bySubgoal(subgoalId)
			)
		)
		.orderBy(diaryEntries.writtenFor);
}

function moodStripOf(rows: Awaited<ReturnType<typeof moodStripRows>>, options: StripOptions = {}) {
	const now = options.now ?? new Date();
	const byDay = new Map<string, number>();
	for (const row of rows) byDay.set(copenhagenDate(row.writtenFor), row.mood);
	const days: Array<{ date: string; mood: number | null }> = [];
	// Calendar days back from today, not 24-hour steps: a daylight-saving night would skip or repeat a day.
	const today = copenhagenDate(now);
	for (let i = WEEKS_IN_STRIP * 7 - 1; i >= 0; i--) {
		const date = addDays(today, -i);
		days.push({ date, mood: byDay.get(date) ?? null });
	}
	return days;
}

/**
 * The citizen's own diary page in one round trip: a page of entries with whom each is shared with,
 * the mood strip, whom they can share with, and what the form offers (as ownEntries, moodStrip,
 * shareTargets and diaryFormOptions give them one by one).
 */
export async function diaryPage(
	db: Db,
	grant: Grant<'diary', 'read'>,
	options: { subgoalId: string | null; now?: Date }
) {
	requireOwnDiary(grant);
	const now = options.now ?? new Date();
	const [rows, shares, recordings, stripRows, team, relatives, strategies, openSubgoals] = await diaryPageReads(db, {
		citizenId: grant.citizenId,
		subgoalId: options.subgoalId,
		stripFrom: stripStart(now).toISOString(),
		now: now.toISOString(),
		today: copenhagenDate(now)
	});
	return {
		own: ownEntriesOf(rows, shares, recordings),
		strip: moodStripOf(stripRows, { now }),
		targets: shareTargetsOf(team, relatives),
		options: { strategies, subgoals: openSubgoals }
	};
}

/** diaryPage's reads, built once (preparedReads); a null delmål filters nothing. */
const diaryPageReads = preparedReads(
	'diary_page',
	['citizenId', 'subgoalId', 'stripFrom', 'now', 'today'],
	(db, p) =>
		[
			...ownEntriesReads(db, p.citizenId, { subgoalId: p.subgoalId }),
			moodStripRows(db, p.citizenId, { subgoalId: p.subgoalId, from: p.stripFrom }),
			...shareTargetReads(db, p.citizenId, { now: p.now, today: p.today }),
			...diaryFormOptionReads(db, p.citizenId)
		] as const
);

/**
 * The voice recordings of some entries (which entry, which media row): the page plays each from
 * /media/<id>, where the policy decides again, by the entry, who hears it.
 */
function recordingReads(db: Db, entryIds: SQLWrapper) {
	return db
		.select({ entryId: media.subjectId, mediaId: media.id, durationMs: media.durationMs })
		.from(media)
		.where(and(eq(media.subjectType, 'diary_entry'), eq(media.kind, 'audio'), inArray(media.subjectId, entryIds)));
}

/** Entries shared with the person reading (a professional or a relative), newest first, each with its recording's id. */
export async function entriesSharedWith(db: Db, grant: Grant<'diary', 'read'>, limit = 30) {
	if (grant.relation.kind === 'self') throw new DomainError('invalid');
	return db
		.select({
			id: diaryEntries.id,
			mood: diaryEntries.mood,
			text: diaryEntries.text,
			writtenFor: diaryEntries.writtenFor,
			sharedAt: diaryShares.sharedAt,
			audioId: media.id,
			audioMs: media.durationMs
		})
		.from(diaryShares)
		.innerJoin(diaryEntries, eq(diaryEntries.id, diaryShares.entryId))
		.leftJoin(
			media,
			and(eq(media.subjectType, 'diary_entry'), eq(media.kind, 'audio'), eq(media.subjectId, diaryEntries.id))
		)
		.where(
			and(
				eq(diaryShares.sharedWith, grant.actor.id),
				isNull(diaryShares.unsharedAt),
				eq(diaryEntries.citizenId, grant.citizenId),
				isNull(diaryEntries.deletedAt)
			)
		)
		.orderBy(desc(diaryEntries.writtenFor))
		.limit(limit);
}

export async function entryVersions(db: Db, grant: Grant<'diary', 'read'>, entryId: string) {
	requireOwnDiary(grant);
	const [entry] = await db
		.select({ id: diaryEntries.id })
		.from(diaryEntries)
		.where(and(eq(diaryEntries.id, entryId), eq(diaryEntries.citizenId, grant.citizenId)));
	if (!entry) throw new DomainError('not_found');
	return db
		.select()
		.from(diaryEntryVersions)
		.where(eq(diaryEntryVersions.entryId, entryId))
		.orderBy(desc(diaryEntryVersions.version));
}

/** Whether one entry is shared with the person reading, now (the policy's case for its recording). */
export async function entryIsSharedWith(db: Db, grant: Grant, entryId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: diaryShares.entryId })
		.from(diaryShares)
		.innerJoin(diaryEntries, eq(diaryEntries.id, diaryShares.entryId))
		.where(
			and(
				eq(diaryShares.entryId, entryId),
				eq(diaryShares.sharedWith, grant.actor.id),
				isNull(diaryShares.unsharedAt),
				eq(diaryEntries.citizenId, grant.citizenId),
				isNull(diaryEntries.deletedAt)
			)
		)
		.limit(1);
	return Boolean(row);
}

/** One entry for a professional or relative: only while it is shared with them. Null otherwise. */
export async function sharedEntry(db: Db, grant: Grant<'diary', 'read'>, entryId: string) {
	const rows = await entriesSharedWith(db, grant, 200);
	return rows.find((r) => r.id === entryId) ?? null;
}

export async function ownEntryById(db: Db, grant: Grant<'diary', 'read'>, entryId: string) {
	requireOwnDiary(grant);
	const [entry] = await db
		.select({
			id: diaryEntries.id,
			mood: diaryEntries.mood,
			text: diaryEntries.text,
			version: diaryEntries.version,
			writtenFor: diaryEntries.writtenFor
		})
		.from(diaryEntries)
		.where(
			and(eq(diaryEntries.id, entryId), eq(diaryEntries.citizenId, grant.citizenId), isNull(diaryEntries.deletedAt))
		);
	if (!entry) throw new DomainError('not_found');
	return { ...entry, writtenFor: entry.writtenFor.toISOString() };
}
