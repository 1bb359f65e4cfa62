import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { InferOutput } from 'valibot';
import type { Db } from '../db';
import { preparedReads } from '../db/read-together';
import { logComments, logEntries, people, subgoals } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import type { logCommentSchema, logEntrySchema } from '../../logbook/schemas';
import { subgoalWithOwner } from '../plan/repository';

/**
 * The professional's log (logbog). Its content is always shown to the citizen (the handbook's
 * rule), marked new until they have seen it; the citizen can comment or say "I do not agree".
 */

export async function writeLogEntry(db: Db, grant: Grant<'log', 'write'>, input: InferOutput<typeof logEntrySchema>) {
	// The citizen writes to the log too (comments): only the policy's relation says who this is.
	if (grant.relation.kind !== 'professional') throw new DomainError('invalid', 'Only professionals write the log');
	if (input.subgoalId) {
		const owner = await subgoalWithOwner(db, input.subgoalId);
		if (!owner || owner.citizenId !== grant.citizenId) throw new DomainError('invalid', 'unknown_subgoal');
	}
	const [entry] = await db
		.insert(logEntries)
		.values({ citizenId: grant.citizenId, authorId: grant.actor.id, subgoalId: input.subgoalId, text: input.text })
		.returning();
	return entry;
}

/** logFor's two reads, built once (preparedReads). */
const logReads = preparedReads('log_for', ['citizenId', 'limit'], (db, p) => {
	const newestFirst = [desc(logEntries.createdAt), desc(logEntries.id)];
	const shown = db
		.select({ id: logEntries.id })
		.from(logEntries)
		.where(eq(logEntries.citizenId, p.citizenId))
		.orderBy(...newestFirst)
		.limit(p.limit);
	return [
		db
			.select({
				entry: {
					id: logEntries.id,
					text: logEntries.text,
					readByCitizenAt: logEntries.readByCitizenAt,
					createdAt: logEntries.createdAt
				},
				author: people.displayName,
				subgoalTitle: subgoals.title
			})
			.from(logEntries)
			.innerJoin(people, eq(people.id, logEntries.authorId))
			.leftJoin(subgoals, eq(subgoals.id, logEntries.subgoalId))
			.where(eq(logEntries.citizenId, p.citizenId))
			.orderBy(...newestFirst)
			.limit(p.limit),
		db
			.select({
				comment: {
					id: logComments.id,
					entryId: logComments.entryId,
					text: logComments.text,
					disagrees: logComments.disagrees,
					createdAt: logComments.createdAt
				},
				author: people.givenName
			})
			.from(logComments)
			.innerJoin(people, eq(people.id, logComments.authorId))
			.where(inArray(logComments.entryId, shown))
			.orderBy(asc(logComments.createdAt))
	] as const;
});

/**
 * The log, newest first, with the author, the delmål it is about and the comments, in one round
 * trip: the comments are found through the same page of entries as a subquery (same order, ties
 * broken by id in both, so they always agree), not by waiting for the entries' ids.
 */
export async function logFor(db: Db, grant: Grant<'log', 'read'>, limit = 30) {
	const [entries, comments] = await logReads(db, { citizenId: grant.citizenId, limit });
	return entries.map(({ entry, author, subgoalTitle }) => ({
		id: entry.id,
		text: entry.text,
		author,
		subgoalTitle,
		createdAt: entry.createdAt.toISOString(),
		isNew: entry.readByCitizenAt === null,
		comments: comments
			.filter((c) => c.comment.entryId === entry.id)
			.map((c) => ({
				id: c.comment.id,
				text: c.comment.text,
				disagrees: c.comment.disagrees,
				author: c.author,
				at: c.comment.createdAt.toISOString()
			}))
	}));
}

/** The citizen has now seen these entries: they stop being "new" from the next visit. */
export async function markSeen(db: Db, grant: Grant<'log', 'read'>, ids: string[], now = new Date()) {
	if (grant.relation.kind !== 'self' || ids.length === 0) return;
	await db
		.update(logEntries)
		.set({ readByCitizenAt: now })
		.where(
			and(eq(logEntries.citizenId, grant.citizenId), inArray(logEntries.id, ids), isNull(logEntries.readByCitizenAt))
		);
}

/** The citizen's answer to an entry; the professionals see it on their log page. */
// A log write is never a relative's (relatives only read): the grant's type says so.
export async function commentOnEntry(
	db: Db,
	grant: Grant<'log', 'write'>,
	input: InferOutput<typeof logCommentSchema>
) {
	const [entry] = await db
		.select({ citizenId: logEntries.citizenId })
		.from(logEntries)
		.where(eq(logEntries.id, input.entryId));
	if (!entry || entry.citizenId !== grant.citizenId) throw new DomainError('not_found');
	const [comment] = await db
		.insert(logComments)
		.values({ entryId: input.entryId, authorId: grant.actor.id, text: input.text ?? '', disagrees: input.disagrees })
		.returning();
	return comment;
}
