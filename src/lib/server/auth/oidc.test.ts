import { describe, expect, it } from 'vitest';
import { loaAtLeast, parseLoa } from './oidc';

describe('assurance level', () => {
	it('reads the NSIS URI and bare words, and nothing else', () => {
		expect(parseLoa('https://data.gov.dk/concept/core/nsis/loa/Substantial')).toBe('substantial');
		expect(parseLoa('https://data.gov.dk/concept/core/nsis/loa/High')).toBe('high');
		expect(parseLoa('low')).toBe('low');
		expect(parseLoa('https://data.gov.dk/concept/core/nsis/loa/Extreme')).toBeNull();
		expect(parseLoa(3)).toBeNull();
		expect(parseLoa(undefined)).toBeNull();
	});
	it('orders levels', () => {
		expect(loaAtLeast('high', 'substantial')).toBe(true);
		expect(loaAtLeast('substantial', 'substantial')).toBe(true);
		expect(loaAtLeast('low', 'substantial')).toBe(false);
	});
});
