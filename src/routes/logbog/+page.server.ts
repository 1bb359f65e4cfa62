import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { logCommentSchema } from '$lib/logbook/schemas';
import { commentOnEntry, logFor, markSeen } from '$lib/server/logbook/service';
import { formObject, parseForm } from '$lib/validation';
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
		const values = formObject(await event.request.formData());
		const parsed = parseForm(logCommentSchema, values);
		if (!parsed.ok) return fail(400, { target: values.entryId, errors: parsed.errors, values });
		try {
			await commentOnEntry(db, grant, parsed.data);
		} catch (cause) {
			if (cause instanceof DomainError) error(404, { message: 'errors.not_found', code: 'not_found' });
			throw cause;
		}
		return { target: values.entryId, done: true };
	}
} satisfies Actions;
