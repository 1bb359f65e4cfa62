import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { notificationDeliveries } from '../db/schema';
import { claimDelivery, confirmDelivery, deliverOnce, releaseDelivery } from './deliveries';

/** The delivery key: the one thing that makes a notice go once, however often its job runs. */

let database: OpenDatabase;
beforeAll(async () => {
	database = await createTestDb();
});
afterAll(async () => database?.close());

describe('claimDelivery', () => {
	it('the first claim wins; a second is told it is busy, then done once confirmed', async () => {
		expect(await claimDelivery(database.db, 'k1', null, 'test')).toBe('claimed');
		expect(await claimDelivery(database.db, 'k1', null, 'test')).toBe('busy');
		await confirmDelivery(database.db, 'k1', 'test');
		expect(await claimDelivery(database.db, 'k1', null, 'test')).toBe('done');
		// A confirmed key is never given back.
		await releaseDelivery(database.db, 'k1');
		expect(await claimDelivery(database.db, 'k1', null, 'test')).toBe('done');
	});

	it('a released claim can be taken again', async () => {
		expect(await claimDelivery(database.db, 'k2', null, 'test')).toBe('claimed');
		await releaseDelivery(database.db, 'k2');
		expect(await claimDelivery(database.db, 'k2', null, 'test')).toBe('claimed');
	});

	it('a claim left pending by a server that died is taken over after the lease', async () => {
		expect(await claimDelivery(database.db, 'k3', null, 'test')).toBe('claimed');
		await database.db
			.update(notificationDeliveries)
			.set({ sentAt: sql`now() - interval '6 minutes'` })
			.where(eq(notificationDeliveries.key, 'k3'));
		expect(await claimDelivery(database.db, 'k3', null, 'test')).toBe('claimed');
		expect(await claimDelivery(database.db, 'k3', null, 'test')).toBe('busy');
	});

	it('many claims at once: exactly one wins', async () => {
		const results = await Promise.all(Array.from({ length: 8 }, () => claimDelivery(database.db, 'k4', null, 'test')));
		expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
	});
});

describe('deliverOnce', () => {
	it('sends once; a failed send gives the key back for the retry', async () => {
		let sends = 0;
		const failing = async () => ({ sent: 0, failed: 1 });
		const working = async () => ({ sent: ++sends, failed: 0 });
		const delivery = { key: 'k5', personId: null as unknown as string, kind: 'test' };
		await expect(deliverOnce(database.db, delivery, failing)).rejects.toMatchObject({ reason: 'push_failed' });
		await expect(
			deliverOnce(database.db, delivery, async () => {
				throw new Error('network');
			})
		).rejects.toThrow('network');
		expect(await deliverOnce(database.db, delivery, working)).toEqual({ sent: 1, failed: 0 });
		expect(await deliverOnce(database.db, delivery, working)).toEqual({ skipped: 'already_sent' });
		expect(sends).toBe(1);
	});
});
