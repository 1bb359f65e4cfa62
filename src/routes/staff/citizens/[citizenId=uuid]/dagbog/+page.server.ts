import type { PageServerLoad } from './$types';
import { entriesSharedWith } from '$lib/server/diary/service';
import { personName } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';

/** Only the diary entries the citizen has shared with this professional, now. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'diary', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, entries] = await Promise.all([personName(db, grant.citizenId), entriesSharedWith(db, grant)]);
	if (!citizen) notFound();
	return {
		title: 'pages.staffDiary.title',
		citizen,
		entries: entries.map((e) => ({
			id: e.id,
			mood: e.mood,
			text: e.text,
			writtenFor: e.writtenFor.toISOString(),
			audioId: e.audioId,
			audioMs: e.audioMs
		}))
	};
}) satisfies PageServerLoad;
