import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audioRefusalMessage, checkAudio, checkedAudio, MAX_AUDIO_BYTES } from './audio-check';
import { MediaRefused } from './types';

/** Real recordings from Chromium's MediaRecorder (scripts/record-audio-fixtures.ts). */
const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/audio/${name}`, import.meta.url)));

const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** An EBML element with a one-byte-coded size (bodies here are < 127 bytes) or an "unknown" size. */
function ebml(id: number[], body: number[] | Uint8Array | 'unknown'): number[] {
	if (body === 'unknown') return [...id, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
	if (body.length >= 127) throw new Error('body too long for this helper');
	return [...id, 0x80 | body.length, ...body];
}
const EBML_HEADER = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], ascii('webm')));
const track = (type: number, codec: string) =>
	ebml([0xae], [...ebml([0xd7], [1]), ...ebml([0x83], [type]), ...ebml([0x86], ascii(codec))]);
const cluster = (timecode: number) => [...ebml([0x1f, 0x43, 0xb6, 0x75], 'unknown'), ...ebml([0xe7], u32(timecode))];
const block = (relative: number) =>
	ebml([0xa3], [0x81, (relative >> 8) & 0xff, relative & 0xff, 0x80, 0xfc, 0xff, 0xfe]);

function webm({ tracks, durationUnits, clusters }: { tracks: number[]; durationUnits?: number; clusters: number[] }) {
	const info = [
		...ebml([0x2a, 0xd7, 0xb1], u32(1_000_000)),
		...(durationUnits === undefined
			? []
			: ebml([0x44, 0x89], [...new Uint8Array(new Float64Array([durationUnits]).buffer).reverse()]))
	];
	return concat(
		EBML_HEADER,
		ebml([0x18, 0x53, 0x80, 0x67], 'unknown'),
		ebml([0x15, 0x49, 0xa9, 0x66], info),
		ebml([0x16, 0x54, 0xae, 0x6b], tracks),
		clusters
	);
}

function box(type: string, ...body: (number[] | Uint8Array)[]): number[] {
	const inner = body.flatMap((b) => [...b]);
	return [...u32(8 + inner.length), ...ascii(type), ...inner];
}
/** A plain (not fragmented) MP4 as Safari writes it: AAC ('mp4a') in one sound track. */
function mp4({ seconds, handler = 'soun', codec = 'mp4a' }: { seconds: number; handler?: string; codec?: string }) {
	const fullbox = [0, 0, 0, 0];
	const mvhd = box('mvhd', fullbox, u32(0), u32(0), u32(1000), u32(seconds * 1000), new Array(80).fill(0));
	const tkhd = box('tkhd', fullbox, u32(0), u32(0), u32(1), u32(0), u32(seconds * 1000), new Array(60).fill(0));
	const mdhd = box('mdhd', fullbox, u32(0), u32(0), u32(44_100), u32(seconds * 44_100), [0x55, 0xc4, 0, 0]);
	const hdlr = box('hdlr', fullbox, u32(0), ascii(handler), new Array(12).fill(0), [0]);
	const stsd = box('stsd', fullbox, u32(1), box(codec, new Array(28).fill(0)));
	const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', box('stbl', stsd))));
	return concat(
		box('ftyp', ascii('M4A '), u32(0), ascii('M4A isom')),
		box('moov', mvhd, trak),
		box('mdat', [1, 2, 3, 4])
	);
}

describe('checkAudio on real recordings', () => {
	it("accepts Chrome's WebM/Opus and finds its length without a Duration element", () => {
		for (const [name, seconds] of [
			['opus-2s.webm', 2],
			['opus-5s.webm', 5]
		] as const) {
			const bytes = fixture(name);
			const result = checkAudio(bytes, 'audio/webm;codecs=opus');
			expect(result).toMatchObject({ ok: true, contentType: 'audio/webm', byteSize: bytes.byteLength });
			// The last block starts one Opus frame or so before the end; the recorder starts a moment late.
			if (result.ok) expect(Math.abs(result.durationMs - seconds * 1000)).toBeLessThan(400);
		}
	});

	it("accepts Chrome's fragmented MP4 (Opus) and sums its fragments", () => {
		const result = checkAudio(fixture('opus-2s.mp4'), 'audio/mp4;codecs=opus');
		expect(result).toMatchObject({ ok: true, contentType: 'audio/mp4' });
		if (result.ok) expect(Math.abs(result.durationMs - 2000)).toBeLessThan(400);
	});

	it('refuses a recording cut off in the middle (an upload that broke)', () => {
		for (const name of ['opus-2s.webm', 'opus-2s.mp4']) {
			const bytes = fixture(name);
			for (const cut of [4, 40, 300, Math.floor(bytes.byteLength / 2)])
				expect(checkAudio(bytes.subarray(0, cut), name.endsWith('webm') ? 'audio/webm' : 'audio/mp4')).toEqual({
					ok: false,
					reason: 'voice.refused.notAudio'
				});
		}
	});

	it('refuses a real recording claimed as the other type', () => {
		expect(checkAudio(fixture('opus-2s.webm'), 'audio/mp4')).toMatchObject({ ok: false });
		expect(checkAudio(fixture('opus-2s.mp4'), 'audio/webm')).toMatchObject({ ok: false });
		expect(checkAudio(fixture('opus-2s.webm'), 'text/html')).toMatchObject({ ok: false });
	});
});

describe('checkAudio on made files', () => {
	it('accepts an MP4 with AAC as Safari records it, length from mvhd', () => {
		expect(checkAudio(mp4({ seconds: 42 }), 'audio/mp4')).toEqual({
			ok: true,
			contentType: 'audio/mp4',
			durationMs: 42_000,
			byteSize: mp4({ seconds: 42 }).byteLength
		});
	});

	it('refuses an MP4 that is video, or another codec', () => {
		expect(checkAudio(mp4({ seconds: 5, handler: 'vide', codec: 'avc1' }), 'audio/mp4')).toMatchObject({ ok: false });
		expect(checkAudio(mp4({ seconds: 5, codec: 'ac-3' }), 'audio/mp4')).toMatchObject({ ok: false });
	});

	it('refuses an MP4 of three minutes', () => {
		expect(checkAudio(mp4({ seconds: 180 }), 'audio/mp4')).toEqual({ ok: false, reason: 'voice.refused.tooLong' });
	});

	it('reads a WebM Duration when there is one', () => {
		const bytes = webm({ tracks: track(2, 'A_OPUS'), durationUnits: 7_500, clusters: [...cluster(0), ...block(0)] });
		expect(checkAudio(bytes, 'audio/webm')).toMatchObject({ ok: true, durationMs: 7_500 });
	});

	it('refuses a WebM of three minutes: a real recording with a late cluster added', () => {
		const late = concat(fixture('opus-2s.webm'), cluster(180_000), block(20));
		expect(checkAudio(late, 'audio/webm')).toEqual({ ok: false, reason: 'voice.refused.tooLong' });
		// Just inside the limit and its tolerance is still fine.
		const edge = concat(fixture('opus-2s.webm'), cluster(121_000), block(0));
		expect(checkAudio(edge, 'audio/webm')).toMatchObject({ ok: true, durationMs: 121_000 });
	});

	it('refuses a WebM with video only, or video beside the audio', () => {
		const clusters = [...cluster(0), ...block(0), ...cluster(1000), ...block(0)];
		expect(checkAudio(webm({ tracks: track(1, 'V_VP8'), clusters }), 'audio/webm')).toMatchObject({ ok: false });
		expect(
			checkAudio(webm({ tracks: [...track(2, 'A_OPUS'), ...track(1, 'V_VP8')], clusters }), 'audio/webm')
		).toMatchObject({
			ok: false
		});
		expect(checkAudio(webm({ tracks: track(2, 'A_VORBIS'), clusters }), 'audio/webm')).toMatchObject({ ok: false });
	});

	it('refuses a Matroska file that is not WebM', () => {
		const mkv = concat(
			ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], ascii('matroska'))),
			fixture('opus-2s.webm').subarray(EBML_HEADER.length + 4)
		);
		expect(checkAudio(mkv, 'audio/webm')).toMatchObject({ ok: false });
	});

	it('refuses HTML renamed .webm, a ZIP, an empty file and a file over 4 MB', () => {
		const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
		expect(checkAudio(html, 'audio/webm')).toEqual({ ok: false, reason: 'voice.refused.notAudio' });
		const zip = concat([0x50, 0x4b, 0x03, 0x04], new Array(100).fill(0));
		expect(checkAudio(zip, 'audio/mp4')).toEqual({ ok: false, reason: 'voice.refused.notAudio' });
		expect(checkAudio(new Uint8Array(), 'audio/webm')).toEqual({ ok: false, reason: 'voice.refused.empty' });
		const big = concat(fixture('opus-2s.webm'), new Uint8Array(MAX_AUDIO_BYTES));
		expect(checkAudio(big, 'audio/webm')).toEqual({ ok: false, reason: 'voice.refused.tooBig' });
	});

	it('never throws on random bytes', () => {
		const real = fixture('opus-2s.webm');
		for (let seed = 1; seed < 200; seed++) {
			const noisy = real.slice(0, 2000);
			for (let i = 0; i < 20; i++) noisy[(seed * 7919 * (i + 1)) % noisy.length] = (seed * 31 + i * 17) & 0xff;
			expect(() => checkAudio(noisy, 'audio/webm')).not.toThrow();
			expect(() => checkAudio(noisy, 'audio/mp4')).not.toThrow();
		}
	});
});

describe('checkedAudio, for the media service', () => {
	it('gives the checked recording, its length kept within two minutes', () => {
		const edge = concat(fixture('opus-2s.webm'), cluster(121_500), block(0));
		expect(checkedAudio(edge, 'audio/webm')).toMatchObject({
			kind: 'audio',
			contentType: 'audio/webm',
			durationMs: 120_000
		});
	});

	it('throws MediaRefused with the reason, which has a plain message', () => {
		const html = new TextEncoder().encode('<html>');
		expect(() => checkedAudio(html, 'audio/webm')).toThrow(MediaRefused);
		try {
			checkedAudio(html, 'audio/webm');
		} catch (cause) {
			expect(audioRefusalMessage((cause as MediaRefused).reason)).toBe('voice.refused.notAudio');
		}
		expect(audioRefusalMessage('too_long')).toBe('voice.refused.tooLong');
		expect(audioRefusalMessage('too_large')).toBe('voice.refused.tooBig');
	});
});
