import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { crisisContacts, crisisPlans, organisationContacts, organisations } from '../db/schema';
import { currentCourse } from '../plan/repository';

/** The citizen's crisis plan, their own people to call, and their organisation's contact list. */
export async function crisisPlanOf(db: Db, citizenId: string) {
	const course = await currentCourse(db, citizenId);
	const [plan, own, organisation] = await Promise.all([
		db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, citizenId)).limit(1),
		db
			.select()
			.from(crisisContacts)
			.where(eq(crisisContacts.citizenId, citizenId))
			.orderBy(asc(crisisContacts.position)),
		course
			? db
					.select({ contact: organisationContacts, organisation: organisations.name })
					.from(organisationContacts)
					.innerJoin(organisations, eq(organisations.id, organisationContacts.organisationId))
					.where(eq(organisationContacts.organisationId, course.course.organisationId))
					.orderBy(asc(organisationContacts.createdAt))
			: Promise.resolve([])
	]);
	return {
		warningSigns: plan[0]?.warningSigns ?? '',
		whatHelps: plan[0]?.whatHelps ?? '',
		updatedAt: plan[0]?.updatedAt.toISOString() ?? null,
		ownContacts: own.map((c) => ({ id: c.id, name: c.name, phone: c.phone, note: c.note })),
		// 112 has its own box at the top of the page; no need to list it twice.
		organisationContacts: organisation
			.filter((o) => o.contact.phone.replace(/\D/g, '') !== '112')
			.map((o) => ({
				id: o.contact.id,
				name: o.contact.name,
				phone: o.contact.phone,
				description: o.contact.description,
				hours: o.contact.hours
			}))
	};
}
