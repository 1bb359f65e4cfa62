import { describe, expect, it } from 'vitest';
import { startServer } from '../lifecycle';
import { AdmissionConfigError, PGLITE_CONCURRENCY, admissionConcurrency, admissionConcurrencyFromEnv } from './index';

describe('ADMISSION_CONCURRENCY', () => {
	it('unset: a few on PGlite, the pool size on PostgreSQL', () => {
		expect(admissionConcurrency('pglite', {})).toBe(PGLITE_CONCURRENCY);
		expect(admissionConcurrency('postgres', {})).toBe(10);
		expect(admissionConcurrency('postgres', { DATABASE_POOL_SIZE: '25' })).toBe(25);
		expect(admissionConcurrency('pglite', { ADMISSION_CONCURRENCY: ' ' })).toBe(PGLITE_CONCURRENCY);
	});

	it('set: that many, on either database', () => {
		expect(admissionConcurrency('pglite', { ADMISSION_CONCURRENCY: '2' })).toBe(2);
		expect(admissionConcurrency('postgres', { ADMISSION_CONCURRENCY: '40', DATABASE_POOL_SIZE: '25' })).toBe(40);
	});

	it('refuses anything else with a plain message that names the setting and the value', () => {
		for (const bad of ['ten', '0', '-3', '2.5', '1e2', '0x10', '501', '4 requests', 'NaN']) {
			expect(() => admissionConcurrencyFromEnv({ ADMISSION_CONCURRENCY: bad }), bad).toThrow(AdmissionConfigError);
			expect(() => admissionConcurrency('pglite', { ADMISSION_CONCURRENCY: bad }), bad).toThrow(
				`ADMISSION_CONCURRENCY must be a whole number from 1 to 500: requests using the database at once per app server (it is "${bad}")`
			);
		}
	});

	it('the server does not start with a bad value, before it opens any database', async () => {
		// A database that cannot be reached: refused by the setting, not by a failed connection.
		await expect(
			startServer({ ADMISSION_CONCURRENCY: 'ten', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
		).rejects.toThrow(AdmissionConfigError);
	});
});
