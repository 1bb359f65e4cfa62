import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db';
import { careAssignments, people } from '../db/schema';
import type { ProfessionalRole } from '../../domain';
import { copenhagenDate } from '../../meetings/time';

/**
 * The citizen's contact person (kontaktperson): whom they talk to first, and the one professional
 * who sees what the citizen marks "only for me and my contact person" (a private topic). In the
 * policy because it decides access; the support tasks use the same answer.
 */

/** Whom the citizen talks to first, as on the help page: the contact person, else the next in line. */
const FIRST_CONTACT: readonly ProfessionalRole[] = [
	'contact_person',
	'support_worker',
	'mentor',
	'resource_consultant',
	'job_consultant',
	'caseworker'
];

/** The citizen's contact person now (care_assignments), or null when nobody is assigned. */
export async function contactPersonOf(db: Db, citizenId: string, now = new Date()) {
	const rows = await db
		.select({ id: people.id, name: people.displayName, givenName: people.givenName, role: careAssignments.role })
		.from(careAssignments)
		.innerJoin(people, eq(people.id, careAssignments.professionalId))
		.where(
			and(
				eq(careAssignments.citizenId, citizenId),
				lte(careAssignments.startsOn, copenhagenDate(now)),
				or(isNull(careAssignments.endsOn), gte(careAssignments.endsOn, copenhagenDate(now)))
			)
		)
		.orderBy(asc(careAssignments.startsOn));
	const rank = (role: ProfessionalRole) => FIRST_CONTACT.indexOf(role);
	return [...rows].sort((a, b) => rank(a.role) - rank(b.role))[0] ?? null;
}
