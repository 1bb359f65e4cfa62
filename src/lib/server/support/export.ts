import { asc, eq } from 'drizzle-orm';
import { consentSupporters, staffTasks } from '../db/schema';
import { exportSection, iso } from '../export/section';

/**
 * The people who help the citizen decide, and "I want to talk about it first": what the citizen
 * asked to talk about, and with whom.
 */
export const supportSection = exportSection({
	async load({ db, citizenId }) {
		const [supporterRows, taskRows] = await Promise.all([
			db
				.select()
				.from(consentSupporters)
				.where(eq(consentSupporters.citizenId, citizenId))
				.orderBy(asc(consentSupporters.createdAt)),
			db.select().from(staffTasks).where(eq(staffTasks.citizenId, citizenId)).orderBy(asc(staffTasks.createdAt))
		]);
		return {
			mentions: taskRows.flatMap((t) => [t.assigneeId, t.doneBy]),
			json: (nameOf) => ({
				consentSupporters: supporterRows.map((c) => ({
					name: c.name,
					phone: c.phone,
					usesTheApp: c.supporterId !== null,
					createdAt: c.createdAt.toISOString(),
					revokedAt: iso(c.revokedAt)
				})),
				talkTasks: taskRows.map((t) => ({
					kind: t.kind,
					subject: t.subject,
					note: t.note,
					contactPerson: nameOf(t.assigneeId),
					createdAt: t.createdAt.toISOString(),
					doneAt: iso(t.doneAt),
					doneBy: nameOf(t.doneBy)
				}))
			})
		};
	}
});
