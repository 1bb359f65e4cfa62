import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { recordRequestSchema } from '$lib/consent/schemas';
import { requestRecords, requestsOf } from '$lib/server/access/record-requests';
import { formValues, parseValues } from '$lib/server/consent/forms';
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
		const values = formValues(await event.request.formData(), []);
		const parsed = parseValues(recordRequestSchema, values);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, message: String(values.message ?? '') });
		const request = await requestRecords(db, grant, parsed.data.message);
		return { sent: { at: request.createdAt.toISOString() } };
	}
} satisfies Actions;
