import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { startServer } from '$lib/server/lifecycle';
import { logger } from '$lib/server/log';
import { admission } from './hooks/admission';
import { bodyLimit } from './hooks/body-limit';
import { crossSiteGuard } from './hooks/cross-site';
import { databaseUnavailable, markDatabaseUnavailable, unavailableCode } from './hooks/database-unavailable';
import { locale } from './hooks/locale';
import { oldAddresses } from './hooks/old-addresses';
import { plainErrors } from './hooks/plain-errors';
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

export const handle = sequence(
	requestLog,
	requestMetrics,
	securityHeaders,
	// Before anything reads the request: an old address only needs its new one.
	oldAddresses,
	// After locale (its refusal page is in the person's language), before anything reads the session.
	locale,
	plainErrors,
	crossSiteGuard,
	// Before anything reads a body: an upload too large for its route is refused unread.
	bodyLimit,
	databaseUnavailable,
	// Before the first hook that reads the database: its requests take turns (src/hooks/admission.ts).
	admission,
	session
);

/**
 * What to log of an error. A failed query's message (drizzle) holds its SQL and parameters, which
 * can be personal text or a session id: log only the driver's reason.
 */
function describeError(error: unknown): string {
	if (!(error instanceof Error)) return 'unknown';
	if ('query' in error && 'params' in error) {
		const cause = error.cause as { code?: unknown; name?: unknown } | undefined;
		return `Failed query: ${String(cause?.code ?? cause?.name ?? 'unknown reason')}`;
	}
	return error.name + ': ' + error.message;
}

/**
 * The text a refusal SvelteKit raises itself shows (an unknown address, a method a route does not
 * take, a body over BODY_SIZE_LIMIT, a form it cannot read): an i18n key, never the framework's
 * English message; any other 4xx is "we could not read what was sent".
 */
const CLIENT_ERROR_MESSAGES: Record<number, string> = {
	400: 'errors.bad_request',
	403: 'errors.forbidden.not_allowed',
	404: 'errors.not_found',
	405: 'errors.method_not_allowed',
	413: 'errors.too_large',
	429: 'limits.refused.textSoon'
};

/**
 * Errors not raised with error(): log the error id and route, show a plain page, never a stack
 * trace. A 4xx is the request's fault, not ours: a warning, and the page says what was wrong.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	// The database is out of reach: the databaseUnavailable hook answers 503 with Retry-After instead.
	const code = unavailableCode(error);
	if (code !== null) {
		markDatabaseUnavailable(event);
		logger.warn({ route: event.route.id, code }, 'database unavailable');
		return { message: 'unavailable.body', code: 'database_unavailable' };
	}
	const errorId = crypto.randomUUID();
	if (status >= 400 && status < 500) {
		if (status !== 404) logger.warn({ errorId, route: event.route.id, status, err: describeError(error) });
		const message = CLIENT_ERROR_MESSAGES[status] ?? 'errors.bad_request';
		return { message, code: message.split('.').pop()! };
	}
	logger.error({ errorId, route: event.route.id, status, err: describeError(error) });
	return { message: 'errors.unexpected', code: errorId };
};
