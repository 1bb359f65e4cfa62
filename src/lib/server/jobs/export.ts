import { asc, eq } from 'drizzle-orm';
import { notificationDeliveries } from '../db/schema';
import { exportSection } from '../export/section';

/** The notices sent to the citizen's phone: which kind, and when. */
export const notificationsSection = exportSection({
	async load({ db, citizenId }) {
		const noticeRows = await db
			.select({ kind: notificationDeliveries.kind, sentAt: notificationDeliveries.sentAt })
			.from(notificationDeliveries)
			.where(eq(notificationDeliveries.personId, citizenId))
			.orderBy(asc(notificationDeliveries.sentAt));
		return {
			mentions: [],
			json: () => ({ notifications: noticeRows.map((n) => ({ kind: n.kind, sentAt: n.sentAt.toISOString() })) })
		};
	}
});
