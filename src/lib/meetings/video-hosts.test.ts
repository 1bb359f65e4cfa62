import { describe, expect, it } from 'vitest';
import { parseVideoHost } from './video-hosts';
import { safeVideoLink } from './video-link';

describe('a host for the video allow-list', () => {
	it('takes a bare name or the name of an https address, in lower case', () => {
		expect(parseVideoHost(' Video.Kommune.DK ')).toEqual({ ok: true, host: 'video.kommune.dk' });
		expect(parseVideoHost('https://meet.region.dk/rum/123?x=1')).toEqual({ ok: true, host: 'meet.region.dk' });
		expect(parseVideoHost('video.kommune.dk.')).toEqual({ ok: true, host: 'video.kommune.dk' });
	});

	it('refuses what is not one host, each with its own reason', () => {
		expect(parseVideoHost('   ')).toEqual({ ok: false, problem: 'empty' });
		expect(parseVideoHost('http://video.kommune.dk')).toEqual({ ok: false, problem: 'not_https' });
		expect(parseVideoHost('https://video.kommune.dk:8443/rum')).toEqual({ ok: false, problem: 'has_port' });
		expect(parseVideoHost('video.kommune.dk:8443')).toEqual({ ok: false, problem: 'has_port' });
		for (const bad of [
			'localhost',
			'*.kommune.dk',
			'10.0.0.1',
			'video kommune.dk',
			'-video.kommune.dk',
			'https://video.kommune.dk@evil.example',
			'javascript:alert(1)',
			`${'a'.repeat(64)}.dk`
		])
			expect(parseVideoHost(bad), bad).toEqual({ ok: false, problem: 'not_a_host' });
	});

	it('is what the meeting page then trusts, and nothing near it', () => {
		const parsed = parseVideoHost('https://Video.Kommune.dk/rum');
		if (!parsed.ok) throw new Error('expected a host');
		expect(safeVideoLink('https://video.kommune.dk/rum/jonas', [parsed.host]).kind).toBe('link');
		expect(safeVideoLink('https://video.kommune.dk.evil.example/rum', [parsed.host]).kind).toBe('text');
		expect(safeVideoLink('https://evil-video.kommune.dk/rum', [parsed.host]).kind).toBe('text');
	});
});
