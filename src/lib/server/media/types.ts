import type { MediaKind } from '../db/schema';

/**
 * Bytes a check has looked at and found to be what they say: the only input the media service
 * stores. The brand means no other code can make one by hand from what a browser claimed; a check
 * makes it with `checkedMedia`. Photos: `checkImage(bytes)` (image-check.ts). Recordings: the slot
 * is `checkAudio(bytes): CheckedMedia` in audio-check.ts (kind 'audio', the content type found in
 * the bytes, durationMs; refusing with MediaRefused 'not_audio', 'too_large' or 'too_long'), and
 * a route that takes them is listed in UPLOAD_ROUTES (src/hooks/body-limit.ts).
 */
declare const checkedBrand: unique symbol;
export interface CheckedMediaFields {
	kind: MediaKind;
	/** Worked out from the bytes, never taken from the request. */
	contentType: string;
	bytes: Uint8Array;
	/** Recordings only. */
	durationMs: number | null;
	/** Photos only. */
	width: number | null;
	height: number | null;
}
export type CheckedMedia = CheckedMediaFields & { readonly [checkedBrand]: true };

/** Only a byte check calls this, once it has read the bytes itself. */
export function checkedMedia(fields: CheckedMediaFields): CheckedMedia {
	return fields as CheckedMedia;
}

/** Why a file was refused; each has a plain message (media.refused.<reason>). */
export type MediaRefusal = 'empty' | 'too_large' | 'not_image' | 'not_audio' | 'too_long' | 'too_many_files';

export class MediaRefused extends Error {
	constructor(readonly reason: MediaRefusal) {
		super(`media refused: ${reason}`);
		this.name = 'MediaRefused';
	}
}
