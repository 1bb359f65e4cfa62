import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { replay, SYNC_KINDS, syncRequestSchema, type SyncAudio } from '$lib/server/sync/service';
import { guard } from '$lib/server/policy/guard';
import { metrics } from '$lib/server/metrics';
import { limit } from '$lib/server/rate-limit';
import { cleanStrings } from '$lib/validation';

const MAX_BYTES = 512 * 1024;

/**
 * The items as JSON, and a recording if one came: JSON is a batch of texts; multipart is one item
 * (the `items` field) with its recording (the `audio` file), whose bytes audio-check judges later.
 */
async function readBody(request: Request): Promise<{ json: string; audio?: Omit<SyncAudio, 'itemId'> }> {
	if (!request.headers.get('content-type')?.startsWith('multipart/form-data')) return { json: await request.text() };
	const form = await request.formData();
	const json = form.get('items');
	const audio = form.get('audio');
	if (typeof json !== 'string' || !(audio instanceof File)) throw new TypeError('not an outbox upload');
	return { json, audio: { bytes: new Uint8Array(await audio.arrayBuffer()), claimedType: audio.type } };
}

/** The offline outbox posts here. The answer lists each item's fate; the device keeps what was refused. */
export const POST: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	if (!user.roles.includes('citizen')) error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	await limit.api(event, 'sync');
	let body: Awaited<ReturnType<typeof readBody>>;
	try {
		body = await readBody(event.request);
	} catch (cause) {
		// Over the route's body limit while reading (src/hooks/body-limit.ts): its 413 as it is.
		if ((cause as { status?: number } | null)?.status === 413) throw cause;
		error(400, { message: 'errors.bad_request', code: 'bad_request' });
	}
	if (body.json.length > MAX_BYTES) error(413, { message: 'errors.too_large', code: 'too_large' });
	let parsed: v.InferOutput<typeof syncRequestSchema>;
	try {
		// Texts are cleaned (NUL, control and bidi characters) before any entry is checked.
		parsed = v.parse(syncRequestSchema, cleanStrings(JSON.parse(body.json)));
	} catch {
		error(400, { message: 'errors.bad_request', code: 'bad_request' });
	}
	// A recording belongs to exactly one item: the outbox sends each alone.
	if (body.audio && parsed.items.length !== 1) error(400, { message: 'errors.bad_request', code: 'bad_request' });
	const audio = body.audio && { ...body.audio, itemId: parsed.items[0].id };
	const results = await replay(db, user, user.id, parsed.items, audio);
	// Only known kinds become a metric label: a made-up kind must not grow the label set.
	const kinds = new Map(parsed.items.map((item) => [item.id, SYNC_KINDS.includes(item.kind) ? item.kind : 'unknown']));
	// The request itself (and its status, refusals included) is counted by src/hooks/metrics.ts.
	metrics.syncReplayed(results.map((r) => ({ kind: kinds.get(r.id) ?? 'unknown', status: r.status })));
	return json({ results });
};
