import { and, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { notificationDeliveries } from '../db/schema';
import { JobError } from './context';

/**
 * Sends each notification once, however often its job runs. Before sending, a job claims the
 * notification's key in notification_deliveries (INSERT … ON CONFLICT DO NOTHING): only the
 * first claim wins. The claim is marked pending (`<kind>:pending`) while the push is on its way
 * and confirmed (`<kind>`) after; a send that failed gives the claim back so a retry can try
 * again. A claim left pending by a server that died mid-send is taken over after CLAIM_LEASE,
 * so a reminder is not lost with the server (it may then, rarely, arrive twice).
 *
 * No transaction is held open across the push (up to 10 s): on the embedded PGlite, which has one
 * connection, that would stall every request meanwhile.
 */

const CLAIM_LEASE_MINUTES = 5;
const PENDING = ':pending';

export type Claim = 'claimed' | 'done' | 'busy';

export async function claimDelivery(db: Db, key: string, personId: string | null, kind: string): Promise<Claim> {
	const claimed = await db
		.insert(notificationDeliveries)
		.values({ key, personId, kind: kind + PENDING, sentAt: sql`now()` })
		.onConflictDoUpdate({
			target: notificationDeliveries.key,
			set: { sentAt: sql`now()` },
			setWhere: and(
				like(notificationDeliveries.kind, `%${PENDING}`),
				sql`${notificationDeliveries.sentAt} < now() - make_interval(mins => ${CLAIM_LEASE_MINUTES})`
			)
		})
		.returning({ key: notificationDeliveries.key });
	if (claimed.length) return 'claimed';
	const [row] = await db
		.select({ kind: notificationDeliveries.kind })
		.from(notificationDeliveries)
		.where(eq(notificationDeliveries.key, key));
	return row?.kind.endsWith(PENDING) ? 'busy' : 'done';
}

/** The notification went out (or there was nobody to send it to): never again for this key. */
export async function confirmDelivery(db: Db, key: string, kind: string) {
	await db
		.update(notificationDeliveries)
		.set({ kind, sentAt: sql`now()` })
		.where(eq(notificationDeliveries.key, key));
}

/** Sending failed: give the key back, so the job's next try can send it. */
export async function releaseDelivery(db: Db, key: string) {
	await db
		.delete(notificationDeliveries)
		.where(and(eq(notificationDeliveries.key, key), like(notificationDeliveries.kind, `%${PENDING}`)));
}

/**
 * Claims the key, sends, and confirms; gives the key back and fails (for a retry) when the send
 * threw or every browser failed. One browser that got it is enough: the others are not retried,
 * or the first would get it twice.
 */
export async function deliverOnce<R extends { sent: number; failed: number }>(
	db: Db,
	delivery: { key: string; personId: string; kind: string },
	send: () => Promise<R>
): Promise<R | { skipped: 'already_sent' }> {
	const claim = await claimDelivery(db, delivery.key, delivery.personId, delivery.kind);
	if (claim === 'done') return { skipped: 'already_sent' };
	if (claim === 'busy') throw new JobError('busy');
	let result: R;
	try {
		result = await send();
	} catch (cause) {
		await releaseDelivery(db, delivery.key);
		throw cause;
	}
	if (result.sent === 0 && result.failed > 0) {
		await releaseDelivery(db, delivery.key);
		throw new JobError('push_failed');
	}
	await confirmDelivery(db, delivery.key, delivery.kind);
	return result;
}
