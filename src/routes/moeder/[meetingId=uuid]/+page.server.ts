import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { replySchema } from '$lib/meetings/schemas';
import { chooseSchema, requestRefSchema } from '$lib/meetings/reschedule';
import { formAction, noFields } from '$lib/server/forms/form-action';
import { orNotFound } from '$lib/server/forms/http-errors';
import { chooseOffer, rescheduleState, withdrawRequest } from '$lib/server/meetings/reschedule';
import {
	MEETING_FORM_MESSAGES,
	meetingDetail,
	relativesWhoSeeMeetings,
	replyToMeeting,
	setHiddenFromRelatives
} from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';
import { topicsOnMeeting } from '$lib/server/policy/decisions';
import { canStartFrom, startFromPage } from '$lib/server/together/form-actions';
import { topicsFor } from '$lib/server/topics/service';

/** What the page says after a rebooking step (`?ny-tid=sendt`); anything else is ignored. */
const REBOOK_NOTICES = ['sendt', 'valgt', 'beholdt'] as const;

/** One meeting: when, where or how (video), who comes, how to prepare, what was agreed, and the reply. */
export const load = (async (event) => {
	const meetingId = event.params.meetingId;
	const { grant, db } = await guard.citizen(event, 'meetings', 'read', { resourceId: meetingId });
	const now = new Date();
	// What the citizen brings to this meeting: theirs to see, never a relative's (null then).
	const topicsGrant = await topicsOnMeeting(db, grant, now);
	return orNotFound(async () => {
		const [meeting, rebook, relativesSee, topics] = await Promise.all([
			meetingDetail(db, grant, meetingId, now),
			rescheduleState(db, grant, meetingId, now),
			relativesWhoSeeMeetings(db, grant, now),
			topicsGrant ? topicsFor(db, topicsGrant, [meetingId], now) : null
		]);
		return {
			title: 'meetings.page.title',
			isSelf: grant.relation.kind === 'self',
			now: now.toISOString(),
			// "Look at it together" starts from a video meeting that is on now.
			togetherOpen: grant.relation.kind === 'self' && canStartFrom(meeting, now),
			meeting: { ...meeting, participantIds: undefined, allowlist: undefined, edit: undefined },
			rebook,
			// The citizen's relatives who see meetings: the citizen may hide this one from them.
			relativesSee: relativesSee.length ? relativesSee : null,
			rebookNotice: REBOOK_NOTICES.find((n) => n === event.url.searchParams.get('ny-tid')) ?? null,
			topics,
			// A topic can still be brought to a meeting that is neither over nor cancelled.
			topicsOpen:
				topics !== null && meeting.status !== 'cancelled' && new Date(meeting.endsAt).getTime() > now.getTime()
		};
	});
}) satisfies PageServerLoad;

/** Relatives do (hidden=0) or do not (hidden=1) see this meeting. */
const relativesSchema = v.object({ hidden: v.picklist(['0', '1'], 'validation.choice') });

export const actions = {
	/** The citizen's answer: coming, cannot come (with a reason if they like), or needs help. */
	reply: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'reply',
			schema: replySchema,
			messages: MEETING_FORM_MESSAGES,
			run: (data) => replyToMeeting(db, grant, meetingId, data),
			answer: (result) => ({ response: result.response })
		});
	},
	/** One tap on an offered time: the meeting moves, and the citizen's phone is told as for any change (the service queues it). */
	choose: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'choose',
			schema: chooseSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				await chooseOffer(db, grant, meetingId, data);
				redirect(303, `/moeder/${meetingId}?ny-tid=valgt`);
			}
		});
	},
	/** "Keep the old time": the request is withdrawn, the meeting stays. */
	withdraw: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'withdraw',
			schema: requestRefSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				await withdrawRequest(db, grant, meetingId, data);
				redirect(303, `/moeder/${meetingId}?ny-tid=beholdt`);
			}
		});
	},
	/** The citizen's choice: relatives do (hidden=0) or do not (hidden=1) see this meeting. */
	relatives: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'relatives',
			schema: relativesSchema,
			run: (data) => setHiddenFromRelatives(db, grant, meetingId, data.hidden === '1'),
			answer: (result) => ({ relatives: result.hidden ? ('hidden' as const) : ('shown' as const) })
		});
	},
	/** "Look at it together": invite the professional of this video meeting to the plan. */
	together: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'together', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'together',
			schema: noFields,
			run: () => startFromPage(db, grant.actor, grant.citizenId, meetingId)
		});
	}
} satisfies Actions;
