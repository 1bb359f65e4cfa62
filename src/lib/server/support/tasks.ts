import { and, desc, eq, inArray, isNull, ne, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import { people, relativeDelegations, staffTasks } from '../db/schema';
import { type Grant } from '../policy';
import { grantEach } from '../policy/decisions';
import { contactPersonOf } from '../policy/contact-person';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../../errors';
import { NEW_RELATIVE } from '../../support/schemas';

/**
 * "I want to talk about it first": the citizen asks to talk with their contact person about a
 * consent or a relative's access before deciding. That makes one open task for the contact person
 * (pressing twice makes no second one) and a reminder on the citizen's home page until a
 * professional marks it done. Everything goes through a grant for 'support_tasks'.
 */

export type TalkKind = (typeof staffTasks.$inferSelect)['kind'];

/** The citizen asks, a professional answers: which one holds the grant, the policy's relation says. */
function requireRelation(grant: Grant<'support_tasks'>, who: 'self' | 'professional') {
	if (grant.relation.kind !== who) throw new DomainError('invalid', 'support_tasks grant needed');
}

/** The citizen's contact person now: decided in the policy (private topics go only to them). */
export { contactPersonOf };

/** A delegation subject must be one of the citizen's own relatives' access (not revoked), or "new". */
async function checkSubject(db: Db, citizenId: string, kind: TalkKind, subject: string) {
	if (kind === 'talk_about_consent' || subject === NEW_RELATIVE) return;
	const [row] = await db
		.select({ id: relativeDelegations.id })
		.from(relativeDelegations)
		.where(
			and(
				eq(relativeDelegations.id, subject),
				eq(relativeDelegations.citizenId, citizenId),
				ne(relativeDelegations.status, 'revoked')
			)
		)
		.limit(1);
	if (!row) throw new DomainError('not_found');
}

/**
 * The citizen asks to talk first. Returns the open task, and whether it was made now. Two presses
 * (or two tabs at once) give one open task: the check and the insert run under a lock per subject.
 */
export async function askToTalk(
	db: Db,
	grant: Grant<'support_tasks', 'write'>,
	input: { kind: TalkKind; subject: string },
	now = new Date()
) {
	requireRelation(grant, 'self');
	await checkSubject(db, grant.citizenId, input.kind, input.subject);
	const contact = await contactPersonOf(db, grant.citizenId, now);
	return db.transaction(async (tx) => {
		await tx.execute(
			sql`select pg_advisory_xact_lock(hashtext(${`staff_task:${grant.citizenId}:${input.kind}:${input.subject}`}))`
		);
		const [open] = await tx
			.select()
			.from(staffTasks)
			.where(
				and(
					eq(staffTasks.citizenId, grant.citizenId),
					eq(staffTasks.kind, input.kind),
					eq(staffTasks.subject, input.subject),
					isNull(staffTasks.doneAt)
				)
			)
			.limit(1);
		if (open) return { task: open, created: false as const };
		const [task] = await tx
			.insert(staffTasks)
			.values({
				citizenId: grant.citizenId,
				assigneeId: contact?.id ?? null,
				kind: input.kind,
				subject: input.subject,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		return { task, created: true as const };
	});
}

/** What a task is about, in words the page can show: a consent purpose or a relative's name. */
async function withSubjects<T extends { kind: TalkKind; subject: string }>(db: Db, citizenId: string, tasks: T[]) {
	const ids = tasks
		.filter((t) => t.kind === 'talk_about_delegation' && t.subject !== NEW_RELATIVE)
		.map((t) => t.subject);
	const labels = ids.length
		? await db
				.select({ id: relativeDelegations.id, label: relativeDelegations.label, name: people.displayName })
				.from(relativeDelegations)
				.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
				.where(and(eq(relativeDelegations.citizenId, citizenId), inArray(relativeDelegations.id, ids)))
		: [];
	return subjectsOf(tasks, labels);
}

function subjectsOf<T extends { kind: TalkKind; subject: string }>(
	tasks: T[],
	labels: { id: string; label: string; name: string | null }[]
) {
	const byId = new Map(labels.map((l) => [l.id, l.name ? `${l.label} (${l.name})` : l.label]));
	return tasks.map((t) => ({
		...t,
		purpose: t.kind === 'talk_about_consent' ? t.subject : null,
		relative: t.kind === 'talk_about_delegation' && t.subject !== NEW_RELATIVE ? (byId.get(t.subject) ?? null) : null,
		newRelative: t.kind === 'talk_about_delegation' && t.subject === NEW_RELATIVE
	}));
}

function openTasksQuery(db: Db, where: ReturnType<typeof and>) {
	return db
		.select({
			id: staffTasks.id,
			citizenId: staffTasks.citizenId,
			kind: staffTasks.kind,
			subject: staffTasks.subject,
			createdAt: staffTasks.createdAt,
			assigneeId: staffTasks.assigneeId,
			assigneeName: people.displayName,
			assigneeGivenName: people.givenName
		})
		.from(staffTasks)
		.leftJoin(people, eq(people.id, staffTasks.assigneeId))
		.where(where)
		.orderBy(desc(staffTasks.createdAt));
}

/** The citizen's own open talks: the reminders on the home page and beside each consent. */
export async function openTalksOf(db: Db, grant: Grant) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen sees their reminders');
	const [rows, labels] = await readTogether(db, openTalkReads(db, grant.citizenId));
	return openTalksFrom(rows, labels);
}

/**
 * openTalksOf's reads, to go with others (the caller has checked it is the citizen's own read): the
 * open tasks, and the relatives' access they are about, found through the tasks as a subquery (as
 * withSubjects finds them by the tasks' subjects), so both go in one round trip.
 */
export function openTalkReads(db: Db, citizenId: string | SQLWrapper) {
	const open = and(eq(staffTasks.citizenId, citizenId), isNull(staffTasks.doneAt));
	const aboutRelatives = db
		.select({ subject: staffTasks.subject })
		.from(staffTasks)
		.where(and(open, eq(staffTasks.kind, 'talk_about_delegation'), ne(staffTasks.subject, NEW_RELATIVE)));
	return [
		openTasksQuery(db, open),
		db
			.select({ id: relativeDelegations.id, label: relativeDelegations.label, name: people.displayName })
			.from(relativeDelegations)
			.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(
				and(
					eq(relativeDelegations.citizenId, citizenId),
					// A subject is text; a delegation's id as text is what a subject naming it holds.
					inArray(sql`${relativeDelegations.id}::text`, aboutRelatives)
				)
			)
	] as const;
}

type TalkReads = ReturnType<typeof openTalkReads>;
export function openTalksFrom(rows: Awaited<TalkReads[0]>, labels: Awaited<TalkReads[1]>) {
	return subjectsOf(rows, labels);
}

/** A professional's view of one citizen's open talks (the staff citizen page). */
export async function openTalksForStaff(db: Db, grant: Grant<'support_tasks', 'read'>) {
	requireRelation(grant, 'professional');
	const rows = await openTasksQuery(db, and(eq(staffTasks.citizenId, grant.citizenId), isNull(staffTasks.doneAt)));
	return withSubjects(db, grant.citizenId, rows);
}

/**
 * The open talks assigned to this professional, across their caseload (the caseload page):
 * `citizensWithOpenTalks` finds whose (a read to go with the page's others), `openTalksAssignedTo`
 * reads each such citizen's tasks through the policy, so the read is in that citizen's access log.
 */
export function citizensWithOpenTalks(db: Db, professionalId: string | SQLWrapper, caseload: string[] | SQLWrapper) {
	return db
		.selectDistinct({ citizenId: staffTasks.citizenId })
		.from(staffTasks)
		.where(
			and(eq(staffTasks.assigneeId, professionalId), isNull(staffTasks.doneAt), inArray(staffTasks.citizenId, caseload))
		);
}

export async function openTalksAssignedTo(db: Db, professional: SessionUser, ids: string[], now = new Date()) {
	if (ids.length === 0) return [];
	const grants = await grantEach(db, professional, ids, 'support_tasks', 'read', { now, refused: 'throw' });
	const out = [];
	for (const [citizenId, grant] of grants) {
		const [citizen] = await db
			.select({ name: people.displayName })
			.from(people)
			.where(eq(people.id, citizenId))
			.limit(1);
		const rows = await openTasksQuery(
			db,
			and(
				eq(staffTasks.citizenId, grant.citizenId),
				eq(staffTasks.assigneeId, professional.id),
				isNull(staffTasks.doneAt)
			)
		);
		for (const task of await withSubjects(db, citizenId, rows)) out.push({ ...task, citizenName: citizen?.name ?? '' });
	}
	return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** A professional marks a talk as done. Marking it again changes nothing; another citizen's task is not found. */
export async function markTalkDone(db: Db, grant: Grant<'support_tasks', 'write'>, taskId: string, now = new Date()) {
	requireRelation(grant, 'professional');
	const [task] = await db
		.select()
		.from(staffTasks)
		.where(and(eq(staffTasks.id, taskId), eq(staffTasks.citizenId, grant.citizenId)))
		.limit(1);
	if (!task) throw new DomainError('not_found');
	if (task.doneAt) return task;
	const [done] = await db
		.update(staffTasks)
		.set({ doneAt: now, doneBy: grant.actor.id, updatedAt: now })
		.where(and(eq(staffTasks.id, task.id), isNull(staffTasks.doneAt)))
		.returning();
	return done ?? task;
}
