/**
 * Decides whether uploaded bytes really are a voice recording the app keeps, whatever the
 * browser claimed: the server never stores or serves a type it did not check itself. Accepted are
 * the two containers browsers record into — WebM with Opus (Chrome, Firefox, Edge) and MP4 with
 * AAC (Safari) or Opus (Chrome when asked for MP4) — with one audio track and no video. Pure: no
 * database, no Node APIs, so it is tested on real recordings byte for byte.
 */

import { MEDIA_LIMITS } from './limits';
import { MediaRefused, checkedMedia, type CheckedMedia, type MediaRefusal } from './types';

/** Two minutes (the recorder's own limit) and 4 MB, from the one list of media limits. */
const MAX_AUDIO_MS = MEDIA_LIMITS.audioMaxMs;
export const MAX_AUDIO_BYTES = MEDIA_LIMITS.audioMaxBytes;
/** A recorder stopped at 2:00 hands over a few frames more: that much over is still two minutes. */
const TOLERANCE_MS = 3_000;

type AudioContentType = 'audio/webm' | 'audio/mp4';
export type AudioCheck =
	| { ok: true; contentType: AudioContentType; durationMs: number; byteSize: number }
	| { ok: false; reason: AudioRefusal };
/** i18n keys (voice.json), each a plain sentence for the person who recorded. */
export type AudioRefusal =
	'voice.refused.notAudio' | 'voice.refused.tooLong' | 'voice.refused.tooBig' | 'voice.refused.empty';

/** The file is cut off or not what it says: every parse error becomes "not a recording". */
class Broken extends Error {}

export function checkAudio(bytes: Uint8Array, claimedType: string): AudioCheck {
	if (bytes.byteLength === 0) return { ok: false, reason: 'voice.refused.empty' };
	if (bytes.byteLength > MAX_AUDIO_BYTES) return { ok: false, reason: 'voice.refused.tooBig' };
	// The claimed type only has to agree with what the bytes are; it decides nothing by itself.
	const claimed = claimedType.split(';')[0].trim().toLowerCase();
	let found: { contentType: AudioContentType; durationMs: number } | null;
	try {
		if (claimed === 'audio/webm') found = readWebm(bytes);
		else if (claimed === 'audio/mp4' || claimed === 'audio/x-m4a') found = readMp4(bytes);
		else found = null;
	} catch (cause) {
		if (!(cause instanceof Broken || cause instanceof RangeError)) throw cause;
		found = null;
	}
	if (!found || !(found.durationMs > 0)) return { ok: false, reason: 'voice.refused.notAudio' };
	if (found.durationMs > MAX_AUDIO_MS + TOLERANCE_MS) return { ok: false, reason: 'voice.refused.tooLong' };
	return { ok: true, ...found, durationMs: Math.round(found.durationMs), byteSize: bytes.byteLength };
}

// ---------------------------------------------------------------- WebM (Matroska's EBML)

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const CLUSTER = 0x1f43b675;
const CLUSTER_TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
/** Elements whose children are read in line: a recorder writes the Segment and its Clusters with an "unknown" size. */
const ENTERED = new Set([SEGMENT, CLUSTER, BLOCK_GROUP]);

interface Element {
	id: number;
	start: number;
	end: number;
	unknownSize: boolean;
}

/** A variable-length integer: the count of leading zeros in the first byte is its length. */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; allOnes: boolean } {
	const first = bytes[at];
	if (first === undefined || first === 0) throw new Broken();
	const length = Math.clz32(first) - 23;
	if (at + length > bytes.byteLength) throw new Broken();
	let value = keepMarker ? first : first & (0xff >> length);
	let allOnes = value === 0xff >> length;
	for (let i = 1; i < length; i++) {
		value = value * 256 + bytes[at + i];
		allOnes &&= bytes[at + i] === 0xff;
	}
	return { value, length, allOnes };
}

function element(bytes: Uint8Array, at: number, parentEnd: number): Element {
	const id = vint(bytes, at, true);
	if (id.length > 4) throw new Broken();
	const size = vint(bytes, at + id.length, false);
	const start = at + id.length + size.length;
	if (size.allOnes) return { id: id.value, start, end: parentEnd, unknownSize: true };
	const end = start + size.value;
	// Cut off: an element that claims more bytes than there are (a truncated upload).
	if (end > parentEnd) throw new Broken();
	return { id: id.value, start, end, unknownSize: false };
}

function uint(bytes: Uint8Array, el: Element): number {
	if (el.end - el.start > 6) throw new Broken();
	let value = 0;
	for (let i = el.start; i < el.end; i++) value = value * 256 + bytes[i];
	return value;
}

function text(bytes: Uint8Array, el: Element): string {
	return String.fromCharCode(...bytes.subarray(el.start, Math.min(el.end, el.start + 64))).replace(/\0+$/, '');
}

function children(bytes: Uint8Array, parent: Element, visit: (el: Element) => void) {
	for (let at = parent.start; at < parent.end;) {
		const el = element(bytes, at, parent.end);
		if (el.unknownSize) throw new Broken();
		visit(el);
		at = el.end;
	}
}

function readWebm(bytes: Uint8Array): { contentType: 'audio/webm'; durationMs: number } | null {
	const all: Element = { id: 0, start: 0, end: bytes.byteLength, unknownSize: false };
	const header = element(bytes, 0, all.end);
	if (header.id !== EBML) return null;
	let docType = '';
	children(bytes, header, (el) => {
		if (el.id === DOC_TYPE) docType = text(bytes, el);
	});
	if (docType !== 'webm') return null;

	let scale = 1_000_000; // nanoseconds per timecode unit, Matroska's default (1 ms)
	let declared: number | null = null;
	let audio = false;
	let other = false;
	let clusterTime = 0;
	let lastBlock = -1;
	// One pass in line through the Segment: Segment, Cluster and BlockGroup are entered rather than
	// skipped, since their ids never collide with their children's.
	for (let at = header.end; at < bytes.byteLength;) {
		const el = element(bytes, at, bytes.byteLength);
		if (ENTERED.has(el.id)) {
			at = el.start;
			continue;
		}
		if (el.unknownSize) throw new Broken();
		if (el.id === INFO)
			children(bytes, el, (c) => {
				if (c.id === TIMECODE_SCALE) scale = uint(bytes, c);
				if (c.id === DURATION) declared = float(bytes, c);
			});
		else if (el.id === TRACKS)
			children(bytes, el, (entry) => {
				if (entry.id !== TRACK_ENTRY) return;
				let type = 0;
				let codec = '';
				children(bytes, entry, (c) => {
					if (c.id === TRACK_TYPE) type = uint(bytes, c);
					if (c.id === CODEC_ID) codec = text(bytes, c);
				});
				// Anything beside Opus audio (video, subtitles, another codec) is not a voice recording.
				if (type === 2 && codec === 'A_OPUS') audio = true;
				else other = true;
			});
		else if (el.id === CLUSTER_TIMECODE) clusterTime = uint(bytes, el);
		else if (el.id === SIMPLE_BLOCK || el.id === BLOCK) {
			// Track number (a vint), then the block's time relative to its cluster (signed 16 bits).
			const track = vint(bytes, el.start, false);
			const at16 = el.start + track.length;
			if (at16 + 2 > el.end) throw new Broken();
			const relative = (((bytes[at16] << 8) | bytes[at16 + 1]) << 16) >> 16;
			lastBlock = Math.max(lastBlock, clusterTime + relative);
		}
		at = el.end;
	}
	if (!audio || other) return null;
	// Chrome's MediaRecorder writes no Duration: then the last block's time is the length.
	const units = declared !== null && declared > 0 ? declared : lastBlock;
	if (units < 0) return null;
	return { contentType: 'audio/webm', durationMs: (units * scale) / 1_000_000 };
}

function float(bytes: Uint8Array, el: Element): number {
	const view = new DataView(bytes.buffer, bytes.byteOffset + el.start, el.end - el.start);
	if (el.end - el.start === 4) return view.getFloat32(0);
	if (el.end - el.start === 8) return view.getFloat64(0);
	throw new Broken();
}

// ---------------------------------------------------------------- MP4 (ISO base media file format)

interface Box {
	type: string;
	start: number;
	end: number;
}

function boxes(bytes: Uint8Array, from: number, to: number): Box[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const out: Box[] = [];
	for (let at = from; at < to;) {
		if (at + 8 > to) throw new Broken();
		let size = view.getUint32(at);
		const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
		let header = 8;
		if (size === 1) {
			if (at + 16 > to) throw new Broken();
			size = Number(view.getBigUint64(at + 8));
			header = 16;
		} else if (size === 0) size = to - at;
		if (size < header || at + size > to) throw new Broken();
		out.push({ type, start: at + header, end: at + size });
		at += size;
	}
	return out;
}

const child = (bytes: Uint8Array, box: Box | undefined, type: string, skip = 0) =>
	box ? boxes(bytes, box.start + skip, box.end).find((b) => b.type === type) : undefined;

/** A full box's version-dependent duration field: (timescale, duration) after the times. */
function timing(view: DataView, box: Box): { timescale: number; duration: number } {
	const v1 = view.getUint8(box.start) === 1;
	const at = box.start + 4 + (v1 ? 16 : 8);
	if (at + (v1 ? 12 : 8) > box.end) throw new Broken();
	const timescale = view.getUint32(at);
	const duration = v1 ? Number(view.getBigUint64(at + 4)) : view.getUint32(at + 4);
	return { timescale, duration };
}

function readMp4(bytes: Uint8Array): { contentType: 'audio/mp4'; durationMs: number } | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const top = boxes(bytes, 0, bytes.byteLength);
	if (top[0]?.type !== 'ftyp') return null;
	const moov = top.find((b) => b.type === 'moov');
	if (!moov) return null;
	const inMoov = boxes(bytes, moov.start, moov.end);
	const mvhd = inMoov.find((b) => b.type === 'mvhd');
	if (!mvhd) return null;

	let audioTrack: { id: number; timescale: number; duration: number } | null = null;
	for (const trak of inMoov.filter((b) => b.type === 'trak')) {
		const mdia = child(bytes, trak, 'mdia');
		const hdlr = child(bytes, mdia, 'hdlr');
		const mdhd = child(bytes, mdia, 'mdhd');
		const tkhd = child(bytes, trak, 'tkhd');
		if (!hdlr || !mdhd || !tkhd || hdlr.start + 12 > hdlr.end) throw new Broken();
		const handler = String.fromCharCode(...bytes.subarray(hdlr.start + 8, hdlr.start + 12));
		if (handler === 'vide') return null;
		if (handler !== 'soun') continue;
		// stsd: a full box (4 bytes) and an entry count (4 bytes), then the first sample entry.
		const stsd = child(bytes, child(bytes, child(bytes, mdia, 'minf'), 'stbl'), 'stsd');
		if (!stsd) throw new Broken();
		const codec = boxes(bytes, stsd.start + 8, stsd.end)[0]?.type;
		if (codec !== 'mp4a' && codec !== 'Opus') return null;
		const v1 = view.getUint8(tkhd.start) === 1;
		audioTrack = { id: view.getUint32(tkhd.start + 4 + (v1 ? 16 : 8)), ...timing(view, mdhd) };
	}
	if (!audioTrack || audioTrack.timescale === 0) return null;

	// The longest of what the file says: the movie's length, the track's, and the end of its last
	// fragment (Chrome's MediaRecorder writes a fragmented file whose headers hold only a few ms).
	const movie = timing(view, mvhd);
	const candidates = [
		movie.timescale > 0 ? (movie.duration * 1000) / movie.timescale : 0,
		(audioTrack.duration * 1000) / audioTrack.timescale,
		(fragmentsEnd(bytes, view, top, moov, audioTrack.id) * 1000) / audioTrack.timescale
	];
	return { contentType: 'audio/mp4', durationMs: Math.max(...candidates) };
}

/** The latest (tfdt decode time + the fragment's sample durations) over the track's fragments. */
function fragmentsEnd(bytes: Uint8Array, view: DataView, top: Box[], moov: Box, trackId: number): number {
	const trex = boxes(bytes, child(bytes, moov, 'mvex')?.start ?? 0, child(bytes, moov, 'mvex')?.end ?? 0).find(
		(b) => b.type === 'trex' && view.getUint32(b.start + 4) === trackId
	);
	const trexDuration = trex ? view.getUint32(trex.start + 12) : 0;
	let end = 0;
	for (const moof of top.filter((b) => b.type === 'moof'))
		for (const traf of boxes(bytes, moof.start, moof.end).filter((b) => b.type === 'traf')) {
			const inTraf = boxes(bytes, traf.start, traf.end);
			const tfhd = inTraf.find((b) => b.type === 'tfhd');
			if (!tfhd || view.getUint32(tfhd.start + 4) !== trackId) continue;
			const tfhdFlags = view.getUint32(tfhd.start) & 0xffffff;
			// tfhd's optional fields in order: base offset (8), description index (4), default duration (4).
			let at = tfhd.start + 8 + (tfhdFlags & 0x1 ? 8 : 0) + (tfhdFlags & 0x2 ? 4 : 0);
			const defaultDuration = tfhdFlags & 0x8 ? view.getUint32(at) : trexDuration;
			const tfdt = inTraf.find((b) => b.type === 'tfdt');
			let time = 0;
			if (tfdt)
				time =
					view.getUint8(tfdt.start) === 1 ? Number(view.getBigUint64(tfdt.start + 4)) : view.getUint32(tfdt.start + 4);
			for (const trun of inTraf.filter((b) => b.type === 'trun')) {
				const flags = view.getUint32(trun.start) & 0xffffff;
				const count = view.getUint32(trun.start + 4);
				at = trun.start + 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
				const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length * 4;
				if (at + count * perSample > trun.end) throw new Broken();
				for (let i = 0; i < count; i++, at += perSample) time += flags & 0x100 ? view.getUint32(at) : defaultDuration;
			}
			end = Math.max(end, time);
		}
	return end;
}

const REFUSALS: Record<AudioRefusal, MediaRefusal> = {
	'voice.refused.notAudio': 'not_audio',
	'voice.refused.tooLong': 'too_long',
	'voice.refused.tooBig': 'too_large',
	'voice.refused.empty': 'empty'
};

/**
 * The media service's form of the check: the checked recording to store, or MediaRefused. Its
 * length is kept within the limit a recorder stopped at 2:00 overshoots by a few frames.
 */
export function checkedAudio(bytes: Uint8Array, claimedType: string): CheckedMedia {
	const result = checkAudio(bytes, claimedType);
	if (!result.ok) throw new MediaRefused(REFUSALS[result.reason]);
	return checkedMedia({
		kind: 'audio',
		contentType: result.contentType,
		bytes,
		durationMs: Math.min(result.durationMs, MAX_AUDIO_MS),
		width: null,
		height: null
	});
}

/** The plain message (voice.json) for why a recording was refused. */
export function audioRefusalMessage(reason: MediaRefusal): AudioRefusal {
	const found = Object.entries(REFUSALS).find(([, r]) => r === reason)?.[0] as AudioRefusal | undefined;
	return found ?? 'voice.refused.notAudio';
}
