import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { personName } from '$lib/server/people/repository';
import { guard } from '$lib/server/policy/guard';
import { directRoutineForms } from '$lib/server/routines/form-specs';
import { routinesOf, weeklyDoneRates } from '$lib/server/routines/service';

/**
 * The coping guide or mentor makes routines with the citizen (sitting together, or on the phone),
 * and sees which routines help: the share of steps done per routine per week. Opening the page is
 * a read in the citizen's access log; each change is a write.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'routines', 'read', {
		citizenId: event.params.citizenId,
		staff: true
	});
	const [citizen, routines, rates] = await Promise.all([
		personName(db, grant.citizenId),
		routinesOf(db, grant),
		weeklyDoneRates(db, grant)
	]);
	if (!citizen) notFound();
	return { title: 'routines.title', citizen, routines, rates };
}) satisfies PageServerLoad;

/** Each change asks the policy for a write on this citizen's routines (the guard, in the action). */
const asStaff = (event: RequestEvent) => ({ citizenId: event.params.citizenId, staff: true });

export const actions = {
	addRoutine: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).addRoutine);
	},
	renameRoutine: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).renameRoutine);
	},
	removeRoutine: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).removeRoutine);
	},
	addStep: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).addStep);
	},
	editStep: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).editStep);
	},
	removeStep: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).removeStep);
	},
	moveStep: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write', asStaff(event));
		return formAction(event, directRoutineForms(db, grant, event.request).moveStep);
	}
} satisfies Actions;
