import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/errors';
import { replySchema } from '$lib/meetings/schemas';
import { runMeetingForm } from '$lib/server/meetings/form-actions';
import { meetingDetail, replyToMeeting } from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';
import { canStartFrom, startFromPage } from '$lib/server/together/form-actions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function meetingIdOf(param: string): string {
	if (!UUID.test(param)) error(404, { message: 'errors.not_found', code: 'not_found' });
	return param;
}

/** One meeting: when, where or how (video), who comes, how to prepare, what was agreed, and the reply. */
export const load = (async (event) => {
	const meetingId = meetingIdOf(event.params.meetingId);
	const { grant, db } = await guard.citizenData(event, 'meetings', 'read', meetingId);
	const now = new Date();
	try {
		const meeting = await meetingDetail(db, grant, meetingId, now);
		return {
			title: 'meetings.page.title',
			isSelf: grant.relation.kind === 'self',
			now: now.toISOString(),
			// "Look at it together" starts from a video meeting that is on now.
			togetherOpen: grant.relation.kind === 'self' && canStartFrom(meeting, now),
			meeting: { ...meeting, participantIds: undefined, allowlist: undefined, edit: undefined }
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
		const meetingId = meetingIdOf(event.params.meetingId);
		const { grant, db } = await guard.citizenData(event, 'meetings', 'write', meetingId);
		const outcome = await runMeetingForm(event.request, 'reply', replySchema, (data) =>
			replyToMeeting(db, grant, meetingId, data)
		);
		if (!outcome.ok) return outcome.failure;
		return { action: 'reply', done: true as const, response: outcome.result.response };
	},
	/** "Look at it together": invite the professional of this video meeting to the plan. */
	together: async (event) => {
		const meetingId = meetingIdOf(event.params.meetingId);
		const { grant, db } = await guard.citizenData(event, 'together', 'write', meetingId);
		return startFromPage(db, grant, meetingId);
	}
} satisfies Actions;
