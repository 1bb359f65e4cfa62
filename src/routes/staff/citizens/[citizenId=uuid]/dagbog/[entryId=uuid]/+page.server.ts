import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { sharedEntry } from '$lib/server/diary/service';
import { guard } from '$lib/server/policy/guard';

/** One shared entry. Once the citizen stops sharing it, the next request is refused. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizenById(event, event.params.citizenId, 'diary', 'read');
	const entry = await sharedEntry(db, grant, event.params.entryId);
	if (!entry) error(403, { message: 'errors.forbidden.not_shared', code: 'not_shared' });
	return {
		title: 'pages.staffDiary.title',
		entry: { mood: entry.mood, text: entry.text, writtenFor: entry.writtenFor.toISOString() }
	};
}) satisfies PageServerLoad;
