import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { replySchema } from '$lib/meetings/schemas';
import { chooseSchema, requestRefSchema } from '$lib/meetings/reschedule';
import { runMeetingForm } from '$lib/server/meetings/form-actions';
import { chooseOffer, rescheduleState, withdrawRequest } from '$lib/server/meetings/reschedule';
import {
	meetingDetail,
	relativesWhoSeeMeetings,
	replyToMeeting,
	setHiddenFromRelatives
} from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';
import { canStartFrom, startFromPage } from '$lib/server/together/form-actions';

/** What the page says after a rebooking step (`?ny-tid=sendt`); anything else is ignored. */
const REBOOK_NOTICES = ['sendt', 'valgt', 'beholdt'] as const;

/** One meeting: when, where or how (video), who comes, how to prepare, what was agreed, and the reply. */
export const load = (async (event) => {
	const meetingId = event.params.meetingId;
	const { grant, db } = await guard.citizen(event, 'meetings', 'read', { resourceId: meetingId });
	const now = new Date();
	try {
		const [meeting, rebook, relativesSee] = await Promise.all([
			meetingDetail(db, grant, meetingId, now),
			rescheduleState(db, grant, meetingId, now),
			relativesWhoSeeMeetings(db, grant, now)
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
			rebookNotice: REBOOK_NOTICES.find((n) => n === event.url.searchParams.get('ny-tid')) ?? null
		};
	} catch (cause) {
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}) satisfies PageServerLoad;

export const actions = {
	/** The citizen's answer: coming, cannot come (with a reason if they like), or needs help. */
	reply: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		const outcome = await runMeetingForm(event.request, 'reply', replySchema, (data) =>
			replyToMeeting(db, grant, meetingId, data)
		);
		if (!outcome.ok) return outcome.failure;
		return { action: 'reply', done: true as const, response: outcome.result.response };
	},
	/** One tap on an offered time: the meeting moves, and the citizen's phone is told as for any change (the service queues it). */
	choose: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		const outcome = await runMeetingForm(event.request, 'choose', chooseSchema, (data) =>
			chooseOffer(db, grant, meetingId, data)
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/moeder/${meetingId}?ny-tid=valgt`);
	},
	/** "Keep the old time": the request is withdrawn, the meeting stays. */
	withdraw: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		const outcome = await runMeetingForm(event.request, 'withdraw', requestRefSchema, (data) =>
			withdrawRequest(db, grant, meetingId, data)
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/moeder/${meetingId}?ny-tid=beholdt`);
	},
	/** The citizen's choice: relatives do (hidden=0) or do not (hidden=1) see this meeting. */
	relatives: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		const hidden = (await event.request.formData()).get('hidden');
		if (hidden !== '1' && hidden !== '0') return fail(400, { relatives: 'invalid' as const });
		try {
			const result = await setHiddenFromRelatives(db, grant, meetingId, hidden === '1');
			return { relatives: result.hidden ? ('hidden' as const) : ('shown' as const) };
		} catch (cause) {
			if (cause instanceof DomainError && cause.code === 'not_found')
				error(404, { message: 'errors.not_found', code: 'not_found' });
			throw cause;
		}
	},
	/** "Look at it together": invite the professional of this video meeting to the plan. */
	together: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'together', 'write', { resourceId: meetingId });
		return startFromPage(db, grant.actor, grant.citizenId, meetingId);
	}
} satisfies Actions;
