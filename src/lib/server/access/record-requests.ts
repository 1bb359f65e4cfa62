import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { recordRequests } from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';

/**
 * Requests for formal aktindsigt. The citizen sends one with a button (a message is optional);
 * the caseworker sees the requests of the citizens on their caseload and marks them in progress
 * or answered. The answer itself goes through the municipality's own case system.
 */

/** The citizen and their caseworker both write record requests: which one acts, the policy's relation says. */
function requireRelation(grant: Grant<'record_requests', 'write'>, who: 'self' | 'professional') {
	if (grant.relation.kind !== who) throw new DomainError('invalid', 'Wrong grant for record requests');
}

export async function requestRecords(
	db: Db,
	grant: Grant<'record_requests', 'write'>,
	message: string | null,
	now = new Date()
) {
	requireRelation(grant, 'self');
	const [row] = await db
		.insert(recordRequests)
		.values({ citizenId: grant.citizenId, message, status: 'sent', createdAt: now, updatedAt: now })
		.returning();
	return row;
}

/** The citizen's own requests, newest first; for a professional, the requests of that citizen. */
export async function requestsOf(db: Db, grant: Grant<'record_requests', 'read'>) {
	return db
		.select()
		.from(recordRequests)
		.where(eq(recordRequests.citizenId, grant.citizenId))
		.orderBy(desc(recordRequests.createdAt));
}

/**
 * Which of these citizens (the caseworker's caseload, decided by the policy) have asked at all: the
 * page then opens only their requests, each through the policy and logged. Without this, every
 * citizen on the caseload would read "saw that you asked for aktindsigt" although they never did.
 */
export async function citizensWithRequests(db: Db, citizenIds: string[]): Promise<Set<string>> {
	if (citizenIds.length === 0) return new Set();
	const rows = await db
		.selectDistinct({ citizenId: recordRequests.citizenId })
		.from(recordRequests)
		.where(inArray(recordRequests.citizenId, citizenIds));
	return new Set(rows.map((r) => r.citizenId));
}

/** The caseworker moves a request on; only forwards (sent → in progress → answered). */
export async function setRequestStatus(
	db: Db,
	grant: Grant<'record_requests', 'write'>,
	requestId: string,
	status: 'in_progress' | 'answered',
	now = new Date()
) {
	requireRelation(grant, 'professional');
	const [current] = await db
		.select()
		.from(recordRequests)
		.where(and(eq(recordRequests.id, requestId), eq(recordRequests.citizenId, grant.citizenId)))
		.limit(1);
	if (!current) throw new DomainError('not_found');
	const order = ['sent', 'in_progress', 'answered'];
	if (order.indexOf(status) <= order.indexOf(current.status)) throw new DomainError('conflict');
	const [row] = await db
		.update(recordRequests)
		.set({ status, updatedAt: now })
		.where(eq(recordRequests.id, current.id))
		.returning();
	return row;
}
