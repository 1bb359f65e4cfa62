import type { Actions, PageServerLoad } from './$types';
import { goalSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { saveGoal } from '$lib/server/plan/authoring';
import { goalsOf, goalWithOwner } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../../_components/back-to-plan.server';
import { goalSnapshot, goalValues } from '../../_components/snapshots.server';

/** A professional edits one goal and sees its delmål, each with a link to edit it. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const goalId = event.params.goalId;
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), goalWithOwner(db, goalId)]);
	if (!citizen || !found || found.citizenId !== grant.citizenId) notFound();
	const goals = await goalsOf(db, found.goal.courseId, grant.citizenId);
	const subgoals = goals.find((g) => g.id === goalId)?.subgoals ?? [];
	return {
		title: 'staff.goal.editTitle',
		citizen,
		goal: { id: found.goal.id, version: found.goal.version, values: goalValues(found.goal) },
		subgoals: subgoals.map((s) => ({ id: s.id, title: s.title, status: s.status, inFocus: s.inFocus }))
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const id = event.params.goalId;
		return formAction(event, {
			action: 'save',
			schema: goalSchema,
			fixed: { id },
			current: goalSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await saveGoal(db, grant, data);
				backToPlan(grant.citizenId, 'goal');
			}
		});
	}
} satisfies Actions;
