import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { logEntrySchema } from '$lib/logbook/schemas';
import { diaryFormOptions } from '$lib/server/diary/form-options';
import { logFor, writeLogEntry } from '$lib/server/logbook/service';
import { personName } from '$lib/server/people/repository';
import { formObject, parseForm } from '$lib/validation';
import { guard } from '$lib/server/policy/guard';

/** The professional writes the log; the citizen sees every entry, and the professional sees their answers. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'log', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, entries, options] = await Promise.all([
		personName(db, grant.citizenId),
		logFor(db, grant),
		diaryFormOptions(db, grant.citizenId)
	]);
	if (!citizen) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { title: 'pages.staffLog.title', citizen, entries, subgoals: options.subgoals };
}) satisfies PageServerLoad;

export const actions = {
	write: async (event) => {
		const { grant, db } = await guard.citizen(event, 'log', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const values = formObject(await event.request.formData());
		const parsed = parseForm(logEntrySchema, values);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		try {
			await writeLogEntry(db, grant, parsed.data);
		} catch (cause) {
			if (cause instanceof DomainError)
				return fail(400, { errors: { subgoalId: 'validation.unknown' } as Record<string, string>, values });
			throw cause;
		}
		return { saved: true };
	}
} satisfies Actions;
