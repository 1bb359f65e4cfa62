/**
 * Telling "the database cannot be reached" apart from other failures, so a request can get a
 * plain 503 with Retry-After instead of an error page (src/hooks/database-unavailable.ts).
 * postgres.js reconnects by itself on the next query once the database is back: nothing here
 * needs restarting.
 */

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 15;

/** postgres.js's own codes for a connection that broke or could not be made. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** Operating-system errors of a connection (only counted when they come from a database query). */
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN'
]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), the server shutting down or starting up
 * (57P01–57P03), too many connections (53300).
 */
const SQLSTATES = /^(08...|57P0[123]|53300)$/;

interface Coded {
	name?: unknown;
	code?: unknown;
	cause?: unknown;
	port?: unknown;
	query?: unknown;
	params?: unknown;
}

/**
 * What says the database is out of reach in `error` (or an error it wraps, through `cause`): the
 * driver's, the operating system's or PostgreSQL's code of a dropped or refused connection, or of
 * a server that is shutting down or starting; null for query errors (a constraint, a syntax
 * error). A socket error counts only inside a database query's error (drizzle's
 * DrizzleQueryError) or when it names the database's port. The code goes into the log, so a 503
 * can be explained afterwards.
 */
export function databaseUnavailableCode(error: unknown, databasePort?: number): string | null {
	let inQuery = false;
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const { name, code, cause, port, query, params } = current as Coded;
		// drizzle's DrizzleQueryError (its name is plain "Error"): the failed query and its parameters.
		if (typeof query === 'string' && params !== undefined) inQuery = true;
		if (typeof code === 'string') {
			if (DRIVER_CODES.has(code)) return code;
			if (name === 'PostgresError' && SQLSTATES.test(code)) return code;
			if (SOCKET_CODES.has(code) && (inQuery || (databasePort !== undefined && port === databasePort))) return code;
		}
		current = cause;
	}
	return null;
}
