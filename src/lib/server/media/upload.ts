import { FieldError } from '../../errors';
import { audioRefusalMessage, checkedAudio } from './audio-check';
import { checkImage } from './image-check';
import { MEDIA_LIMITS } from './limits';
import { MediaRefused, type CheckedMedia } from './types';

/**
 * The photos of a posted form, each checked from its bytes (image-check.ts). A file input left
 * empty sends a nameless empty file: that is no photo. Anything refused is a message beside the
 * field (media.refused.<reason>), and nothing of the form is stored.
 */
export async function photosFrom(form: FormData, field: string, max: number): Promise<CheckedMedia[]> {
	const files = form.getAll(field).filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''));
	if (files.length > max) throw new FieldError(field, 'media.refused.too_many_files');
	const checked: CheckedMedia[] = [];
	for (const file of files) {
		// The size is known before the bytes are read: a 50 MB "photo" is refused unread.
		if (file.size > MEDIA_LIMITS.imageMaxBytes) throw new FieldError(field, 'media.refused.too_large');
		const bytes = new Uint8Array(await file.arrayBuffer());
		checked.push(asField(field, () => checkImage(bytes)));
	}
	return checked;
}

/**
 * The voice recording of a posted form (the recorder's file input), checked from its bytes
 * (audio-check.ts); none when the field is missing or empty. A refusal is a plain message beside
 * the field (voice.refused.<reason>), and nothing of the form is stored.
 */
export async function audioFrom(form: FormData, field: string): Promise<CheckedMedia | undefined> {
	const file = form.get(field);
	if (!file || typeof file === 'string' || (file.size === 0 && file.name === '')) return undefined;
	// The size is known before the bytes are read.
	if (file.size > MEDIA_LIMITS.audioMaxBytes) throw new FieldError(field, audioRefusalMessage('too_large'));
	const bytes = new Uint8Array(await file.arrayBuffer());
	try {
		return checkedAudio(bytes, file.type);
	} catch (cause) {
		if (cause instanceof MediaRefused) throw new FieldError(field, audioRefusalMessage(cause.reason));
		throw cause;
	}
}

/** A refusal of the byte check or the media service, as the message beside a form's field. */
export function asField<T>(field: string, run: () => T): T {
	try {
		const result = run();
		if (result instanceof Promise) return result.catch((cause: unknown) => rethrow(field, cause)) as T;
		return result;
	} catch (cause) {
		return rethrow(field, cause);
	}
}

function rethrow(field: string, cause: unknown): never {
	if (cause instanceof MediaRefused) throw new FieldError(field, `media.refused.${cause.reason}`);
	throw cause;
}
