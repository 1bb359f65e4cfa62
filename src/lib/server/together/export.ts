import { asc, eq, inArray } from 'drizzle-orm';
import { togetherEvents, togetherSessions } from '../db/schema';
import { exportSection, iso } from '../export/section';

/** Who looked at the plan together with the citizen, and each thing pointed at or written there. */
export const togetherSection = exportSection({
	async load({ db, citizenId }) {
		const togetherRows = await db
			.select()
			.from(togetherSessions)
			.where(eq(togetherSessions.citizenId, citizenId))
			.orderBy(asc(togetherSessions.createdAt));
		const togetherIds = togetherRows.map((t) => t.id);
		const eventRows = togetherIds.length
			? await db
					.select()
					.from(togetherEvents)
					.where(inArray(togetherEvents.sessionId, togetherIds))
					.orderBy(asc(togetherEvents.seq))
			: [];
		return {
			mentions: [
				...togetherRows.flatMap((t) => [t.professionalId, t.relativeId, t.startedBy, t.endedBy]),
				...eventRows.map((e) => e.senderId)
			],
			json: (nameOf) => ({
				togetherSessions: togetherRows.map((t) => ({
					professional: nameOf(t.professionalId),
					relative: nameOf(t.relativeId),
					meetingId: t.meetingId,
					startedBy: nameOf(t.startedBy),
					status: t.status,
					createdAt: t.createdAt.toISOString(),
					acceptedAt: iso(t.acceptedAt),
					endedAt: iso(t.endedAt),
					endedBy: nameOf(t.endedBy),
					events: eventRows
						.filter((e) => e.sessionId === t.id)
						.map((e) => ({ by: nameOf(e.senderId), kind: e.kind, details: e.payload, at: e.at.toISOString() }))
				}))
			})
		};
	}
});
