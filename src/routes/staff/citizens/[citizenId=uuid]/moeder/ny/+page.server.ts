import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newMeetingSchema } from '$lib/meetings/schemas';
import { personName } from '$lib/server/people/repository';
import { runMeetingForm } from '$lib/server/meetings/form-actions';
import { videoAllowlist } from '$lib/server/meetings/repository';
import { participantOptions, scheduleMeetings } from '$lib/server/meetings/service';
import { guard } from '$lib/server/policy/guard';

/**
 * Plan one meeting or a weekly series for the citizen. The form shows no meetings, only who can
 * be invited (the care team, relatives): logged as that ("saw who helps you"), not as the meetings.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'people', 'read', {
		citizenId: event.params.citizenId,
		staff: true
	});
	const [citizen, options, allowlist] = await Promise.all([
		personName(db, grant.citizenId),
		participantOptions(db, grant),
		videoAllowlist(db, grant.citizenId, null)
	]);
	if (!citizen) error(404, { message: 'errors.not_found', code: 'not_found' });
	return { title: 'meetings.staff.newTitle', citizen, options, allowlist, me: grant.actor.id };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const outcome = await runMeetingForm(event.request, 'save', newMeetingSchema, (data) =>
			scheduleMeetings(db, grant, data)
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/staff/citizens/${grant.citizenId}/moeder?saved=new&count=${outcome.result.meetings.length}`);
	}
} satisfies Actions;
