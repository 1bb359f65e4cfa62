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
import { guard } from '$lib/server/policy/guard';

/** The citizen writes their crisis plan, alone (here) or with their professional (the staff page). */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
	return { title: 'pages.crisisEdit.title', ...(await crisisPlanForEditing(db, grant)) };
}) satisfies PageServerLoad;

export const actions = {
	plan: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return formAction(event, {
			action: 'plan',
			schema: crisisPlanSchema,
			run: async (data) => {
				await saveCrisisPlanOf(db, grant, data);
				redirect(303, '/kriseplan?saved=1');
			}
		});
	},
	addContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return formAction(event, {
			action: 'contact',
			schema: crisisContactSchema,
			run: (data) => addCrisisContactOf(db, grant, data)
		});
	},
	removeContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return formAction(event, {
			action: 'remove',
			schema: removeContactSchema,
			badInput: 'notFound',
			run: (data) => removeCrisisContactOf(db, grant, data.contactId)
		});
	}
} satisfies Actions;
