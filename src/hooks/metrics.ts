import type { Handle } from '@sveltejs/kit';
import { metrics } from '$lib/server/metrics';

/** The offline outbox's endpoint: its answers are also counted as outbox syncs, by status. */
const SYNC_ROUTE = '/api/sync';

/**
 * Counts each request and its time by route id (never the URL, which may carry ids). A sync from
 * the outbox is counted here too, with the status the phone got — also when a later hook or the
 * route refused it (429 rate limited, 503 database away, 401 logged out).
 */
export const requestMetrics: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		metrics.observeRequest(event.request.method, event.route.id, status, (performance.now() - started) / 1000);
		if (event.route.id === SYNC_ROUTE && event.request.method === 'POST') metrics.syncAnswered(status);
	}
};
