import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { diaryEntrySchema, diaryShareSchema } from '$lib/diary/schemas';
import { DomainError } from '$lib/errors';
import { entriesSharedWith, moodStrip, ownEntries, setSharing, writeEntry } from '$lib/server/diary/service';
import { shareTargets } from '$lib/server/diary/share-targets';
import { diaryFormOptions } from '$lib/server/diary/form-options';
import { formObject, parseForm } from '$lib/validation';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';

/** The diary: write in a few taps, see the last weeks as faces, choose who sees each entry. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'diary', 'read');
	if (grant.relation.kind !== 'self') {
		// A relative with the shared-diary scope sees only what the citizen has shared with them.
		return { title: 'pages.diary.title', isSelf: false as const, shared: await entriesSharedWith(db, grant) };
	}
	const subgoalId = event.url.searchParams.get('delmaal');
	const filter = subgoalId && /^[0-9a-f-]{36}$/.test(subgoalId) ? subgoalId : null;
	const [own, strip, targets, options] = await Promise.all([
		ownEntries(db, grant, { subgoalId: filter }),
		moodStrip(db, grant, { subgoalId: filter }),
		shareTargets(db, grant.citizenId),
		diaryFormOptions(db, grant.citizenId)
	]);
	return {
		title: 'pages.diary.title',
		isSelf: true as const,
		// Made here so a form posted twice without JavaScript still stores one entry.
		newId: crypto.randomUUID(),
		filter,
		entries: own.entries.map((e) => ({
			id: e.id,
			mood: e.mood,
			text: e.text,
			writtenFor: e.writtenFor.toISOString(),
			subgoalId: e.subgoalId,
			sharedWith: e.sharedWith,
			edited: e.version > 1
		})),
		strip,
		targets,
		options
	};
}) satisfies PageServerLoad;

export const actions = {
	write: async (event) => {
		const { grant, db } = await guard.citizen(event, 'diary', 'write');
		await limit.page(event, 'diary');
		const values = formObject(await event.request.formData());
		const parsed = parseForm(diaryEntrySchema, values);
		if (!parsed.ok) return fail(400, { action: 'write', errors: parsed.errors, values });
		try {
			await writeEntry(db, grant, parsed.data);
		} catch (cause) {
			if (cause instanceof DomainError)
				return fail(409, {
					action: 'write',
					errors: { form: cause.code === 'conflict' ? 'validation.conflict' : 'validation.unknown' },
					values
				});
			throw cause;
		}
		redirect(303, '/dagbog?saved=1');
	},
	share: async (event) => {
		const { grant, db } = await guard.citizen(event, 'diary', 'write');
		await limit.page(event, 'diary');
		const parsed = parseForm(diaryShareSchema, formObject(await event.request.formData()));
		if (!parsed.ok) return fail(400, { action: 'share', errors: parsed.errors });
		try {
			await setSharing(db, grant, parsed.data.entryId, parsed.data.personId, parsed.data.share === 'on');
		} catch (cause) {
			if (cause instanceof DomainError) return fail(400, { action: 'share', errors: { form: 'validation.unknown' } });
			throw cause;
		}
		return { action: 'share', done: true };
	}
} satisfies Actions;
