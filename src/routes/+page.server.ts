import type { Actions, PageServerLoad } from './$types';
import { homeView } from '$lib/server/home/view';
import { formAction, formDataOf } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { expiryForm, expiryResource } from '$lib/server/support/form-actions';

/** "I dag": the next meeting and the delmål in focus, each only if the person may see it. */
export const load = (async (event) => {
	const [plan, meetings, own, routines] = await Promise.all([
		guard.citizen(event, 'plan', 'read', { ifAllowed: true }),
		guard.citizen(event, 'meetings', 'read', { ifAllowed: true }),
		// The citizen's own decisions (talks asked for, what ends soon): never for a relative.
		guard.citizen(event, 'consents', 'read', { ifAllowed: true }),
		// Min dag's now step (a relative sees it only with the min_dag scope).
		guard.citizen(event, 'routines', 'read', { ifAllowed: true })
	]);
	// Nothing to show at all (a paused or revoked delegation): let the policy explain why.
	const { db } = plan ?? meetings ?? (await guard.citizen(event, 'plan', 'read'));
	const { focus, meeting, reminders, myDay } = await homeView(db, {
		plan: plan?.grant ?? null,
		meetings: meetings?.grant ?? null,
		own: own?.grant ?? null,
		routines: routines?.grant ?? null
	});
	const isSelf = (plan ?? meetings)?.grant.relation.kind === 'self';
	return {
		title: 'pages.home.title',
		showsPlan: Boolean(plan),
		showsMeetings: Boolean(meetings),
		isSelf,
		reminders,
		myDay: myDay ?? null,
		/** The server's clock for the first paint; the phone's takes over once loaded. */
		serverNow: new Date().toISOString(),
		focus: focus && {
			title: focus.subgoal.title,
			titleEasy: focus.subgoal.titleEasy,
			nextStep: focus.subgoal.nextStep,
			nextStepEasy: focus.subgoal.nextStepEasy,
			status: focus.subgoal.status,
			goalTitle: focus.goalTitle
		},
		meeting: meeting && {
			id: meeting.id,
			kind: meeting.kind,
			title: meeting.title,
			startsAt: meeting.startsAt.toISOString(),
			endsAt: meeting.endsAt.toISOString(),
			location: meeting.location,
			isVideo: Boolean(meeting.videoUrl),
			status: meeting.status,
			participants: meeting.participants.map((p) => p.name)
		}
	};
}) satisfies PageServerLoad;

/** "Forny" and "Lad det slutte" for what ends soon, right on the home page. */
export const actions = {
	renewSoon: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'renew'));
	},
	letEnd: async (event) => {
		const form = await formDataOf(event.request);
		const { grant, db } = await guard.citizen(event, expiryResource(form), 'write');
		return formAction(event, expiryForm(db, grant, 'letEnd'));
	}
} satisfies Actions;
