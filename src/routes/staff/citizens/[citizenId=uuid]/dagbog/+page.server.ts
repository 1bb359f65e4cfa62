import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { entriesSharedWith } from '$lib/server/diary/service';
import { personName } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';

/** Only the diary entries the citizen has shared with this professional, now. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'diary', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, entries] = await Promise.all([personName(db, grant.citizenId), entriesSharedWith(db, grant)]);
	if (!citizen) error(404, { message: 'errors.not_found', code: 'not_found' });
	return {
		title: 'pages.staffDiary.title',
		citizen,
		entries: entries.map((e) => ({ id: e.id, mood: e.mood, text: e.text, writtenFor: e.writtenFor.toISOString() }))
	};
}) satisfies PageServerLoad;
