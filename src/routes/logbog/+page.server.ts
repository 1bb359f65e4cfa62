import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { logCommentSchema } from '$lib/logbook/schemas';
import { commentOnEntry, logFor, markSeen } from '$lib/server/logbook/service';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { guard } from '$lib/server/policy/guard';

/** The professionals' log about the citizen: always shown to the citizen, new entries marked. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'log', 'read');
	const entries = await logFor(db, grant);
	// Shown as new this time; seen from the next visit on.
	await markSeen(
		db,
		grant,
		entries.filter((e) => e.isNew).map((e) => e.id)
	);
	return { title: 'pages.log.title', entries, isSelf: grant.relation.kind === 'self' };
}) satisfies PageServerLoad;

export const actions = {
	comment: async (event) => {
		const { grant, db } = await guard.citizen(event, 'log', 'write');
		return formAction(event, {
			action: 'comment',
			schema: logCommentSchema,
			target: 'entryId',
			run: async (data) => {
				try {
					await commentOnEntry(db, grant, data);
				} catch (cause) {
					// An entry that is not there, or not this citizen's: the same 404 either way.
					if (cause instanceof DomainError) notFound();
					throw cause;
				}
			}
		});
	}
} satisfies Actions;
