import { and, asc, eq, gte, inArray, isNull, lte, or, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { careAssignments, people, relativeDelegations } from '../db/schema';
import { copenhagenDate } from '../../meetings/time';
import { currentDelegationFirst } from '../policy';

export async function personName(db: Db, personId: string) {
	const [row] = await personNameRows(db, personId);
	return row ?? null;
}

/** The read behind personName, to go with others (src/lib/server/db/read-together.ts). */
export function personNameRows(db: Db, personId: string | SQLWrapper) {
	return db
		.select({ id: people.id, displayName: people.displayName, givenName: people.givenName })
		.from(people)
		.where(eq(people.id, personId))
		.limit(1);
}

/** The professionals working with a citizen now, with their role and how to reach them. */
export function careTeamOf(db: Db, citizenId: string, now = new Date()) {
	return careTeamRows(db, citizenId, copenhagenDate(now));
}

/** The same read, with the day as a value or a placeholder (src/lib/server/db/read-together.ts). */
export function careTeamRows(db: Db, citizenId: string | SQLWrapper, today: string | SQLWrapper) {
	return db
		.select({
			id: people.id,
			displayName: people.displayName,
			phone: people.phone,
			email: people.email,
			availability: people.availability,
			role: careAssignments.role
		})
		.from(careAssignments)
		.innerJoin(people, eq(people.id, careAssignments.professionalId))
		.where(
			and(
				eq(careAssignments.citizenId, citizenId),
				lte(careAssignments.startsOn, today),
				or(isNull(careAssignments.endsOn), gte(careAssignments.endsOn, today))
			)
		)
		.orderBy(asc(careAssignments.role));
}

/** Summary rows for a list of citizens (a caseload). */
export function citizensByIds(db: Db, ids: string[] | SQLWrapper) {
	return db
		.select({ id: people.id, displayName: people.displayName, givenName: people.givenName })
		.from(people)
		.where(inArray(people.id, ids))
		.orderBy(asc(people.displayName));
}

/**
 * The citizens who have delegated access to this relative: one row per citizen, with the
 * delegation that counts now (the one in force, else the most telling one, as the policy ranks
 * them). A citizen who stopped the relative and invited them again has several delegations for
 * the same person; only one of them may be shown or chosen.
 */
export async function delegationsOfRelative(db: Db, relativeId: string, now = new Date()) {
	const rows = await db
		.selectDistinctOn([relativeDelegations.citizenId], {
			id: relativeDelegations.id,
			citizenId: relativeDelegations.citizenId,
			citizenName: people.displayName,
			citizenGivenName: people.givenName,
			status: relativeDelegations.status,
			scopes: relativeDelegations.scopes,
			confirmedAt: relativeDelegations.confirmedAt,
			expiresAt: relativeDelegations.expiresAt,
			revokedAt: relativeDelegations.revokedAt
		})
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.citizenId))
		.where(eq(relativeDelegations.relativeId, relativeId))
		.orderBy(relativeDelegations.citizenId, ...currentDelegationFirst(now));
	return rows.sort((a, b) => a.citizenName.localeCompare(b.citizenName, 'da'));
}
