import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedReads } from '../db/read-together';
import { courses, crisisContacts, crisisPlans, organisationContacts, people } from '../db/schema';
import { currentCourseId } from '../plan/repository';

/** crisisPlanOf's three reads, built once (preparedReads). */
const crisisPlanReads = preparedReads('crisis_plan', ['citizenId'], (db, p) => {
	const organisationOfCourse = db
		.select({ id: courses.organisationId })
		.from(courses)
		.where(eq(courses.id, currentCourseId(p.citizenId)));
	return [
		db
			.select({
				plan: {
					warningSigns: crisisPlans.warningSigns,
					whatHelps: crisisPlans.whatHelps,
					updatedAt: crisisPlans.updatedAt,
					updatedBy: crisisPlans.updatedBy
				},
				updatedByName: people.displayName
			})
			.from(crisisPlans)
			.leftJoin(people, eq(people.id, crisisPlans.updatedBy))
			.where(eq(crisisPlans.citizenId, p.citizenId))
			.limit(1),
		db
			.select({
				id: crisisContacts.id,
				name: crisisContacts.name,
				phone: crisisContacts.phone,
				note: crisisContacts.note
			})
			.from(crisisContacts)
			.where(eq(crisisContacts.citizenId, p.citizenId))
			.orderBy(asc(crisisContacts.position)),
		db
			.select({
				contact: {
					id: organisationContacts.id,
					name: organisationContacts.name,
					phone: organisationContacts.phone,
					description: organisationContacts.description,
					hours: organisationContacts.hours,
					textKey: organisationContacts.textKey
				}
			})
			.from(organisationContacts)
			.where(inArray(organisationContacts.organisationId, organisationOfCourse))
			.orderBy(asc(organisationContacts.createdAt))
	] as const;
});

/**
 * The citizen's crisis plan, their own people to call, and their organisation's contact list, in
 * one round trip: the organisation is the current course's, found by the same choice as
 * currentCourse (currentCourseId), so the list need not wait for the course. Only the columns the
 * page shows.
 */
export async function crisisPlanOf(db: Db, citizenId: string) {
	const [plan, own, organisation] = await crisisPlanReads(db, { citizenId });
	const saved = plan[0]?.plan;
	return {
		warningSigns: saved?.warningSigns ?? '',
		whatHelps: saved?.whatHelps ?? '',
		updatedAt: saved?.updatedAt.toISOString() ?? null,
		/** Set when someone other than the citizen saved it last: the page says who. */
		updatedByOther:
			saved?.updatedBy && saved.updatedBy !== citizenId && plan[0].updatedByName ? plan[0].updatedByName : null,
		ownContacts: own.map((c) => ({ id: c.id, name: c.name, phone: c.phone, note: c.note })),
		// 112 has its own box at the top of the page; no need to list it twice.
		organisationContacts: organisation
			.filter((o) => o.contact.phone.replace(/\D/g, '') !== '112')
			.map((o) => ({
				id: o.contact.id,
				name: o.contact.name,
				phone: o.contact.phone,
				description: o.contact.description,
				hours: o.contact.hours,
				// A known line: the page shows its texts in the person's language (src/lib/crisis/lines.ts).
				textKey: o.contact.textKey
			}))
	};
}

/** Saves warning signs and what helps; the citizen or their professional writes it. Stale saves are refused. */
export async function saveCrisisPlan(
	db: Db,
	citizenId: string,
	updatedBy: string,
	input: { warningSigns: string | null; whatHelps: string | null; version: number }
) {
	const [existing] = await db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, citizenId));
	if (!existing) {
		if (input.version !== 1) return null;
		const [created] = await db
			.insert(crisisPlans)
			.values({ citizenId, updatedBy, warningSigns: input.warningSigns ?? '', whatHelps: input.whatHelps ?? '' })
			.returning();
		return created;
	}
	const [updated] = await db
		.update(crisisPlans)
		.set({
			warningSigns: input.warningSigns ?? '',
			whatHelps: input.whatHelps ?? '',
			updatedBy,
			version: existing.version + 1
		})
		.where(and(eq(crisisPlans.citizenId, citizenId), eq(crisisPlans.version, input.version)))
		.returning();
	return updated ?? null;
}

export async function crisisPlanVersion(db: Db, citizenId: string) {
	const [row] = await db
		.select({ version: crisisPlans.version })
		.from(crisisPlans)
		.where(eq(crisisPlans.citizenId, citizenId));
	return row?.version ?? 1;
}

export async function addCrisisContact(
	db: Db,
	citizenId: string,
	contact: { name: string; phone: string; note: string | null }
) {
	const [{ last }] = await db
		.select({ last: max(crisisContacts.position) })
		.from(crisisContacts)
		.where(eq(crisisContacts.citizenId, citizenId));
	await db.insert(crisisContacts).values({ citizenId, ...contact, position: (last ?? -1) + 1 });
}

export async function removeCrisisContact(db: Db, citizenId: string, contactId: string) {
	const removed = await db
		.delete(crisisContacts)
		.where(and(eq(crisisContacts.id, contactId), eq(crisisContacts.citizenId, citizenId)))
		.returning({ id: crisisContacts.id });
	return removed.length > 0;
}
