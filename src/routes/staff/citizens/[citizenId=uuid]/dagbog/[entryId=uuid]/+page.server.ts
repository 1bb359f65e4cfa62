import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { sharedEntry } from '$lib/server/diary/service';
import { guard } from '$lib/server/policy/guard';

/**
 * One shared entry. Once the citizen stops sharing it, the next request is refused. The policy logs
 * the read of this page, or (not shared with this professional) the refused attempt: never a read.
 */
export const load = (async (event) => {
	const entryId = event.params.entryId;
	const { grant, db } = await guard.citizen(event, 'diary', 'read', {
		citizenId: event.params.citizenId,
		staff: true,
		item: { id: entryId, visible: async (asked, db) => Boolean(await sharedEntry(db, asked, entryId)) }
	});
	const entry = await sharedEntry(db, grant, entryId);
	if (!entry) error(403, { message: 'errors.forbidden.not_shared', code: 'not_shared' });
	return {
		title: 'pages.staffDiary.title',
		entry: {
			mood: entry.mood,
			text: entry.text,
			writtenFor: entry.writtenFor.toISOString(),
			audioId: entry.audioId,
			audioMs: entry.audioMs
		}
	};
}) satisfies PageServerLoad;
