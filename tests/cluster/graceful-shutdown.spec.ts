/**
 * Proof 4 (issue 10): graceful shutdown. SIGTERM to server A in the middle of a burst of
 * requests: A stops taking new connections (the load balancer finds it refusing and sends them to
 * B), finishes what it is working on, and no client sees a failure.
 *
 * "What it is working on" is made certain, not timed: Sara's phone sends a diary entry whose id
 * the test holds in an open transaction, so A is inside that request, waiting, when the signal
 * comes. The test lets it go after the signal, and the entry must be stored and answered by A.
 * A POST is never sent twice by the load balancer, so a dropped one would show as a 502.
 */
import { waitForExit } from './cluster';
import { personIdOf, storedEntries } from './diary';
import { expect, ORIGIN, test } from './fixtures';
import { startTraffic } from './traffic';

const PATHS = ['/plan', '/', '/dagbog', '/moeder', '/plan/__data.json?x-sveltekit-invalidated=11'];

test('SIGTERM to A during a burst: the request A is working on finishes, new ones go to B, no client sees a failure', async ({
	page,
	context,
	cluster,
	loginAs
}) => {
	await loginAs(page, 'demo-sara');
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const text = `Sendt mens A lukkede ${Date.now()}`;
	const id = crypto.randomUUID();
	const sara = await personIdOf(cluster.sql, 'demo-sara');

	const holder = await cluster.sql.reserve();
	try {
		await holder`BEGIN`;
		await holder`INSERT INTO diary_entries (id, citizen_id, mood, text, content_hash)
			VALUES (${id}, ${sara}, 3, 'held by the test', 'held')`;

		// A request inside A: it waits for the row the test holds.
		cluster.proxy.pin('a');
		const inside = fetch(`${ORIGIN}/api/sync`, {
			method: 'POST',
			headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
			body: JSON.stringify({ items: [{ id, kind: 'diary', payload: { mood: 4, text } }] })
		});
		await expect
			.poll(async () => {
				const [{ waiting }] = await cluster.sql<{ waiting: number }[]>`
					SELECT count(*)::int AS waiting FROM pg_stat_activity
					WHERE application_name = 'mit-forloeb' AND wait_event_type = 'Lock'`;
				return waiting;
			})
			.toBe(1);
		cluster.proxy.roundRobin();
		cluster.proxy.resetStats();

		// The burst, then the signal while A is busy with it too.
		const burst = startTraffic(ORIGIN, { cookie, paths: PATHS, loops: 16 });
		await burst.waitFor(200, 50);
		await expect.poll(() => cluster.proxy.stats.a.inFlight, { intervals: [5] }).toBeGreaterThan(0);
		cluster.servers.a.signal('SIGTERM');
		const signalledAt = Date.now();

		// A takes nothing new: the load balancer finds it refusing and sends the burst to B.
		await expect.poll(() => cluster.proxy.stats.a.refused).toBeGreaterThan(0);
		const bBefore = cluster.proxy.stats.b.answered;
		await expect.poll(() => cluster.proxy.stats.b.answered, { timeout: 30_000 }).toBeGreaterThan(bBefore + 50);

		// A is still there, finishing the request it has: let it go on.
		expect(cluster.servers.a.running).toBe(true);
		await holder`ROLLBACK`;
		const answer = await inside;
		expect(answer.status).toBe(200);
		expect(answer.headers.get('x-upstream')).toBe('a');
		expect((await answer.json()).results).toEqual([{ id, status: 'stored' }]);

		const answers = await burst.stop();
		const failed = answers.filter((a) => a.status !== 200);
		const atTheProxy = cluster.proxy.events.filter((e) => e.error);
		expect(failed, JSON.stringify({ failed: failed.slice(0, 5), atTheProxy: atTheProxy.slice(0, 5) })).toEqual([]);
		expect(answers.filter((a) => a.at > signalledAt + 1000).every((a) => a.upstream === 'b')).toBe(true);
		const figures =
			`${answers.length} requests in the burst, 0 failed; A: ${cluster.proxy.stats.a.answered} answered, ` +
			`${cluster.proxy.stats.a.refused} refused after the signal, ${cluster.proxy.stats.a.retried} ` +
			`GETs reset in A's listen queue and sent on to B by the load balancer`;
		test.info().annotations.push({ type: 'figures', description: figures });
		console.log(`graceful shutdown: ${figures}`);
	} finally {
		holder.release();
	}
	const stored = await storedEntries(cluster.sql, text);
	expect(stored.get(text)).toEqual({ count: 1, ids: [id] });
});

test.fixme('SIGTERM with a drain phase: not even a connection waiting in A’s listen queue is reset', async ({
	page,
	context,
	cluster,
	loginAs
}) => {
	// Needs the "jobs" branch and a drain phase: on SIGTERM, /readyz answers 503 at once while A
	// goes on serving for a while longer than the load balancer's check interval, and only then
	// closes its listener (adapter-node closes it at once: connections the kernel has accepted but
	// the process has not yet taken are reset — about 1 % of new connections in the second after
	// the signal, measured with a plain node:http server too). Until then the load balancer's retry
	// of GETs covers it (test above). Here it may not: every reset is a failure.
	await loginAs(page, 'demo-sara');
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	cluster.proxy.retryIdempotent = false;
	cluster.proxy.checkHealth('/readyz', 100);
	const burst = startTraffic(ORIGIN, { cookie, paths: PATHS, loops: 16 });
	await burst.waitFor(200, 50);
	cluster.servers.a.signal('SIGTERM');
	const bBefore = cluster.proxy.stats.b.answered;
	await expect.poll(() => cluster.proxy.stats.b.answered, { timeout: 30_000 }).toBeGreaterThan(bBefore + 100);
	const answers = await burst.stop();
	expect(answers.filter((a) => a.status !== 200)).toEqual([]);
	expect(cluster.proxy.stats.a.broken).toBe(0);
});

test.fixme('after SIGTERM, A ends by itself within the shutdown time (job runner stopped, pool closed)', async ({
	cluster
}) => {
	// Needs the "jobs" branch: on SIGTERM (adapter-node's 'sveltekit:shutdown' event) stop pg-boss
	// and close the database pool, so the process exits; today the open pool keeps it alive.
	cluster.servers.a.signal('SIGTERM');
	expect(await waitForExit(cluster.servers.a.child!, 15_000)).toBe(true);
	expect(cluster.servers.a.child!.exitCode).toBe(0);
});
