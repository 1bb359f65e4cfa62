import type { Actions, PageServerLoad } from './$types';
import { recordRequestSchema } from '$lib/consent/schemas';
import { requestRecords, requestsOf } from '$lib/server/access/record-requests';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';

/**
 * "My data": download everything as JSON, read it as one plain page, get the plan as FHIR, and
 * ask the municipality for formal aktindsigt. Only the citizen; relatives and staff are refused.
 */
export const load = (async (event) => {
	await guard.citizen(event, 'export', 'read');
	const { grant, db } = await guard.citizen(event, 'record_requests', 'read');
	const requests = await requestsOf(db, grant);
	return {
		title: 'access.data.title',
		requests: requests.map((r) => ({
			id: r.id,
			message: r.message,
			status: r.status,
			createdAt: r.createdAt.toISOString(),
			updatedAt: r.updatedAt.toISOString()
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	request: async (event) => {
		const { grant, db } = await guard.citizen(event, 'record_requests', 'write');
		return formAction(event, {
			action: 'request',
			schema: recordRequestSchema,
			run: (data) => requestRecords(db, grant, data.message),
			answer: (request) => ({ sent: { at: request.createdAt.toISOString() } })
		});
	}
} satisfies Actions;
