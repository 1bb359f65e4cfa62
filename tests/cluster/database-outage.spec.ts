/**
 * Proof 3 (issue 10): the database goes away for 10 s under traffic. The gate in front of
 * PostgreSQL drops every connection and refuses new ones, as a stopped or failing-over database
 * does. Meanwhile: pages answer a plain 503 with Retry-After in the person's language and reading
 * mode, never a stack trace; the API answers 503 JSON; the citizen's outbox keeps what she writes.
 * When the database is back, everything works again without restarting either server: both say
 * they are ready (/readyz), both serve, pg-boss on both works jobs again, and what she wrote is
 * stored once.
 */
import { checkA11y } from '../e2e/fixtures';
import { outboxItems, storedEntries, writeEntry } from './diary';
import { expect, ORIGIN, test } from './fixtures';
import { LEAK, startTraffic } from './traffic';

const OUTAGE_MS = 10_000;

test('the database is away for 10 s: 503 with Retry-After and no stack trace, nothing written is lost, all recovers without a restart', async ({
	page,
	context,
	cluster,
	loginAs
}) => {
	// The outage, the outbox's replay, and pg-boss's next heartbeat (every 30 s) after it.
	test.setTimeout(180_000);
	const tag = `Mens databasen var væk ${Date.now()}`;
	const texts = [`${tag} nr. 1`, `${tag} nr. 2`];
	const pids = { a: cluster.servers.a.child!.pid, b: cluster.servers.b.child!.pid };

	await loginAs(page, 'demo-sara');
	await page.goto('/dagbog');
	await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

	const pages = startTraffic(ORIGIN, { cookie, paths: ['/plan', '/', '/dagbog', '/moeder'] });
	const data = startTraffic(ORIGIN, {
		cookie,
		paths: ['/plan/__data.json?x-sveltekit-invalidated=11'],
		accept: '*/*',
		loops: 1
	});
	await pages.waitFor(200, 10);

	await cluster.gate.cut();
	const cutAt = Date.now();
	try {
		// Sara writes while the database is away: the send fails with 503, and the phone keeps both.
		const refused = page.waitForResponse((r) => r.url().endsWith('/api/sync') && r.status() === 503);
		for (const text of texts) await writeEntry(page, text);
		const sync = await refused;
		expect(Number(sync.headers()['retry-after'])).toBeGreaterThan(0);
		// The API's own answer, as a client would read it.
		const api = await page.request.post('/api/sync', {
			data: { items: [{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: `${tag} API` } }] },
			headers: { origin: ORIGIN }
		});
		expect(api.status()).toBe(503);
		expect(Number(api.headers()['retry-after'])).toBeGreaterThan(0);
		expect(await api.json()).toEqual({ message: 'unavailable.body', code: 'database_unavailable' });
		await expect(page.locator('li.waiting')).toHaveCount(2);
		expect((await outboxItems(page)).map((i) => i.payload.text)).toEqual(texts);

		// A page load: a plain page in Sara's language and reading mode (easy), with Retry-After.
		const other = await context.newPage();
		const response = await other.goto('/plan');
		expect(response?.status()).toBe(503);
		expect(Number(response?.headers()['retry-after'])).toBeGreaterThan(0);
		const body = (await response?.text()) ?? '';
		expect(body).not.toMatch(LEAK);
		await expect(other.locator('html')).toHaveAttribute('lang', 'da');
		await expect(other.getByRole('heading', { level: 1, name: 'Siden virker ikke lige nu' })).toBeVisible();
		await expect(other.getByText('Det er ikke din skyld. Prøv igen om lidt.')).toBeVisible();
		await expect(other.getByRole('link', { name: 'Prøv igen' })).toHaveAttribute('href', '/plan');
		await checkA11y(other);

		// In English, for someone who chose English on this device.
		const english = await fetch(`${ORIGIN}/moeder`, {
			headers: { cookie: `mf-lang=en; mf-reading=standard; ${cookie}`, accept: 'text/html' }
		});
		expect(english.status).toBe(503);
		expect(await english.text()).toContain('We cannot show the page right now');

		// The process itself is alive (the load balancer's and the orchestrator's liveness check),
		// but neither server says it is ready: a load balancer that checks /readyz knows.
		expect((await fetch(`${cluster.servers.a.url}/healthz`)).status).toBe(200);
		for (const server of [cluster.servers.a, cluster.servers.b]) {
			const ready = await fetch(`${server.url}/readyz`);
			expect(ready.status, server.name).toBe(503);
			expect((await ready.json()).checks, server.name).toMatchObject({ database: false, jobs: true });
		}

		// The outage lasts 10 s in all, under traffic.
		await pages.waitFor(503, 20);
		await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
	} finally {
		await cluster.gate.mend();
	}
	const mendedAt = Date.now();

	// The phone sends what it kept by itself, and it is stored once.
	await expect(page.locator('li.waiting')).toHaveCount(0, { timeout: 45_000 });
	const stored = await storedEntries(cluster.sql, tag);
	expect([...stored.keys()].sort()).toEqual(texts);
	for (const text of texts) expect(stored.get(text)?.count).toBe(1);

	// Both servers say they are ready again, without a restart.
	for (const server of [cluster.servers.a, cluster.servers.b])
		await expect
			.poll(async () => (await fetch(`${server.url}/readyz`)).status, { message: `/readyz of ${server.name}` })
			.toBe(200);

	// Both servers serve again.
	for (const name of ['a', 'b'] as const) {
		cluster.proxy.pin(name);
		const again = await page.goto('/plan');
		expect(again?.status()).toBe(200);
		expect(again?.headers()['x-upstream']).toBe(name);
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
	}
	cluster.proxy.roundRobin();
	await pages.waitFor(200, pages.answers.filter((a) => a.status === 200).length + 10);
	const answers = [...(await pages.stop()), ...(await data.stop())];
	expect(cluster.servers.a.child!.pid).toBe(pids.a);
	expect(cluster.servers.b.child!.pid).toBe(pids.b);
	expect(cluster.servers.a.running && cluster.servers.b.running).toBe(true);

	// Every answer under traffic was a page or a clear 503: no reset connection, no 500, no leak.
	const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 503);
	expect(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
	const unavailable = answers.filter((a) => a.status === 503);
	expect(unavailable.length).toBeGreaterThan(0);
	expect(unavailable.filter((a) => !(Number(a.retryAfter) > 0) || a.leaks)).toEqual([]);
	expect(unavailable.some((a) => a.path.includes('__data.json'))).toBe(true);
	const figures =
		`${answers.length} requests under traffic: ${answers.filter((a) => a.status === 200).length} × 200, ` +
		`${unavailable.length} × 503 (Retry-After ${unavailable[0]?.retryAfter} s), 0 other`;
	test.info().annotations.push({ type: 'figures', description: figures });
	console.log(`database away: ${figures}`);
	const after = answers.filter((a) => a.at > mendedAt + 1000);
	expect(after.length).toBeGreaterThan(0);
	expect(after.filter((a) => a.status !== 200)).toEqual([]);
	expect(new Set(after.map((a) => a.upstream))).toEqual(new Set(['a', 'b']));

	// pg-boss works again. A reminder sweep (each server sends one every 2 s) sent after the
	// database came back has been worked to the end …
	const since = new Date(mendedAt);
	const sweepsDone = async () => {
		const [{ n }] = await cluster.sql<{ n: number }[]>`
			SELECT count(*)::int AS n FROM pgboss.job
			WHERE name = 'meeting-reminders' AND state = 'completed' AND created_on > ${since}`;
		return n;
	};
	await expect.poll(sweepsDone, { timeout: 30_000, message: 'a job worked after the outage' }).toBeGreaterThan(0);
	// … and on each server its workers have fetched from their queues since: each pg-boss has its
	// connections back (written to pgboss.instance with the next heartbeat, every 30 s).
	const servers = [cluster.servers.a, cluster.servers.b];
	const pidsOf = servers.map((s) => s.child!.pid!).sort();
	const fetchingAgain = async () => {
		const rows = await cluster.sql<{ pid: number; workers: Array<{ queue: string; lastFetchedOn: string | null }> }[]>`
			SELECT pid, workers FROM pgboss.instance
			WHERE pid IN ${cluster.sql(pidsOf)} AND stopped_on IS NULL AND heartbeat_on > ${since}`;
		return rows
			.filter((r) => {
				const queues = r.workers.filter((w) => w.lastFetchedOn && new Date(w.lastFetchedOn) > since);
				return ['meeting-reminders', 'meeting-notices'].every((q) => queues.some((w) => w.queue === q));
			})
			.map((r) => r.pid)
			.sort();
	};
	await expect.poll(fetchingAgain, { timeout: 60_000, message: 'both servers fetch jobs again' }).toEqual(pidsOf);
	console.log(`database away: after it came back, ${await sweepsDone()} reminder sweeps done, both servers fetch jobs`);
});
