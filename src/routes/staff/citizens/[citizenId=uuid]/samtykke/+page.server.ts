import type { PageServerLoad } from './$types';
import { personName } from '$lib/server/people/repository';
import { canRead } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';
import { notFound } from '$lib/server/forms/http-errors';

/**
 * Whether health information about this citizen may be shared with the professional looking,
 * read from the citizen's consent on every request: a withdrawal shows here at once.
 * The consent's details stay the citizen's; only yes or no is shown.
 */
export const load = (async (event) => {
	// Logged as what the page shows: whether the citizen said yes to sharing health information.
	const { grant, db } = await guard.citizen(event, 'people', 'read', {
		citizenId: event.params.citizenId,
		staff: true,
		detail: 'health_consent_checked'
	});
	const citizen = await personName(db, grant.citizenId);
	if (!citizen) notFound();
	return {
		title: 'access.health.title',
		citizen,
		healthInfo: await canRead(db, grant.actor, grant.citizenId, 'health_info')
	};
}) satisfies PageServerLoad;
