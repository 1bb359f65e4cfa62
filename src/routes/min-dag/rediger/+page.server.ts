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
		return formAction(event, directRoutineForms(db, grant).addRoutine);
	},
	renameRoutine: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).renameRoutine);
	},
	removeRoutine: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).removeRoutine);
	},
	addStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).addStep);
	},
	editStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).editStep);
	},
	removeStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).removeStep);
	},
	moveStep: async (event) => {
		const { grant, db } = await guard.ownData(event, 'routines', 'write');
		return formAction(event, directRoutineForms(db, grant).moveStep);
	}
} satisfies Actions;
