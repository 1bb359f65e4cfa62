import { describe, expect, it } from 'vitest';
import { CODE_PREFIX_LENGTH, DEFAULT_RULES, rulesFromEnv } from './rules';

describe('rate limit settings', () => {
	it('reads RATE_LIMITS overrides and keeps the defaults for the rest', () => {
		const rules = rulesFromEnv('login=5000/10m, export=3/1h');
		expect(rules.login).toEqual({ limit: 5000, windowSeconds: 600, by: 'ip' });
		expect(rules.export).toEqual({ limit: 3, windowSeconds: 3600, by: 'person' });
		expect(rules.sync).toEqual(DEFAULT_RULES.sync);
		expect(rulesFromEnv(undefined)).toEqual(DEFAULT_RULES);
	});

	it('refuses a typo, an unknown bucket, a zero limit and a window over a day', () => {
		for (const bad of ['login=5', 'logins=5/1m', 'login=0/1m', 'login=5/25h', 'login=5/1d'])
			expect(() => rulesFromEnv(bad), bad).toThrow(/RATE_LIMITS/);
	});
});

describe('guessing an invitation code is hopeless', () => {
	// The figures stated in rules.ts, computed from the settings in force.
	const codes = 32 ** 10;
	const validHours = 7 * 24;
	const ipRule = DEFAULT_RULES['invitation-ip'];
	const prefixRule = DEFAULT_RULES['invitation-code'];
	const prefixes = 32 ** CODE_PREFIX_LENGTH;

	it('caps the tries of the whole world by the prefix limit, however many addresses are used', () => {
		const worldPerHour = prefixes * prefixRule.limit * (3600 / prefixRule.windowSeconds);
		const worldTries = worldPerHour * validHours;
		expect(worldPerHour).toBe(30_720);
		expect(worldTries).toBe(5_160_960);
		// One given code within its 7 days, and any of 10 000 open invitations.
		expect(worldTries / codes).toBeLessThan(5e-9);
		expect((worldTries * 10_000) / codes).toBeLessThan(5e-5);
	});

	it('gives one address far less', () => {
		const perHour = ipRule.limit * (3600 / ipRule.windowSeconds);
		expect(perHour).toBe(80);
		expect((perHour * validHours) / codes).toBeLessThan(1.2e-11);
	});
});
