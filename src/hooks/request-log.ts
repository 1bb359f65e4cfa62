import type { Handle } from '@sveltejs/kit';
import { logger } from '$lib/server/log';

/** One line per request: route id (never the URL with ids in it), status, duration. */
export const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = crypto.randomUUID();
	const response = await resolve(event);
	logger.info({
		requestId: event.locals.requestId,
		method: event.request.method,
		route: event.route.id ?? 'unmatched',
		status: response.status,
		ms: Math.round(performance.now() - started)
	});
	return response;
};
