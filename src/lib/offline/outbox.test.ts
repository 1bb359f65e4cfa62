import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './outbox';

describe('Retry-After for the outbox', () => {
	const now = Date.parse('2026-11-24T13:00:00Z');

	it('waits as long as the server asks, in seconds or as a date', () => {
		expect(retryAfterMs('120', now)).toBe(120_000);
		expect(retryAfterMs('Tue, 24 Nov 2026 13:05:00 GMT', now)).toBe(300_000);
	});

	it('never longer than ten minutes, however much is asked', () => {
		expect(retryAfterMs('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
		expect(retryAfterMs('Fri, 24 Nov 2028 13:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
	});

	it('ignores a missing, past or broken value', () => {
		for (const value of [null, '', '0', '-5', 'soon', 'Mon, 23 Nov 2026 13:00:00 GMT'])
			expect(retryAfterMs(value, now), String(value)).toBeNull();
	});
});
