import type { Actions, PageServerLoad } from './$types';
import { answerSuggestionSchema, subgoalStatusSchema } from '$lib/plan/schemas';
import { answerSuggestion } from '$lib/server/plan/authoring';
import { setSubgoalStatus } from '$lib/server/plan/citizen-actions';
import { planPage } from '$lib/server/plan/service';
import { guard } from '$lib/server/policy/guard';
import { startFromPage } from '$lib/server/together/form-actions';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { uuid } from '$lib/validation';
import { markTalkDone, openTalksForStaff } from '$lib/server/support/tasks';
import * as v from 'valibot';
import { backToPlan } from './_components/back-to-plan.server';

/** "Vi har talt om det" names the task; an id that is no uuid is as unknown as a wrong one. */
const talkDoneSchema = v.object({ taskId: uuid });

/** What a page says after a save (`?saved=goal`); anything else in the URL is ignored. */
const SAVED = ['course', 'period', 'goal', 'subgoal', 'suggestion', 'status'] as const;

/**
 * A professional looks at an assigned citizen's plan and works on it: links to the forms, the
 * citizen's suggestions to answer, a status per delmål. The policy logs the read for the citizen.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const tasks = await guard.citizen(event, 'support_tasks', 'read', { citizenId: event.params.citizenId, staff: true });
	const [{ plan, citizen, supportTimeNow: supportTime }, talks] = await Promise.all([
		planPage(db, grant),
		openTalksForStaff(tasks.db, tasks.grant)
	]);
	if (!citizen) notFound();
	const suggestions = plan.goals.flatMap((goal) =>
		goal.suggestions
			.filter((s) => s.status === 'pending' || s.status === 'discussing')
			.map((s) => ({ ...s, goalTitle: goal.title }))
	);
	const saved = SAVED.find((s) => s === event.url.searchParams.get('saved')) ?? null;
	return {
		title: 'pages.staff.citizenTitle',
		citizen,
		plan,
		suggestions,
		saved,
		supportTime,
		talks: talks.map((t) => ({
			id: t.id,
			citizenId: t.citizenId,
			citizenName: citizen.givenName,
			purpose: t.purpose,
			relative: t.relative,
			newRelative: t.newRelative,
			createdAt: t.createdAt.toISOString(),
			assigneeName: t.assigneeName
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	/** "Vi har talt om det": the citizen's reminder and the task end. */
	talkDone: async (event) => {
		const { grant, db } = await guard.citizen(event, 'support_tasks', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'talkDone',
			schema: talkDoneSchema,
			badInput: 'notFound',
			run: (data) => markTalkDone(db, grant, data.taskId)
		});
	},
	answer: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'answer',
			schema: answerSuggestionSchema,
			target: 'suggestionId',
			current: (row: { status: string }) => ({ status: row.status }),
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await answerSuggestion(db, grant, data);
				backToPlan(grant.citizenId, 'suggestion');
			}
		});
	},
	status: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'status',
			schema: subgoalStatusSchema,
			target: 'subgoalId',
			current: (row: { status: string; version: number }) => ({ status: row.status, version: row.version }),
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await setSubgoalStatus(db, grant, data);
				backToPlan(grant.citizenId, 'status');
			}
		});
	},
	/** "Look at it together" during a support time (a video meeting on now). */
	together: async (event) => {
		// The policy is asked (and the start logged) inside startTogether, once it is made.
		const { user, db } = guard.staff(event);
		return formAction(event, {
			action: 'together',
			schema: noFields,
			run: () => startFromPage(db, user, event.params.citizenId, null)
		});
	}
} satisfies Actions;
