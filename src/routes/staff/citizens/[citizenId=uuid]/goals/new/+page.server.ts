import type { Actions, PageServerLoad } from './$types';
import { goalSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { saveGoal } from '$lib/server/plan/authoring';
import { currentCourse } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../../_components/back-to-plan.server';
import { goalSnapshot } from '../../_components/snapshots.server';

/** A professional adds a goal to the citizen's current course. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	if (!citizen) notFound();
	return { title: 'staff.goal.newTitle', citizen, hasCourse: Boolean(found) };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'save',
			schema: goalSchema,
			fixed: { id: undefined, version: undefined },
			current: goalSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await saveGoal(db, grant, data);
				backToPlan(grant.citizenId, 'goal');
			}
		});
	}
} satisfies Actions;
