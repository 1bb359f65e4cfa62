import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addContactForm, crisisPlanForEditing, removeContactForm, savePlanForm } from '$lib/server/crisis/form-actions';
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
	if (!citizen) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { title: 'pages.staffCrisis.title', citizen, ...editing };
}) satisfies PageServerLoad;

export const actions = {
	plan: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return savePlanForm(event.request, db, grant, `/staff/citizens/${grant.citizenId}/kriseplan?saved=1`);
	},
	addContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return addContactForm(event.request, db, grant);
	},
	removeContact: async (event) => {
		const { grant, db } = await guard.citizen(event, 'crisis_plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return removeContactForm(event.request, db, grant);
	}
} satisfies Actions;
