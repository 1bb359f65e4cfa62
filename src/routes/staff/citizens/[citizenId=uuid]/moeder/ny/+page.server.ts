import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newMeetingSchema } from '$lib/meetings/schemas';
import { personName } from '$lib/server/people/repository';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { videoAllowlist } from '$lib/server/meetings/repository';
import {
	MEETING_FORM_MESSAGES,
	MEETING_LISTS,
	participantOptions,
	scheduleMeetings
} from '$lib/server/meetings/service';
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
	if (!citizen) notFound();
	return { title: 'meetings.staff.newTitle', citizen, options, allowlist, me: grant.actor.id };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'save',
			schema: newMeetingSchema,
			lists: MEETING_LISTS,
			messages: MEETING_FORM_MESSAGES,
			run: async (data) => {
				const { meetings } = await scheduleMeetings(db, grant, data);
				redirect(303, `/staff/citizens/${grant.citizenId}/moeder?saved=new&count=${meetings.length}`);
			}
		});
	}
} satisfies Actions;
