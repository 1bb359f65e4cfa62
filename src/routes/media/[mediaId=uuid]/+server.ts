import type { RequestHandler } from './$types';
import { orNotFound } from '$lib/server/forms/http-errors';
import { mediaToServe } from '$lib/server/media/service';
import { guard } from '$lib/server/policy/guard';

/** The file name the browser offers on "save as": ASCII only, from our own words (never a person's). */
const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a'
};

/**
 * One photo or recording, only through the policy (guard.media: the person must see the row it
 * belongs to; the read is logged). Served with exactly the type the server found in the bytes,
 * never sniffed by the browser, never cached, and under a CSP that lets nothing in it run.
 */
export const GET = (async (event) => {
	const access = await guard.media(event, event.params.mediaId);
	const file = await orNotFound(() => mediaToServe(access.db, access));
	const extension = EXTENSIONS[file.contentType] ?? 'bin';
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.byteLength),
			'content-disposition': `inline; filename="${file.subjectType}-${file.id.slice(0, 8)}.${extension}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
}) satisfies RequestHandler;
