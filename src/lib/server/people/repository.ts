import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db';
import { careAssignments, people, relativeDelegations } from '../db/schema';
import { copenhagenDate } from '../../meetings/time';

export async function personName(db: Db, personId: string) {
	const [row] = await db
		.select({ id: people.id, displayName: people.displayName, givenName: people.givenName })
		.from(people)
		.where(eq(people.id, personId))
		.limit(1);
	return row ?? null;
}

/** The professionals working with a citizen now, with their role and how to reach them. */
export async function careTeamOf(db: Db, citizenId: string, now = new Date()) {
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
				lte(careAssignments.startsOn, copenhagenDate(now)),
				or(isNull(careAssignments.endsOn), gte(careAssignments.endsOn, copenhagenDate(now)))
			)
		)
		.orderBy(asc(careAssignments.role));
}

/** Summary rows for a list of citizens (a caseload). */
export async function citizensByIds(db: Db, ids: string[]) {
	if (ids.length === 0) return [];
	return db
		.select({ id: people.id, displayName: people.displayName, givenName: people.givenName })
		.from(people)
		.where(inArray(people.id, ids))
		.orderBy(asc(people.displayName));
}

/** The citizens who have delegated access to this relative, with the state of each delegation. */
export async function delegationsOfRelative(db: Db, relativeId: string) {
	return db
		.select({
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
		.orderBy(asc(people.displayName));
}
