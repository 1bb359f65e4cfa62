import type { Actions, PageServerLoad } from './$types';
import { addContactForm, crisisPlanForEditing, removeContactForm, savePlanForm } from '$lib/server/crisis/form-actions';
import { guard } from '$lib/server/policy/guard';

/** The citizen writes their crisis plan, alone (here) or with their professional (the staff page). */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
	return { title: 'pages.crisisEdit.title', ...(await crisisPlanForEditing(db, grant)) };
}) satisfies PageServerLoad;

export const actions = {
	plan: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return savePlanForm(event.request, db, grant, '/kriseplan?saved=1');
	},
	addContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return addContactForm(event.request, db, grant);
	},
	removeContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write');
		return removeContactForm(event.request, db, grant);
	}
} satisfies Actions;
