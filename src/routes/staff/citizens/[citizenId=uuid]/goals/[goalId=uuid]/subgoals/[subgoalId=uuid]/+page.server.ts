import type { Actions, PageServerLoad } from './$types';
import { subgoalSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { saveSubgoal } from '$lib/server/plan/authoring';
import { goalWithOwner, subgoalWithOwner } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import type { Grant } from '$lib/server/policy';
import type { Db } from '$lib/server/db';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../../../../_components/back-to-plan.server';
import { subgoalSnapshot, subgoalValues } from '../../../../_components/snapshots.server';

/** The delmål named in the URL, under the goal named in the URL, of the citizen in the URL; else 404. */
async function subgoalOf(db: Db, grant: Grant, goalId: string, subgoalId: string) {
	const found = await subgoalWithOwner(db, subgoalId);
	if (!found || found.citizenId !== grant.citizenId || found.subgoal.goalId !== goalId) notFound();
	return found.subgoal;
}

/** A professional edits one delmål. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const goalId = event.params.goalId;
	const subgoalId = event.params.subgoalId;
	const [citizen, subgoal, goal] = await Promise.all([
		personName(db, grant.citizenId),
		subgoalOf(db, grant, goalId, subgoalId),
		goalWithOwner(db, goalId)
	]);
	if (!citizen || !goal) notFound();
	return {
		title: 'staff.subgoal.editTitle',
		citizen,
		goal: { id: goal.goal.id, title: goal.goal.title },
		subgoal: { id: subgoal.id, version: subgoal.version, values: subgoalValues(subgoal) }
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const goalId = event.params.goalId;
		const id = event.params.subgoalId;
		await subgoalOf(db, grant, goalId, id);
		return formAction(event, {
			action: 'save',
			schema: subgoalSchema,
			fixed: { goalId, id },
			current: subgoalSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await saveSubgoal(db, grant, data);
				backToPlan(grant.citizenId, 'subgoal');
			}
		});
	}
} satisfies Actions;
