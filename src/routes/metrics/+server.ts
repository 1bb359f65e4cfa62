import type { RequestHandler } from './$types';
import { metricsResponse } from '$lib/server/metrics';
import { guard } from '$lib/server/policy/guard';

/**
 * Prometheus metrics on the app's port, only with `Authorization: Bearer $METRICS_TOKEN`: 404 when
 * no token is configured, 401 with a wrong or missing one. (METRICS_PORT serves them on loopback.)
 */
export const GET: RequestHandler = async ({ request }) => {
	guard.public();
	return metricsResponse(request.headers.get('authorization'));
};
