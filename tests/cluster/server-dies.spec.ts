/**
 * Proof 2 (issue 10): a server dies mid-sync. Sara writes diary entries with the network off;
 * when it comes back her phone sends them to server A, and A is killed (SIGKILL) halfway through
 * storing them. The load balancer sends the phone's retry to B. In the end the database holds
 * exactly the entries she wrote: none lost, none doubled.
 *
 * "Halfway" is made certain, not timed: before the phone goes online the test inserts, in an open
 * transaction, a row with the id of the third entry. A stores the first two and then waits for
 * that row's lock; the test sees A waiting, kills it, and rolls its own row back.
 */
import { expect, test } from './fixtures';
import { outboxItems, personIdOf, storedEntries, writeEntry } from './diary';

test('server A is killed while the outbox replays; B takes the retry; every entry is stored exactly once', async ({
	page,
	context,
	cluster,
	loginAs
}) => {
	const tag = `Mellem to servere ${Date.now()}`;
	const texts = [1, 2, 3, 4, 5].map((n) => `${tag} nr. ${n}`);

	await loginAs(page, 'demo-sara');
	await page.goto('/dagbog');
	await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();
	// The page has loaded all it needs (no worker here: the outbox code too) before the network goes.
	await page.waitForLoadState('networkidle');

	await context.setOffline(true);
	for (const text of texts) await writeEntry(page, text);
	await expect(page.locator('li.waiting')).toHaveCount(texts.length);
	const items = await outboxItems(page);
	expect(items.map((i) => i.payload.text)).toEqual(texts);

	// Hold the third entry's id in an open transaction: A's insert of it will wait for us.
	const sara = await personIdOf(cluster.sql, 'demo-sara');
	const holder = await cluster.sql.reserve();
	try {
		await holder`BEGIN`;
		await holder`INSERT INTO diary_entries (id, citizen_id, mood, text, content_hash)
			VALUES (${items[2].id}, ${sara}, 3, 'held by the test', 'held')`;

		cluster.proxy.resetStats();
		cluster.proxy.pin('a');
		await context.setOffline(false);

		// A has stored the first two and waits on the third.
		await expect
			.poll(async () => {
				const [{ waiting }] = await cluster.sql<{ waiting: number }[]>`
					SELECT count(*)::int AS waiting FROM pg_stat_activity
					WHERE application_name = 'mit-forloeb' AND wait_event_type = 'Lock'`;
				return waiting;
			})
			.toBe(1);
		const before = await storedEntries(cluster.sql, tag);
		expect([...before.keys()].sort()).toEqual(texts.slice(0, 2));
		expect(cluster.proxy.stats.a.inFlight).toBe(1);
		expect(cluster.proxy.stats.b.forwarded).toBe(0);

		await cluster.servers.a.kill();
		await holder`ROLLBACK`;
	} finally {
		holder.release();
	}

	// The phone retries by itself; A refuses connections now, so the load balancer sends it to B.
	await expect(page.locator('li.waiting')).toHaveCount(0, { timeout: 30_000 });
	const syncs = cluster.proxy.events.filter((e) => e.path === '/api/sync');
	expect(syncs[0]).toMatchObject({ upstream: 'a', status: 502 });
	expect(syncs.at(-1)).toMatchObject({ upstream: 'b', status: 200 });
	expect(cluster.proxy.stats.a.refused).toBeGreaterThan(0);

	// Exactly what was written: every text once, under the id the phone gave it.
	const after = await storedEntries(cluster.sql, tag);
	expect([...after.keys()].sort()).toEqual([...texts].sort());
	for (const [i, text] of texts.entries()) expect(after.get(text)).toEqual({ count: 1, ids: [items[i].id] });

	// And Sara sees each once (the page comes from B: A is still dead).
	const reloaded = await page.reload();
	expect(reloaded?.headers()['x-upstream']).toBe('b');
	for (const text of texts) await expect(page.locator('li.entry').filter({ hasText: text })).toHaveCount(1);
	await expect(page.locator('li.waiting')).toHaveCount(0);
});
