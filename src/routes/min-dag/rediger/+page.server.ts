import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { directRoutineForms } from '$lib/server/routines/form-specs';
import { routinesOf } from '$lib/server/routines/service';

/** The citizen makes their routines alone (with their professional: the staff page, or "Se det sammen"). */
export const load = (async (event) => {
	const { grant, db } = await guard.ownData(event, 'routines', 'write');
	return { title: 'routines.editTitle', routines: await routinesOf(db, grant) };
}) satisfies PageServerLoad;

export const actions = {
	addRoutine: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).addRoutine);
	},
	renameRoutine: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).renameRoutine);
	},
	removeRoutine: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).removeRoutine);
	},
	addStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).addStep);
	},
	editStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).editStep);
	},
	removeStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).removeStep);
	},
	moveStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant, event.request).moveStep);
	}
} satisfies Actions;
