import { describe, expect, it } from 'vitest';
import { DatabaseConfigError, initDatabase, poolSizeFromEnv } from './index';

describe('DATABASE_POOL_SIZE', () => {
	it('unset or empty: the default; a whole number: that many connections', () => {
		expect(poolSizeFromEnv({})).toBeUndefined();
		expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: ' ' })).toBeUndefined();
		expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '5' })).toBe(5);
		expect(poolSizeFromEnv({ DATABASE_POOL_SIZE: '500' })).toBe(500);
	});

	it('refuses anything else with a plain message that names the setting and the value', () => {
		for (const bad of ['ten', '0', '-3', '2.5', '1e2', '0x10', '501', '10 connections', 'NaN']) {
			expect(() => poolSizeFromEnv({ DATABASE_POOL_SIZE: bad }), bad).toThrow(DatabaseConfigError);
			expect(() => poolSizeFromEnv({ DATABASE_POOL_SIZE: bad }), bad).toThrow(
				`DATABASE_POOL_SIZE must be a whole number from 1 to 500: connections per app server (it is "${bad}")`
			);
		}
	});

	it('the server does not start with a bad value, before it opens any database', async () => {
		// A database that cannot be reached: refused by the setting, not by a failed connection.
		await expect(
			initDatabase({ DATABASE_POOL_SIZE: 'ten', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
		).rejects.toThrow(DatabaseConfigError);
	});
});
