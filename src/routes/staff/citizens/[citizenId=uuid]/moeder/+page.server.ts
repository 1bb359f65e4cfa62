import type { PageServerLoad } from './$types';
import { personName } from '$lib/server/people/repository';
import { meetingsForStaff } from '$lib/server/meetings/service';
import { openRequests } from '$lib/server/meetings/reschedule';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';
import { topicsOnMeeting } from '$lib/server/policy/decisions';
import { topicCountsFor } from '$lib/server/topics/service';

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
	// How many topics the citizen brings to each coming meeting (those this professional may see).
	const topicsGrant = await topicsOnMeeting(db, grant);
	const topicCounts = topicsGrant
		? await topicCountsFor(
				db,
				topicsGrant,
				meetings.upcoming.map((m) => m.id)
			)
		: new Map<string, number>();
	const count = Number(event.url.searchParams.get('count'));
	return {
		title: 'meetings.staff.title',
		citizen,
		...meetings,
		topicCounts: Object.fromEntries(topicCounts),
		requests: requests.map((r) => ({
			...r,
			askedAt: r.askedAt.toISOString(),
			startsAt: r.startsAt.toISOString(),
			endsAt: r.endsAt.toISOString()
		})),
		savedCount: event.url.searchParams.get('saved') === 'new' && count > 0 ? count : null
	};
}) satisfies PageServerLoad;
