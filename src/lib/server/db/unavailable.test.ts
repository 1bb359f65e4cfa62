import { describe, expect, it } from 'vitest';
import { databaseUnavailableCode } from './unavailable';

const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, ...extra });
/** As drizzle's DrizzleQueryError is made (its name stays "Error"). */
const inQuery = (cause: unknown) =>
	Object.assign(new Error('Failed query: select 1'), { query: 'select 1', params: [], cause });
const isDatabaseUnavailable = (error: unknown, port?: number) => databaseUnavailableCode(error, port) !== null;
const postgresError = (code: string) => Object.assign(new Error('server says'), { name: 'PostgresError', code });

describe('databaseUnavailableCode', () => {
	it('names the code that said so, for the log', () => {
		expect(databaseUnavailableCode(inQuery(coded('ECONNRESET')))).toBe('ECONNRESET');
		expect(databaseUnavailableCode(inQuery(postgresError('53300')))).toBe('53300');
		expect(databaseUnavailableCode(inQuery(postgresError('23505')))).toBeNull();
	});

	it('knows a refused, dropped or timed-out connection inside a query', () => {
		expect(isDatabaseUnavailable(inQuery(coded('ECONNREFUSED')))).toBe(true);
		expect(isDatabaseUnavailable(inQuery(coded('ECONNRESET')))).toBe(true);
		expect(isDatabaseUnavailable(coded('CONNECTION_CLOSED'))).toBe(true);
		expect(isDatabaseUnavailable(inQuery(coded('CONNECT_TIMEOUT')))).toBe(true);
	});

	it('knows a server that is shutting down, starting, or full', () => {
		for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300'])
			expect(isDatabaseUnavailable(inQuery(postgresError(code))), code).toBe(true);
	});

	it('does not take an ordinary query error for an outage', () => {
		expect(isDatabaseUnavailable(inQuery(postgresError('23505')))).toBe(false); // unique violation
		expect(isDatabaseUnavailable(inQuery(postgresError('42601')))).toBe(false); // syntax error
		expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
	});

	it('counts a bare socket error only when it is the database port', () => {
		// e.g. the identity provider or a push service refusing: not the database.
		expect(isDatabaseUnavailable(coded('ECONNREFUSED', { port: 5174 }), 5432)).toBe(false);
		expect(isDatabaseUnavailable(coded('ECONNREFUSED', { port: 5432 }), 5432)).toBe(true);
		expect(isDatabaseUnavailable(new Error('fetch failed', { cause: coded('ECONNRESET') }))).toBe(false);
	});
});
