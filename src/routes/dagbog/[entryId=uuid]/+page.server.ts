import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { diaryEditSchema } from '$lib/diary/schemas';
import { DomainError, StaleWriteError } from '$lib/errors';
import { editEntry, entryVersions, ownEntryById } from '$lib/server/diary/service';
import { formObject, parseForm } from '$lib/validation';
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
		if (cause instanceof DomainError) error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { grant, db } = await guard.citizen(event, 'diary', 'write');
		await limit.page(event, 'diary');
		const values = formObject(await event.request.formData());
		const parsed = parseForm(diaryEditSchema, { ...values, id: event.params.entryId });
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		try {
			await editEntry(db, grant, parsed.data);
		} catch (cause) {
			if (cause instanceof StaleWriteError) return fail(409, { stale: true, values });
			if (cause instanceof DomainError) error(404, { message: 'errors.not_found', code: 'not_found' });
			throw cause;
		}
		return { saved: true };
	}
} satisfies Actions;
