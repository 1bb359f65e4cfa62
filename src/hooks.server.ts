import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { startServer } from '$lib/server/lifecycle';
import { logger } from '$lib/server/log';
import { crossSiteGuard } from './hooks/cross-site';
import { locale } from './hooks/locale';
import { requestMetrics } from './hooks/metrics';
import { requestLog } from './hooks/request-log';
import { securityHeaders } from './hooks/security-headers';
import { session } from './hooks/session';

/**
 * Before the first request: opens the database and applies migrations, starts the job runner
 * (and the metrics port), and arranges the graceful stop (src/lib/server/lifecycle.ts).
 */
export const init: ServerInit = async () => {
	await startServer();
};

export const handle = sequence(requestLog, requestMetrics, securityHeaders, crossSiteGuard, locale, session);

/** Unexpected errors: log the error id and route, show a plain page, never a stack trace. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = crypto.randomUUID();
	if (status !== 404) {
		logger.error({
			errorId,
			route: event.route.id,
			status,
			err: error instanceof Error ? error.name + ': ' + error.message : 'unknown'
		});
	}
	return { message: status === 404 ? 'errors.not_found' : 'errors.unexpected', code: errorId };
};
