import type { Handle } from '@sveltejs/kit';
import { createShedReporter, getAdmission, type AdmissionQueue } from '$lib/server/admission';
import { unavailable } from './database-unavailable';

/**
 * The admission queue in front of the database (src/lib/server/admission/queue.ts): the first hook
 * that reaches the database (session) runs only when this request's turn has come, first come,
 * first served. A request that would wait too long gets the plain 503 with Retry-After at once
 * (or when its wait runs out, under 5 s), never a page after 10 s or none at all.
 *
 * - Not queued: /healthz, /readyz and /metrics (a load balancer and Prometheus must see a busy
 *   server as alive, and /readyz has its own time limit). Static files never reach the hooks.
 * - Writes wait in the same queue, in the same order, but are never refused on arrival by the
 *   estimate, only when their wait runs out: a lost form is worse than a slow one, and the
 *   estimate may be wrong. If one is refused all the same, its 503 says plainly that it was not
 *   saved (unavailable.notSaved), a form sent by script keeps its text on the device (drafts),
 *   and the outbox sends again after Retry-After.
 * - The place is given back when the answer's headers are ready, also when a later hook or the
 *   route throws. A streamed body (the "look at it together" event stream, a load's streamed
 *   promise) goes on after that outside the queue: a stream open for an hour must not hold a place.
 */

const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createAdmission(
	queueOf: () => AdmissionQueue | undefined,
	reportShed: ReturnType<typeof createShedReporter>
): Handle {
	return async ({ event, resolve }) => {
		const queue = queueOf();
		if (!queue || EXEMPT.has(event.url.pathname)) return resolve(event);
		const ticket = await queue.acquire({
			shedEarly: READS.has(event.request.method),
			signal: event.request.signal
		});
		if (!ticket.ok) {
			// A client that left reads no answer; it was not refused, so it is not counted.
			if (ticket.reason !== 'aborted') reportShed(ticket.reason, queue);
			return unavailable(event, { busy: true });
		}
		try {
			return await resolve(event);
		} finally {
			ticket.release();
		}
	};
}

export const admission: Handle = createAdmission(getAdmission, createShedReporter());
