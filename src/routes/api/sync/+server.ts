import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { replay, SYNC_KINDS, syncRequestSchema } from '$lib/server/sync/service';
import { guard } from '$lib/server/policy/guard';
import { metrics } from '$lib/server/metrics';
import { limit } from '$lib/server/rate-limit';
import { cleanStrings } from '$lib/validation';

const MAX_BYTES = 512 * 1024;

/** The offline outbox posts here. The answer lists each item's fate; the device keeps what was refused. */
export const POST: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	if (!user.roles.includes('citizen')) error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	await limit.api(event, 'sync');
	const body = await event.request.text();
	if (body.length > MAX_BYTES) error(413, { message: 'errors.too_large', code: 'too_large' });
	let parsed: v.InferOutput<typeof syncRequestSchema>;
	try {
		// Texts are cleaned (NUL, control and bidi characters) before any entry is checked.
		parsed = v.parse(syncRequestSchema, cleanStrings(JSON.parse(body)));
	} catch {
		error(400, { message: 'errors.bad_request', code: 'bad_request' });
	}
	const results = await replay(db, user, user.id, parsed.items);
	// Only known kinds become a metric label: a made-up kind must not grow the label set.
	const kinds = new Map(parsed.items.map((item) => [item.id, SYNC_KINDS.includes(item.kind) ? item.kind : 'unknown']));
	// The request itself (and its status, refusals included) is counted by src/hooks/metrics.ts.
	metrics.syncReplayed(results.map((r) => ({ kind: kinds.get(r.id) ?? 'unknown', status: r.status })));
	return json({ results });
};
