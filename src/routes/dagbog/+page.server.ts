import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { diaryEntrySchema, diaryShareSchema } from '$lib/diary/schemas';
import { DomainError, FieldError } from '$lib/errors';
import { diaryPage, entriesSharedWith, setSharing, writeEntry } from '$lib/server/diary/service';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { isUuid } from '$lib/uuid';

/** The diary: write in a few taps, see the last weeks as faces, choose who sees each entry. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'diary', 'read');
	if (grant.relation.kind !== 'self') {
		// A relative with the shared-diary scope sees only what the citizen has shared with them.
		return { title: 'pages.diary.title', isSelf: false as const, shared: await entriesSharedWith(db, grant) };
	}
	const subgoalId = event.url.searchParams.get('delmaal');
	const filter = subgoalId && isUuid(subgoalId) ? subgoalId : null;
	// The entry whose "who may see it" comes open with its switches (the link a closed list has
	// without a script). Not an id: ignored, as an id of no entry on the page opens nothing.
	const del = event.url.searchParams.get('del');
	const shareOpen = del && isUuid(del) ? del : null;
	const { own, strip, targets, options } = await diaryPage(db, grant, { subgoalId: filter });
	return {
		title: 'pages.diary.title',
		isSelf: true as const,
		// Made here so a form posted twice without JavaScript still stores one entry.
		newId: crypto.randomUUID(),
		filter,
		shareOpen,
		entries: own.entries.map((e) => ({
			id: e.id,
			mood: e.mood,
			text: e.text,
			writtenFor: e.writtenFor.toISOString(),
			subgoalId: e.subgoalId,
			sharedWith: e.sharedWith,
			edited: e.version > 1,
			audioId: e.audioId,
			audioMs: e.audioMs
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
		return formAction(event, {
			action: 'write',
			schema: diaryEntrySchema,
			run: async (data) => {
				await writeEntry(db, grant, data);
				redirect(303, '/dagbog?saved=1');
			}
		});
	},
	share: async (event) => {
		const { grant, db } = await guard.citizen(event, 'diary', 'write');
		await limit.page(event, 'diary');
		return formAction(event, {
			action: 'share',
			// The entry, so the answer without a script shows its list open, the switch just changed in it.
			target: 'entryId',
			schema: diaryShareSchema,
			run: async (data) => {
				try {
					await setSharing(db, grant, data.entryId, data.personId, data.share === 'on');
				} catch (cause) {
					// An entry or a person that is not there to share with: one plain message by the form.
					if (cause instanceof DomainError) throw new FieldError('form', 'validation.unknown');
					throw cause;
				}
			}
		});
	}
} satisfies Actions;
