import { asc, eq, inArray } from 'drizzle-orm';
import { diaryEntries, diaryEntryVersions, diaryShares } from '../db/schema';
import { exportSection, iso } from '../export/section';

/** The diary, deleted entries too: every earlier version, and whom each entry was shared with. */
export const diarySection = exportSection({
	async load({ db, citizenId }) {
		const diary = await db
			.select()
			.from(diaryEntries)
			.where(eq(diaryEntries.citizenId, citizenId))
			.orderBy(asc(diaryEntries.writtenFor));
		const entryIds = diary.map((e) => e.id);
		const [versions, shares] = entryIds.length
			? await Promise.all([
					db
						.select()
						.from(diaryEntryVersions)
						.where(inArray(diaryEntryVersions.entryId, entryIds))
						.orderBy(asc(diaryEntryVersions.version)),
					db.select().from(diaryShares).where(inArray(diaryShares.entryId, entryIds))
				])
			: [[], []];
		return {
			mentions: shares.map((s) => s.sharedWith),
			json: (nameOf) => ({
				diary: diary.map((e) => ({
					id: e.id,
					mood: e.mood,
					text: e.text,
					writtenFor: e.writtenFor.toISOString(),
					subgoalId: e.subgoalId,
					copingStrategyId: e.copingStrategyId,
					version: e.version,
					deletedAt: iso(e.deletedAt),
					createdAt: e.createdAt.toISOString(),
					updatedAt: e.updatedAt.toISOString(),
					earlierVersions: versions
						.filter((v) => v.entryId === e.id)
						.map((v) => ({ version: v.version, mood: v.mood, text: v.text, createdAt: v.createdAt.toISOString() })),
					sharedWith: shares
						.filter((s) => s.entryId === e.id)
						.map((s) => ({
							name: nameOf(s.sharedWith),
							sharedAt: s.sharedAt.toISOString(),
							unsharedAt: iso(s.unsharedAt)
						}))
				}))
			})
		};
	}
});
