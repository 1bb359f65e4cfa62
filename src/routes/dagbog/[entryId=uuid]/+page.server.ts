import type { Actions, PageServerLoad } from './$types';
import { diaryEditSchema } from '$lib/diary/schemas';
import { DomainError } from '$lib/errors';
import { editEntry, entryVersions, ownEntryById } from '$lib/server/diary/service';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';

/** Editing one's own diary entry; earlier versions stay and are listed. */
export const load = (async (event) => {
	const { grant, db } = await guard.ownData(event, 'diary', 'read');
	try {
		const versions = await entryVersions(db, grant, event.params.entryId);
		const own = await ownEntryById(db, grant, event.params.entryId);
		return {
			title: 'pages.diary.editTitle',
			entry: own,
			versions: versions.map((v) => ({ version: v.version, mood: v.mood, text: v.text, at: v.createdAt.toISOString() }))
		};
	} catch (cause) {
		if (cause instanceof DomainError) notFound();
		throw cause;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { grant, db } = await guard.citizen(event, 'diary', 'write');
		await limit.page(event, 'diary');
		return formAction(event, {
			action: 'edit',
			schema: diaryEditSchema,
			fixed: { id: event.params.entryId },
			run: (data) => editEntry(db, grant, data),
			answer: () => ({ saved: true })
		});
	}
} satisfies Actions;
