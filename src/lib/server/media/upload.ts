import { FieldError } from '../../errors';
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
