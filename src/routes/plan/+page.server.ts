import type { Actions, PageServerLoad } from './$types';
import { LIMITS, subgoalNoteSchema, subgoalStatusSchema, suggestionSchema } from '$lib/plan/schemas';
import { addSubgoalNote, setSubgoalStatus, suggestSubgoal } from '$lib/server/plan/citizen-actions';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { planPage } from '$lib/server/plan/service';
import { guard } from '$lib/server/policy/guard';
import { formatNumber } from '$lib/format';
import { startFromPage } from '$lib/server/together/form-actions';
import { goalToShow, requestedGoal } from '$lib/server/plan/goal-screen';

export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read');
	const requested = requestedGoal(event.url);
	const isSelf = grant.relation.kind === 'self';
	// During a standing support time (a video meeting on now) the citizen can start "look at it together".
	const { plan, supportTimeNow: supportTime } = await planPage(db, grant);
	// The note field's limit comes with the data (the schema's own, and written out in the person's
	// language), not as a module: /plan is at the edge of its script budget.
	const noteMax = { value: LIMITS.note, text: formatNumber(LIMITS.note, event.locals.lang) };
	// The goal on the screen (easy-read) or the card open (standard), 0-based: chosen here, not in a script.
	const goal = goalToShow(plan.goals, requested);
	return { title: 'pages.plan.title', plan, isSelf, supportTime, noteMax, goal };
}) satisfies PageServerLoad;

/** The citizen's own moves on their plan. Relatives only read: the policy refuses their writes. */
export const actions = {
	status: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write');
		requestedGoal(event.url); // A garbage ?maal= is a 400 before anything is saved.
		return formAction(event, {
			action: 'status',
			schema: subgoalStatusSchema,
			target: 'subgoalId',
			run: (data) => setSubgoalStatus(db, grant, data)
		});
	},
	note: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write');
		requestedGoal(event.url); // A garbage ?maal= is a 400 before anything is saved.
		return formAction(event, {
			action: 'note',
			schema: subgoalNoteSchema,
			target: 'subgoalId',
			run: (data) => addSubgoalNote(db, grant, data)
		});
	},
	suggest: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write');
		requestedGoal(event.url); // A garbage ?maal= is a 400 before anything is saved.
		return formAction(event, {
			action: 'suggest',
			schema: suggestionSchema,
			target: 'goalId',
			run: (data) => suggestSubgoal(db, grant, data)
		});
	},
	together: async (event) => {
		const { grant, db } = await guard.citizen(event, 'together', 'write');
		return formAction(event, {
			action: 'together',
			schema: noFields,
			run: () => startFromPage(db, grant.actor, grant.citizenId, null)
		});
	}
} satisfies Actions;
