import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from './format';

describe('dates in Danish time', () => {
	it('shows a UTC instant in Copenhagen time, across the change to winter time', () => {
		// 26 October 2026: Denmark is back on UTC+1.
		expect(formatTime('2026-10-23T08:00:00Z', 'da-DK')).toBe('10.00');
		expect(formatTime('2026-10-27T09:00:00Z', 'da-DK')).toBe('10.00');
	});
	it('formats in the person’s language, and a plain date stays that day', () => {
		expect(formatDate('2026-03-03', 'da-DK', 'short')).toBe('3. mar. 2026');
		expect(formatDate('2026-03-03', 'en-GB', 'long')).toBe('Tuesday 3 March');
	});
});
