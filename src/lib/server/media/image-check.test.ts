import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImage } from './image-check';
import { MEDIA_LIMITS } from './limits';
import { MediaRefused } from './types';

/** Real bytes: a JPEG and a PNG made by Chromium's canvas (as the page's script makes them). */
const jpeg = new Uint8Array(readFileSync('tests/support/media/letter.jpg'));
const png = new Uint8Array(readFileSync('tests/support/media/small.png'));
const text = (s: string) => new TextEncoder().encode(s);

function refusal(bytes: Uint8Array): string | null {
	try {
		checkImage(bytes);
		return null;
	} catch (cause) {
		if (cause instanceof MediaRefused) return cause.reason;
		throw cause;
	}
}

describe('checkImage', () => {
	it('takes a JPEG, with its size read from the frame header and the type from the bytes', () => {
		const checked = checkImage(jpeg);
		expect(checked).toMatchObject({ kind: 'image', contentType: 'image/jpeg', width: 480, height: 360 });
		expect(checked.durationMs).toBeNull();
	});

	it('takes a PNG (a screenshot)', () => {
		expect(checkImage(png)).toMatchObject({ contentType: 'image/png', width: 40, height: 30 });
	});

	it('refuses a ZIP named .png, HTML, SVG and an empty file', () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(0)]);
		expect(refusal(zip)).toBe('not_image');
		expect(refusal(text('<!doctype html><script>alert(1)</script>'))).toBe('not_image');
		expect(refusal(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe('not_image');
		expect(refusal(new Uint8Array())).toBe('empty');
	});

	it('refuses a real PNG with a ZIP glued on behind it', () => {
		const glued = new Uint8Array([...png, 0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
		expect(refusal(glued)).toBe('not_image');
	});

	it('refuses a picture cut off halfway, and one with only a JPEG start', () => {
		expect(refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe('not_image');
		expect(refusal(jpeg.subarray(0, 40))).toBe('not_image');
		expect(refusal(png.subarray(0, png.length - 4))).toBe('not_image');
		expect(refusal(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe('not_image');
	});

	it('refuses more bytes than the limit, and absurd dimensions', () => {
		const big = new Uint8Array(MEDIA_LIMITS.imageMaxBytes + 1);
		big.set(jpeg);
		expect(refusal(big)).toBe('too_large');
		const huge = new Uint8Array(png);
		new DataView(huge.buffer).setUint32(16, 100_000); // IHDR width
		expect(refusal(huge)).toBe('too_large');
	});
});
