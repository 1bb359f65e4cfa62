import { asc, eq, inArray } from 'drizzle-orm';
import { logComments, logEntries } from '../db/schema';
import { exportSection, iso } from '../export/section';

/** The logbook the professionals write, with when the citizen read it and what they answered. */
export const logbookSection = exportSection({
	async load({ db, citizenId }) {
		const logRows = await db
			.select()
			.from(logEntries)
			.where(eq(logEntries.citizenId, citizenId))
			.orderBy(asc(logEntries.createdAt));
		const logIds = logRows.map((l) => l.id);
		const comments = logIds.length
			? await db
					.select()
					.from(logComments)
					.where(inArray(logComments.entryId, logIds))
					.orderBy(asc(logComments.createdAt))
			: [];
		return {
			mentions: [...logRows.map((l) => l.authorId), ...comments.map((c) => c.authorId)],
			json: (nameOf) => ({
				log: logRows.map((l) => ({
					id: l.id,
					author: nameOf(l.authorId),
					subgoalId: l.subgoalId,
					text: l.text,
					createdAt: l.createdAt.toISOString(),
					readByCitizenAt: iso(l.readByCitizenAt),
					comments: comments
						.filter((c) => c.entryId === l.id)
						.map((c) => ({
							author: nameOf(c.authorId),
							text: c.text,
							disagrees: c.disagrees,
							createdAt: c.createdAt.toISOString()
						}))
				}))
			})
		};
	}
});
