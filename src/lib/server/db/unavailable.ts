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

/** The system calls a connection's socket fails in. */
const SOCKET_CALLS = new Set(['connect', 'read', 'write']);

/**
 * The code of a bare connection error: a socket that was refused, reset or timed out (`read
 * ECONNRESET`), or the driver's "connection closed", with nothing around it. The database drivers
 * (postgres.js, and node-postgres inside pg-boss) now and then lose track of one such promise when
 * the database goes away mid-query, and it surfaces as an unhandled rejection with no stack of
 * ours (porsager/postgres#600, brianc/node-postgres#3658). Null for anything else.
 */
export function bareConnectionErrorCode(error: unknown): string | null {
	if (!error || typeof error !== 'object') return null;
	const { code, syscall } = error as { code?: unknown; syscall?: unknown };
	if (typeof code !== 'string') return null;
	if (DRIVER_CODES.has(code)) return code;
	return SOCKET_CODES.has(code) && typeof syscall === 'string' && SOCKET_CALLS.has(syscall) ? code : null;
}
