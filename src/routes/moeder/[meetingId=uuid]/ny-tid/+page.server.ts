import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { askSchema } from '$lib/meetings/reschedule';
import { runMeetingForm } from '$lib/server/meetings/form-actions';
import { askForAnotherTime, rescheduleState } from '$lib/server/meetings/reschedule';
import { meetingDetail } from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';

/**
 * "Jeg har brug for en anden tid": one task on one page. Only the citizen asks (a relative is
 * refused by the policy: relatives read, never write); the meeting must be the citizen's own.
 */
export const load = (async (event) => {
	const meetingId = event.params.meetingId;
	const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
	const now = new Date();
	try {
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
	} catch (cause) {
		if (cause instanceof DomainError && cause.code === 'not_found')
			error(404, { message: 'errors.not_found', code: 'not_found' });
		throw cause;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const meetingId = event.params.meetingId;
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', { resourceId: meetingId });
		const outcome = await runMeetingForm(event.request, 'ask', askSchema, (data) =>
			askForAnotherTime(db, grant, meetingId, data)
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/moeder/${meetingId}?ny-tid=sendt`);
	}
} satisfies Actions;
