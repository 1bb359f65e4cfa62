import { MEDIA_LIMITS } from './limits';
import { MediaRefused, checkedMedia, type CheckedMedia } from './types';

/**
 * Is it really a photo? Read from the bytes alone (never from the file name or the type the
 * browser sent): a JPEG (what the page's script sends, and what phone cameras make) or a PNG
 * (a screenshot of a letter). Anything else is refused: HTML, a ZIP named .png, an SVG (it can
 * hold script), a file cut off halfway, a picture with absurd dimensions. The type we serve it
 * with is the one found here. Pure: no I/O, no decoding of pixels.
 */

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

/** Width and height from the JPEG's frame header (SOF), or null when the segments do not add up. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
	if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
	let i = 2;
	let size: { width: number; height: number } | null = null;
	while (i + 4 <= b.length) {
		if (b[i] !== 0xff) return null;
		while (b[i + 1] === 0xff && i + 2 < b.length) i++; // fill bytes
		const marker = b[i + 1];
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		if (marker === 0xd9) return null; // the end before any picture data
		const length = u16(b, i + 2);
		if (length < 2 || i + 2 + length > b.length) return null;
		if (SOF_MARKERS.has(marker)) {
			if (length < 8) return null;
			size = { height: u16(b, i + 5), width: u16(b, i + 7) };
		}
		if (marker === 0xda) {
			// Picture data follows; a whole file ends it with EOI (FF D9), which cannot occur inside
			// the data (an FF there is always followed by 00 or a restart marker). Cut off: no EOI.
			const sos = i + 2 + length;
			for (let j = b.length - 2; j >= sos; j--) if (b[j] === 0xff && b[j + 1] === 0xd9) return size;
			return null;
		}
		i += 2 + length;
	}
	return null;
}

/** Width and height from the PNG's IHDR, or null unless the chunks run exactly to IEND at the end. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
	if (b.length < 8 + 25 + 12 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return null;
	if (u32(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
	const size = { width: u32(b, 16), height: u32(b, 20) };
	let i = 8;
	let sawData = false;
	while (i + 12 <= b.length) {
		const length = u32(b, i);
		const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
		const next = i + 12 + length;
		if (next > b.length) return null;
		if (type === 'IDAT') sawData = true;
		// Anything after IEND (a ZIP glued on behind a real picture) is refused.
		if (type === 'IEND') return sawData && next === b.length ? size : null;
		i = next;
	}
	return null;
}

/** Checks a photo's bytes; throws MediaRefused with the reason, or gives the checked photo. */
export function checkImage(bytes: Uint8Array): CheckedMedia {
	if (bytes.length === 0) throw new MediaRefused('empty');
	if (bytes.length > MEDIA_LIMITS.imageMaxBytes) throw new MediaRefused('too_large');
	const jpeg = jpegSize(bytes);
	const found = jpeg ? { type: 'image/jpeg', size: jpeg } : { type: 'image/png', size: pngSize(bytes) };
	const { size } = found;
	if (!size || size.width < 1 || size.height < 1) throw new MediaRefused('not_image');
	if (size.width > MEDIA_LIMITS.imageMaxSide || size.height > MEDIA_LIMITS.imageMaxSide)
		throw new MediaRefused('too_large');
	return checkedMedia({
		kind: 'image',
		contentType: found.type,
		bytes,
		durationMs: null,
		width: size.width,
		height: size.height
	});
}
