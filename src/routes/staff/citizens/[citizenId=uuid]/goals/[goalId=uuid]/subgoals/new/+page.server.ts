import type { Actions, PageServerLoad } from './$types';
import { subgoalSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { saveSubgoal } from '$lib/server/plan/authoring';
import { goalWithOwner } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../../../../_components/back-to-plan.server';
import { subgoalSnapshot } from '../../../../_components/snapshots.server';

/** A professional adds a delmål to one of the citizen's goals. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const goalId = event.params.goalId;
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), goalWithOwner(db, goalId)]);
	if (!citizen || !found || found.citizenId !== grant.citizenId) notFound();
	return { title: 'staff.subgoal.newTitle', citizen, goal: { id: found.goal.id, title: found.goal.title } };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const goalId = event.params.goalId;
		return formAction(event, {
			action: 'save',
			schema: subgoalSchema,
			fixed: { goalId, id: undefined, version: undefined },
			current: subgoalSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await saveSubgoal(db, grant, data);
				backToPlan(grant.citizenId, 'subgoal');
			}
		});
	}
} satisfies Actions;
