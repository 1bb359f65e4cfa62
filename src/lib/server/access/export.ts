import { asc, desc, eq } from 'drizzle-orm';
import { accessLog, recordRequests } from '../db/schema';
import { exportSection } from '../export/section';

/** Who looked at what, newest first; and the citizen's requests for aktindsigt. */
export const accessSection = exportSection({
	async load({ db, citizenId }) {
		const [accessRows, requestRows] = await Promise.all([
			db
				.select()
				.from(accessLog)
				.where(eq(accessLog.citizenId, citizenId))
				.orderBy(desc(accessLog.at), desc(accessLog.id)),
			db
				.select()
				.from(recordRequests)
				.where(eq(recordRequests.citizenId, citizenId))
				.orderBy(asc(recordRequests.createdAt))
		]);
		return {
			mentions: accessRows.map((a) => a.actorId),
			json: (nameOf) => ({
				accessLog: accessRows.map((a) => ({
					at: a.at.toISOString(),
					who: nameOf(a.actorId),
					role: a.actorRole,
					action: a.action,
					resource: a.resource,
					resourceId: a.resourceId,
					detail: a.detail,
					outcome: a.outcome
				})),
				recordRequests: requestRows.map((r) => ({
					id: r.id,
					message: r.message,
					status: r.status,
					createdAt: r.createdAt.toISOString(),
					updatedAt: r.updatedAt.toISOString()
				}))
			})
		};
	}
});
