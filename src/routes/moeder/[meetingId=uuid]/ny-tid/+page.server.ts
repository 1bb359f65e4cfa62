import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { askSchema } from '$lib/meetings/reschedule';
import { formAction } from '$lib/server/forms/form-action';
import { orNotFound } from '$lib/server/forms/http-errors';
import { askForAnotherTime, rescheduleState } from '$lib/server/meetings/reschedule';
import { MEETING_FORM_MESSAGES, meetingDetail } from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';

/**
 * "Jeg har brug for en anden tid": one task on one page. Only the citizen asks (a relative is
 * refused by the policy: relatives read, never write); the meeting must be the citizen's own.
 */
export const load = (async (event) => {
	const meetingId = event.params.meetingId;
	const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
	const now = new Date();
	return orNotFound(async () => {
		const [meeting, rebook] = await Promise.all([
			meetingDetail(db, grant, meetingId, now),
			rescheduleState(db, grant, meetingId, now)
		]);
		const open = rebook.request?.status === 'asked' || rebook.request?.status === 'offered';
		return {
			title: 'rebook.ask.title',
			meeting: {
				id: meeting.id,
				kind: meeting.kind,
				title: meeting.title,
				startsAt: meeting.startsAt,
				endsAt: meeting.endsAt
			},
			canAsk: rebook.canAsk,
			alreadyOpen: open
		};
	});
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		return formAction(event, {
			action: 'ask',
			schema: askSchema,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				await askForAnotherTime(db, grant, meetingId, data);
				redirect(303, `/moeder/${meetingId}?ny-tid=sendt`);
			}
		});
	}
} satisfies Actions;
