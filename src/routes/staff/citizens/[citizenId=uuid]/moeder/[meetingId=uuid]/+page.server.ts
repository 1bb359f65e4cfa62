import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { Db } from '$lib/server/db';
import { agreedSchema, cancelMeetingSchema, changeMeetingSchema } from '$lib/meetings/schemas';
import { declineSchema, offerSchema } from '$lib/meetings/reschedule';
import { utcToCopenhagen } from '$lib/meetings/time';
import { personName } from '$lib/server/people/repository';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { notFound, orNotFound } from '$lib/server/forms/http-errors';
import { declineRequest, offerTimes, rescheduleState } from '$lib/server/meetings/reschedule';
import {
	MEETING_FORM_MESSAGES,
	MEETING_LISTS,
	agreedPlanPeriod,
	cancelMeeting,
	changeMeeting,
	meetingDetail,
	participantOptions,
	saveAgreed
} from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';
import { topicsOnMeeting } from '$lib/server/policy/decisions';
import { subscriptionsOf } from '$lib/server/push/subscriptions';
import { canStartFrom, startFromPage } from '$lib/server/together/form-actions';
import { markTalkedAbout, setAgreedAnswers, topicsFor } from '$lib/server/topics/service';
import { ANSWER_LISTS, answersSchema, talkedSchema } from '$lib/topics/schemas';

const SAVED = ['changed', 'cancelled', 'agreed', 'agreedPlan', 'offered', 'declined', 'answers'] as const;

/**
 * Whether the citizen will be told of what was just saved ("changed", "cancelled", or the answer
 * to "I need another time"): the service queued the notice job in the same transaction, and the
 * citizen has a phone that takes messages.
 */
async function told(db: Db, citizenId: string, queued: boolean): Promise<boolean> {
	return queued && (await subscriptionsOf(db, citizenId)).length > 0;
}

function back(citizenId: string, meetingId: string, saved: (typeof SAVED)[number], notified?: boolean | null): never {
	const told = notified === undefined ? '' : `&notified=${notified ? 1 : 0}`;
	redirect(303, `/staff/citizens/${citizenId}/moeder/${meetingId}?saved=${saved}${told}`);
}

/** One meeting: the replies with reasons, "what we agreed", change and cancel. */
export const load = (async (event) => {
	const meetingId = event.params.meetingId;
	// The log names the meeting ("saw your meeting on 3 Dec"), as for a relative on the citizen's pages.
	const { grant, db } = await guard.citizen(event, 'meetings', 'read', {
		citizenId: event.params.citizenId,
		staff: true,
		resourceId: meetingId
	});
	const citizen = await personName(db, grant.citizenId);
	if (!citizen) notFound();
	const meeting = await orNotFound(() => meetingDetail(db, grant, meetingId));
	// What the citizen brings to the meeting (a private topic: only the contact person sees it).
	const topicsGrant = await topicsOnMeeting(db, grant);
	const [options, rebook, planPeriod, topics] = await Promise.all([
		participantOptions(db, grant),
		rescheduleState(db, grant, meetingId),
		agreedPlanPeriod(db, grant, meetingId),
		topicsGrant ? topicsFor(db, topicsGrant, [meetingId]) : []
	]);
	const start = utcToCopenhagen(meeting.startsAt);
	const end = utcToCopenhagen(meeting.endsAt);
	const saved = SAVED.find((s) => s === event.url.searchParams.get('saved')) ?? null;
	const notified = event.url.searchParams.get('notified');
	return {
		title: 'meetings.staff.title',
		citizen,
		meeting,
		options,
		planPeriod,
		// The change form starts from what is saved now.
		values: {
			kind: meeting.kind,
			title: meeting.title ?? '',
			date: start.date,
			startTime: start.time,
			endTime: end.time,
			location: meeting.location ?? '',
			videoUrl: meeting.edit?.videoUrl ?? '',
			phone: meeting.edit?.phone ?? '',
			prepareTopics: meeting.prepare.topics ?? '',
			prepareBring: meeting.prepare.bring ?? '',
			prepareQuestion: meeting.prepare.question ?? '',
			participants: meeting.participantIds.filter((id) => id !== grant.citizenId).join(',')
		},
		rebook,
		topics,
		saved,
		notified: notified === null ? null : notified === '1',
		togetherOpen: canStartFrom(meeting, new Date())
	};
}) satisfies PageServerLoad;

export const actions = {
	change: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'change',
			schema: changeMeetingSchema,
			lists: MEETING_LISTS,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const { notify, queued } = await changeMeeting(db, grant, meetingId, data);
				back(grant.citizenId, meetingId, 'changed', notify ? await told(db, grant.citizenId, queued) : undefined);
			}
		});
	},
	cancel: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'cancel',
			schema: cancelMeetingSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const result = await cancelMeeting(db, grant, meetingId, data);
				back(grant.citizenId, meetingId, 'cancelled', await told(db, grant.citizenId, result.queued));
			}
		});
	},
	/** "I need another time": 2–3 times for the citizen to choose from. */
	offer: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'offer',
			schema: offerSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const result = await offerTimes(db, grant, meetingId, data);
				back(grant.citizenId, meetingId, 'offered', await told(db, grant.citizenId, result.queued));
			}
		});
	},
	/** Say no to the request, with a message the citizen reads; the meeting stays. */
	decline: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'decline',
			schema: declineSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const result = await declineRequest(db, grant, meetingId, data);
				back(grant.citizenId, meetingId, 'declined', await told(db, grant.citizenId, result.queued));
			}
		});
	},
	agreed: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		// A held network meeting also writes the plan period: the policy decides that separately.
		const planGrant = async () =>
			(await guard.citizen(event, 'plan', 'write', { citizenId: event.params.citizenId, staff: true })).grant;
		return formAction(event, {
			action: 'agreed',
			schema: agreedSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const result = await saveAgreed(db, grant, meetingId, data, new Date(), planGrant);
				back(grant.citizenId, meetingId, result.period ? 'agreedPlan' : 'agreed');
			}
		});
	},
	/** A topic the citizen brought: talked about (1), or not yet (0). */
	talked: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'topics', 'write', {
			citizenId: event.params.citizenId,
			staff: true,
			resourceId: meetingId
		});
		return formAction(event, {
			action: 'talked',
			schema: talkedSchema,
			target: 'topicId',
			badInput: 'notFound',
			run: (data) => markTalkedAbout(db, grant, meetingId, { topicId: data.topicId, talked: data.talked === '1' }),
			answer: (_result, data) => ({ talked: data.talked === '1' })
		});
	},
	/** Which of the citizen's topics "what we agreed" answers (the ticked ones). */
	answers: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'topics', 'write', {
			citizenId: event.params.citizenId,
			staff: true,
			resourceId: meetingId
		});
		return formAction(event, {
			action: 'answers',
			schema: answersSchema,
			lists: ANSWER_LISTS,
			badInput: 'notFound',
			run: async (data) => {
				await setAgreedAnswers(db, grant, meetingId, data.answers);
				back(grant.citizenId, meetingId, 'answers');
			}
		});
	},
	/** "Look at it together": invite the citizen to look at the plan during this video meeting. */
	together: async (event) => {
		const meetingId = event.params.meetingId;
		// The policy is asked (and the start logged) inside startTogether, once it is made.
		const { user, db } = guard.staff(event);
		return formAction(event, {
			action: 'together',
			schema: noFields,
			run: () => startFromPage(db, user, event.params.citizenId, meetingId)
		});
	}
} satisfies Actions;
