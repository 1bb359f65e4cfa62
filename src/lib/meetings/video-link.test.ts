import { describe, expect, it } from 'vitest';
import { isHttpsUrl, safeVideoLink, videoOpensAt, videoState } from './video-link';

const ALLOW = ['video.kommune.dk', 'meet.kommune.dk'];

describe('safeVideoLink', () => {
	it('makes a link of https to an allowed host', () => {
		expect(safeVideoLink('https://video.kommune.dk/rum/mette', ALLOW)).toEqual({
			kind: 'link',
			href: 'https://video.kommune.dk/rum/mette',
			host: 'video.kommune.dk'
		});
	});

	it('ignores case and a trailing dot in the host, and trims', () => {
		expect(safeVideoLink('  https://VIDEO.Kommune.dk./rum  ', ALLOW).kind).toBe('link');
		expect(safeVideoLink('https://meet.kommune.dk/x', [' MEET.kommune.dk ']).kind).toBe('link');
	});

	it.each([
		['http://video.kommune.dk/rum', 'not_https'],
		['javascript:alert(1)', 'not_https'],
		['ftp://video.kommune.dk/rum', 'not_https'],
		['https://evil.example/rum', 'not_allowed'],
		['https://video.kommune.dk.evil.example/rum', 'not_allowed'],
		['https://evilvideo.kommune.dk/rum', 'not_allowed'],
		['https://sub.video.kommune.dk/rum', 'not_allowed'],
		['https://video.kommune.dk@evil.example/rum', 'not_allowed'],
		['https://user:pw@video.kommune.dk/rum', 'not_allowed'],
		['https://video.kommune.dk:8443/rum', 'not_allowed'],
		['video.kommune.dk/rum', 'invalid'],
		['', 'invalid']
	])('shows %s as text (%s)', (url, problem) => {
		const result = safeVideoLink(url, ALLOW);
		expect(result).toEqual({ kind: 'text', text: url.trim(), problem });
	});

	it('has no link at all when the allow-list is empty', () => {
		expect(safeVideoLink('https://video.kommune.dk/rum', []).kind).toBe('text');
	});

	it('keeps the default port 443 as the host itself', () => {
		expect(safeVideoLink('https://video.kommune.dk:443/rum', ALLOW).kind).toBe('link');
	});
});

describe('isHttpsUrl', () => {
	it('accepts https and refuses anything else', () => {
		expect(isHttpsUrl('https://x.example/a')).toBe(true);
		expect(isHttpsUrl('http://x.example/a')).toBe(false);
		expect(isHttpsUrl('x.example')).toBe(false);
		expect(isHttpsUrl('https://a:b@x.example')).toBe(false);
	});
});

describe('videoState', () => {
	const start = new Date('2026-11-02T09:00:00Z');
	const end = new Date('2026-11-02T09:30:00Z');
	it('opens 10 minutes before the start and closes at the end', () => {
		expect(videoOpensAt(start).toISOString()).toBe('2026-11-02T08:50:00.000Z');
		expect(videoState(start, end, new Date('2026-11-02T08:49:59Z'))).toBe('not_yet');
		expect(videoState(start, end, new Date('2026-11-02T08:50:00Z'))).toBe('open');
		expect(videoState(start, end, new Date('2026-11-02T09:29:59Z'))).toBe('open');
		expect(videoState(start, end, end.getTime())).toBe('ended');
	});
});
