import type { Handle } from '@sveltejs/kit';
import { metrics } from '$lib/server/metrics';

/** Counts each request and its time by route id (never the URL, which may carry ids). */
export const requestMetrics: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		metrics.observeRequest(event.request.method, event.route.id, status, (performance.now() - started) / 1000);
	}
};
