import type { Actions, PageServerLoad } from './$types';
import { DomainError, FieldError } from '$lib/errors';
import { logEntrySchema } from '$lib/logbook/schemas';
import { diaryFormOptions } from '$lib/server/diary/form-options';
import { logFor, writeLogEntry } from '$lib/server/logbook/service';
import { personName } from '$lib/server/people/repository';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { guard } from '$lib/server/policy/guard';

/** The professional writes the log; the citizen sees every entry, and the professional sees their answers. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'log', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, entries, options] = await Promise.all([
		personName(db, grant.citizenId),
		logFor(db, grant),
		diaryFormOptions(db, grant.citizenId)
	]);
	if (!citizen) notFound();
	return { title: 'pages.staffLog.title', citizen, entries, subgoals: options.subgoals };
}) satisfies PageServerLoad;

export const actions = {
	write: async (event) => {
		const { grant, db } = await guard.citizen(event, 'log', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'write',
			schema: logEntrySchema,
			run: async (data) => {
				try {
					await writeLogEntry(db, grant, data);
				} catch (cause) {
					// The only thing the service can refuse here is the delmål chosen.
					if (cause instanceof DomainError) throw new FieldError('subgoalId', 'validation.unknown');
					throw cause;
				}
			},
			answer: () => ({ saved: true })
		});
	}
} satisfies Actions;
