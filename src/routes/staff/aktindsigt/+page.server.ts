import type { Actions, PageServerLoad } from './$types';
import { recordRequestStatusSchema } from '$lib/consent/schemas';
import { citizensWithRequests, requestsOf, setRequestStatus } from '$lib/server/access/record-requests';
import { formAction, formDataOf } from '$lib/server/forms/form-action';
import { cleanText } from '$lib/validation';
import { citizensByIds } from '$lib/server/people/repository';
import { caseloadOf, canRead } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';

/**
 * Requests for formal aktindsigt from the citizens a caseworker holds. Only the caseworker role
 * sees them (the policy's rule); reading a citizen's requests is logged for that citizen, and only
 * for citizens who have asked (the others' log would otherwise say they had).
 */
export const load = (async (event) => {
	const { user, db } = guard.staff(event);
	const caseload = await citizensByIds(db, await caseloadOf(db, user));
	const allowed = [];
	for (const citizen of caseload) if (await canRead(db, user, citizen.id, 'record_requests')) allowed.push(citizen);
	const asked = await citizensWithRequests(
		db,
		allowed.map((c) => c.id)
	);
	const citizens = [];
	for (const citizen of allowed.filter((c) => asked.has(c.id))) {
		const { grant } = await guard.citizen(event, 'record_requests', 'read', { citizenId: citizen.id, staff: true });
		const requests = await requestsOf(db, grant);
		if (requests.length)
			citizens.push({
				id: citizen.id,
				name: citizen.displayName,
				requests: requests.map((r) => ({
					id: r.id,
					message: r.message,
					status: r.status,
					createdAt: r.createdAt.toISOString(),
					updatedAt: r.updatedAt.toISOString()
				}))
			});
	}
	return { title: 'access.staff.title', isCaseworker: user.roles.includes('caseworker'), citizens };
}) satisfies PageServerLoad;

export const actions = {
	status: async (event) => {
		// The form names the citizen; the guard decides on them before anything else is read.
		const citizenId = (await formDataOf(event.request)).get('citizenId');
		const { grant, db } = await guard.citizen(event, 'record_requests', 'write', {
			citizenId: typeof citizenId === 'string' ? cleanText(citizenId) : undefined,
			staff: true
		});
		return formAction(event, {
			action: 'status',
			schema: recordRequestStatusSchema,
			target: 'requestId',
			messages: { conflict: 'access.staff.changed' },
			run: (data) => setRequestStatus(db, grant, data.requestId, data.status)
		});
	}
} satisfies Actions;
