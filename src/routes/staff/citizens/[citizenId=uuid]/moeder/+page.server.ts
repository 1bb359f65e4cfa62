import type { PageServerLoad } from './$types';
import { personName } from '$lib/server/people/repository';
import { meetingsForStaff } from '$lib/server/meetings/service';
import { openRequests } from '$lib/server/meetings/reschedule';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';

/** A professional's view of an assigned citizen's meetings, with every answer and reason. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'meetings', 'read', {
		citizenId: event.params.citizenId,
		staff: true
	});
	const [citizen, meetings, requests] = await Promise.all([
		personName(db, grant.citizenId),
		meetingsForStaff(db, grant),
		openRequests(db, grant)
	]);
	if (!citizen) notFound();
	const count = Number(event.url.searchParams.get('count'));
	return {
		title: 'meetings.staff.title',
		citizen,
		...meetings,
		requests: requests.map((r) => ({
			...r,
			askedAt: r.askedAt.toISOString(),
			startsAt: r.startsAt.toISOString(),
			endsAt: r.endsAt.toISOString()
		})),
		savedCount: event.url.searchParams.get('saved') === 'new' && count > 0 ? count : null
	};
}) satisfies PageServerLoad;
