import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { crisisContactSchema, crisisPlanSchema, removeContactSchema } from '$lib/crisis/schemas';
import {
	addCrisisContactOf,
	crisisPlanForEditing,
	removeCrisisContactOf,
	saveCrisisPlanOf
} from '$lib/server/crisis/service';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { personName } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';

/**
 * The professional writes the crisis plan with the citizen (often in a talk or on video). It is the
 * citizen's plan: the citizen's page says who saved it last. Opening the page is a read and logged
 * as one ("saw your crisis plan"); only a save is a change (each action asks for a write).
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'crisis_plan', 'read', {
		citizenId: event.params.citizenId,
		staff: true
	});
	const [citizen, editing] = await Promise.all([personName(db, grant.citizenId), crisisPlanForEditing(db, grant)]);
	if (!citizen) notFound();
	return { title: 'pages.staffCrisis.title', citizen, ...editing };
}) satisfies PageServerLoad;

export const actions = {
	plan: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'plan',
			schema: crisisPlanSchema,
			run: async (data) => {
				await saveCrisisPlanOf(db, grant, data);
				redirect(303, `/staff/citizens/${grant.citizenId}/kriseplan?saved=1`);
			}
		});
	},
	addContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'contact',
			schema: crisisContactSchema,
			run: (data) => addCrisisContactOf(db, grant, data)
		});
	},
	removeContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'remove',
			schema: removeContactSchema,
			badInput: 'notFound',
			run: (data) => removeCrisisContactOf(db, grant, data.contactId)
		});
	}
} satisfies Actions;
