import { asc, eq } from 'drizzle-orm';
import { crisisContacts, crisisPlans } from '../db/schema';
import { exportSection } from '../export/section';

/** The crisis plan and the people to call. */
export const crisisSection = exportSection({
	async load({ db, citizenId }) {
		const [[crisis], contacts] = await Promise.all([
			db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, citizenId)),
			db
				.select()
				.from(crisisContacts)
				.where(eq(crisisContacts.citizenId, citizenId))
				.orderBy(asc(crisisContacts.position))
		]);
		return {
			mentions: [crisis?.updatedBy],
			json: (nameOf) => ({
				crisisPlan: crisis
					? {
							warningSigns: crisis.warningSigns,
							whatHelps: crisis.whatHelps,
							updatedAt: crisis.updatedAt.toISOString(),
							updatedBy: nameOf(crisis.updatedBy)
						}
					: null,
				crisisContacts: contacts.map((c) => ({ name: c.name, phone: c.phone, note: c.note }))
			})
		};
	}
});
