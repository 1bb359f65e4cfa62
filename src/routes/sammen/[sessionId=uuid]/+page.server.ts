import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { planOverview } from '$lib/server/plan/service';
import { guard } from '$lib/server/policy/guard';
import { safeReturnTo } from '$lib/server/return-to';
import { togetherEventFailure, togetherFormFailure } from '$lib/server/together/http';
import { joinVideoRelativesOf, lastSeqOf, sessionHistory, sessionInfo } from '$lib/server/together/repository';
import {
	acceptTogether,
	countTogetherAttempt,
	declineTogether,
	endTogether,
	inviteRelativeToTogether,
	sendTogetherEvent,
	viewerSession
} from '$lib/server/together/service';
import { emptyTrail, follow } from '$lib/together/trail';
import { togetherEventSchema } from '$lib/together/schemas';
import { formAction, formDataOf, noFields } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { isUuid } from '$lib/uuid';
import { topicsOnMeeting } from '$lib/server/policy/decisions';
import { markTalkedAbout, topicsFor } from '$lib/server/topics/service';
import { talkedSchema } from '$lib/topics/schemas';
import { DomainError } from '$lib/errors';
import * as v from 'valibot';
import { routineFormSpecs } from '$lib/server/routines/form-specs';
import { routinesOf } from '$lib/server/routines/service';
import { togetherRoutineChange, togetherTopicMarked } from '$lib/server/together/service';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';

/**
 * The forms of Min dag in together mode: each change is checked against the session (running,
 * the citizen or the professional), decided by the policy and logged, and shown on the other
 * screen. A refusal by the session is a message on the page (formAction passes the `fail` on as
 * it is); a refusal by the policy is the 403 page.
 */
function routineForms(db: Db, user: SessionUser, sessionId: string, request: Request) {
	return routineFormSpecs(async <T>(run: Parameters<typeof togetherRoutineChange<T>>[3]) => {
		try {
			return await togetherRoutineChange(db, user, sessionId, run);
		} catch (cause) {
			if (cause instanceof DomainError) throw cause;
			return togetherFormFailure(cause) as T;
		}
	}, request);
}

/** Runs a step of the session; a refusal becomes a message on the page (or the 403/404 page). */
async function attempt(work: Promise<unknown>) {
	try {
		await work;
		return null;
	} catch (cause) {
		return togetherFormFailure(cause);
	}
}

/** A step, then on to `to`; or the refusal, on the page. */
async function step(work: Promise<unknown>, to: string) {
	const failure = await attempt(work);
	if (failure) return failure;
	redirect(303, to);
}

/**
 * "Look at it together": the citizen's plan as every participant sees it, live. Only the
 * people in the session get it (anyone else: not found), and only while the policy lets them
 * see the citizen's plan together (a professional's look is in the citizen's access log).
 */
export const load = (async (event) => {
	const { user, db } = guard.user(event);
	const sessionId = event.params.sessionId;
	const viewer = await viewerSession(db, user, sessionId).catch(() => notFound());
	const { grant } = await guard.citizen(event, 'together', 'read', {
		citizenId: viewer.session.citizenId,
		resourceId: sessionId
	});
	// Min dag: the citizen's routines, made together here (a relative sees them only with the min_dag scope).
	const routineAccess = await guard.citizen(event, 'routines', 'read', {
		citizenId: viewer.session.citizenId,
		ifAllowed: true
	});
	const [plan, info, history, lastSeq, relatives, routines] = await Promise.all([
		planOverview(db, grant),
		sessionInfo(db, sessionId),
		sessionHistory(db, sessionId),
		lastSeqOf(db, sessionId),
		viewer.role === 'citizen' ? joinVideoRelativesOf(db, viewer.session.citizenId, new Date()) : [],
		routineAccess ? routinesOf(db, routineAccess.grant) : null
	]);
	// Started from a meeting: what the citizen brings to it, for the citizen and the professional (never a relative).
	const meetingId = viewer.session.meetingId;
	const topicsGrant = meetingId ? await topicsOnMeeting(db, grant) : null;
	const topics = topicsGrant && meetingId ? await topicsFor(db, topicsGrant, [meetingId]) : null;
	const trail = emptyTrail();
	for (const message of history)
		if (viewer.role !== 'relative' || message.kind !== 'note') follow(trail, message, user.id);
	return {
		title: 'together.title',
		me: user.id,
		role: viewer.role,
		session: { ...info!, status: viewer.status },
		plan,
		trail,
		lastSeq,
		relatives: relatives.filter((r) => r.id !== info!.relativeId),
		topics,
		routines
	};
}) satisfies PageServerLoad;

/** The posted fields as they came (cleaned); together mode checks them itself, with its own codes. */
const anyFields = v.record(v.string(), v.string());

export const actions = {
	/** The professional marks a topic of the session's meeting talked about, or takes it back. */
	talked: async (event) => {
		const { user, db } = guard.user(event);
		const viewer = await viewerSession(db, user, event.params.sessionId).catch(() => notFound());
		const meetingId = viewer.session.meetingId;
		if (!meetingId) notFound();
		const { grant } = await guard.citizen(event, 'topics', 'write', {
			citizenId: viewer.session.citizenId,
			resourceId: meetingId
		});
		return formAction(event, {
			action: 'talked',
			schema: talkedSchema,
			target: 'topicId',
			badInput: 'notFound',
			// The citizen's screen is told, and shows it without a reload.
			run: (data) =>
				togetherTopicMarked(db, user, viewer.session.id, (tx) =>
					markTalkedAbout(tx, grant, meetingId, { topicId: data.topicId, talked: data.talked === '1' })
				),
			answer: (_result, data) => ({ talked: data.talked === '1' })
		});
	},
	/** The other side says yes: one tap. */
	accept: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = event.params.sessionId;
		return formAction(event, {
			action: 'accept',
			schema: noFields,
			run: () => step(acceptTogether(db, user, sessionId), `/sammen/${sessionId}`)
		});
	},
	/** No, thank you: back to the page the person was on (the banner sends it), else this one. */
	decline: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = event.params.sessionId;
		// As posted (not cleaned): safeReturnTo refuses what it does not trust.
		const returnTo = (await formDataOf(event.request)).get('returnTo');
		return formAction(event, {
			action: 'decline',
			schema: noFields,
			run: () =>
				step(declineTogether(db, user, sessionId), safeReturnTo(returnTo, event.url.origin, `/sammen/${sessionId}`))
		});
	},
	/** One tap, at any time; the other screens are told at once. */
	end: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = event.params.sessionId;
		return formAction(event, {
			action: 'end',
			schema: noFields,
			run: () => step(endTogether(db, user, sessionId), `/sammen/${sessionId}`)
		});
	},
	/**
	 * One event: point, write a note, set a next step (the page sends it with JavaScript and
	 * applies the answer at once; without JavaScript the page is simply shown again).
	 */
	event: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = event.params.sessionId;
		return formAction(event, {
			action: 'event',
			schema: anyFields,
			run: async (form) => {
				try {
					// Every attempt counts, also one refused below; too many → 429 with Retry-After.
					await countTogetherAttempt(db, user);
					const version = form.version === undefined ? undefined : Number(form.version);
					const parsed = v.safeParse(togetherEventSchema, {
						...form,
						...(form.kind === 'note' ? { id: crypto.randomUUID() } : {}),
						...(version === undefined ? {} : { version })
					});
					if (!parsed.success) return fail(400, { together: 'invalid' as const, message: parsed.issues[0].message });
					return { sent: await sendTogetherEvent(db, user, sessionId, parsed.output) };
				} catch (cause) {
					return togetherEventFailure(event, cause);
				}
			},
			answer: (result) => ('sent' in result ? { sent: result.sent } : {})
		});
	},
	addRoutine: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).addRoutine);
	},
	renameRoutine: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).renameRoutine);
	},
	removeRoutine: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).removeRoutine);
	},
	addStep: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).addStep);
	},
	editStep: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).editStep);
	},
	removeStep: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).removeStep);
	},
	moveStep: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, routineForms(db, user, event.params.sessionId, event.request).moveStep);
	},
	/** The citizen asks a relative in (one with the join_video scope). */
	relative: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = event.params.sessionId;
		return formAction(event, {
			action: 'relative',
			schema: v.object({ relativeId: v.optional(v.string(), '') }),
			run: async ({ relativeId }) => {
				if (!isUuid(relativeId)) return fail(400, { together: 'invalid' as const });
				return (await attempt(inviteRelativeToTogether(db, user, sessionId, relativeId))) ?? {};
			},
			answer: () => ({ relativeInvited: true as const })
		});
	}
} satisfies Actions;
