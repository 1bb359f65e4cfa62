import { isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, initDatabase, openDatabase, type OpenDatabase } from '../db';
import { rateLimitHits } from '../db/schema';
import { createTestDb } from '../db/test-helpers';
import { limit } from './index';
import type { Rule } from './rules';
import { hashKey, hit, pruneRateLimits, windowOf } from './store';

/**
 * Rate limits counted in the database: on PGlite and on PostgreSQL, and on PostgreSQL through two
 * database handles at once (two app servers sharing one database).
 */

let database: OpenDatabase;
beforeAll(async () => {
	database = await createTestDb();
});
afterAll(async () => database.close());

const rule: Rule = { limit: 3, windowSeconds: 60, by: 'ip' };
// 12:00:10 UTC: the 60-second window is 12:00:00–12:01:00.
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 12, 0, seconds));
let keys = 0;
const freshKey = () => hashKey('login', `192.0.2.${++keys}`);

async function rowsFor(key: string) {
	return database.db
		.select()
		.from(rateLimitHits)
		.where(and(eq(rateLimitHits.bucket, 'login'), eq(rateLimitHits.key, key)));
}

describe('the counter', () => {
	it('allows the limit, refuses the next hit until the window ends, then allows again', async () => {
		const key = freshKey();
		const first = await Promise.all([1, 2, 3].map(() => hit(database.db, 'login', rule, key, at(10))));
		expect(first.map((d) => d.allowed)).toEqual([true, true, true]);
		const refused = await hit(database.db, 'login', rule, key, at(10));
		expect(refused).toMatchObject({ allowed: false, count: 4, limit: 3, retryAfterSeconds: 50 });
		expect(refused.retryAt.toISOString()).toBe('2026-11-24T12:01:00.000Z');
		expect((await hit(database.db, 'login', rule, key, at(59))).allowed).toBe(false);
		expect((await hit(database.db, 'login', rule, key, new Date(at(0).getTime() + 60_000))).allowed).toBe(true);
	});

	it('gives concurrent hits different counts, so exactly the limit gets through', async () => {
		const key = freshKey();
		const many = { ...rule, limit: 10 };
		const decisions = await Promise.all(Array.from({ length: 30 }, () => hit(database.db, 'login', many, key, at(5))));
		expect(decisions.map((d) => d.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
		expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
	});

	it('a client hammering while refused neither lengthens its lockout nor adds rows', async () => {
		const key = freshKey();
		for (let i = 0; i < 3; i++) await hit(database.db, 'login', rule, key, at(1));
		const retryTimes = new Set<string>();
		for (let s = 1; s < 60; s++) {
			// 10 refused hits a second for the rest of the window.
			const burst = await Promise.all(Array.from({ length: 10 }, () => hit(database.db, 'login', rule, key, at(s))));
			for (const d of burst) {
				expect(d.allowed).toBe(false);
				retryTimes.add(d.retryAt.toISOString());
			}
		}
		expect([...retryTimes]).toEqual(['2026-11-24T12:01:00.000Z']);
		const rows = await rowsFor(key);
		expect(rows).toHaveLength(1);
		expect(rows[0].count).toBe(3 + 59 * 10);

		// The first hit of the next window is allowed, as for anyone else: one new row.
		const next = await hit(database.db, 'login', rule, key, at(60));
		expect(next).toMatchObject({ allowed: true, count: 1 });
		expect(await rowsFor(key)).toHaveLength(2);

		// Ended windows are deleted.
		expect(await pruneRateLimits(database.db, at(61))).toBeGreaterThanOrEqual(1);
		expect((await rowsFor(key)).map((r) => r.windowStart.toISOString())).toEqual(['2026-11-24T12:01:00.000Z']);
	});

	it('windows are aligned to the clock, the same on every server', () => {
		const quarter: Rule = { limit: 1, windowSeconds: 900, by: 'ip' };
		const { start, end } = windowOf(quarter, new Date('2026-11-24T13:07:42Z'));
		expect([start.toISOString(), end.toISOString()]).toEqual(['2026-11-24T13:00:00.000Z', '2026-11-24T13:15:00.000Z']);
	});

	it('stores a keyed hash, never the address', async () => {
		const key = hashKey('login', '203.0.113.7');
		await hit(database.db, 'login', rule, key, at(3));
		const stored = await database.db.select({ key: rateLimitHits.key }).from(rateLimitHits);
		expect(stored.some((r) => r.key.includes('203.0.113.7'))).toBe(false);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(hashKey('invitation-ip', '203.0.113.7')).not.toBe(key);
		expect(hashKey('login', '203.0.113.7', { RATE_LIMIT_SECRET: 'another' })).not.toBe(key);
	});
});

describe('two app servers, one PostgreSQL', () => {
	it.skipIf(!process.env.TEST_DATABASE_URL)('count the same limit through two database handles', async () => {
		const other = await openDatabase({ url: database.url!, poolSize: 4 });
		try {
			const key = freshKey();
			const servers = [database.db, other.db];
			// Alternating: A, B, A allowed; B refused — neither server alone has seen more than 2.
			const turns = [];
			for (let i = 0; i < 4; i++) turns.push(await hit(servers[i % 2], 'login', rule, key, at(20)));
			expect(turns.map((d) => [d.count, d.allowed])).toEqual([
				[1, true],
				[2, true],
				[3, true],
				[4, false]
			]);
			// At once from both: exactly `limit` let through in all.
			const burstKey = freshKey();
			const burst = await Promise.all(
				Array.from({ length: 40 }, (_, i) => hit(servers[i % 2], 'login', { ...rule, limit: 15 }, burstKey, at(20)))
			);
			expect(burst.filter((d) => d.allowed)).toHaveLength(15);
			expect(new Set(burst.map((d) => d.count)).size).toBe(40);
		} finally {
			await other.close();
		}
	});
});

describe('the route-facing limits', () => {
	// The app's own database handle (getDb()): a second one on PostgreSQL, a fresh one on PGlite.
	beforeAll(async () => {
		await initDatabase(database.url ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: 'memory://' });
	});
	afterAll(async () => closeDatabase());

	function fakeEvent(ip: string, accept = 'text/html', userId?: string) {
		const headers: Record<string, string> = {};
		return {
			headers,
			event: {
				getClientAddress: () => ip,
				setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
				request: new Request('http://localhost/x', { headers: { accept } }),
				locals: { user: userId ? { id: userId } : null } as App.Locals
			}
		};
	}

	async function outcome(run: () => Promise<unknown>) {
		try {
			await run();
			return { ok: true as const };
		} catch (cause) {
			if (isHttpError(cause)) return { status: cause.status, body: cause.body };
			if (isRedirect(cause)) return { status: cause.status, location: cause.location };
			throw cause;
		}
	}

	it('a page refusal is a 429 with Retry-After and the time to try again', async () => {
		const { event, headers } = fakeEvent('198.51.100.1');
		for (let i = 0; i < 20; i++)
			expect(await outcome(() => limit.invitation(event, 'ABCDE-FGH23', 'page'))).toEqual({ ok: true });
		const refused = await outcome(() => limit.invitation(event, 'ABCDE-FGH24', 'page'));
		expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited', message: 'limits.refused.text' } });
		const body = (refused as { body: App.Error }).body;
		expect(Number(headers['retry-after'])).toBe(body.retryAfter);
		expect(body.retryAfter).toBeGreaterThan(0);
		expect(body.retryAfter).toBeLessThanOrEqual(900);
		expect(new Date(body.retryAt!).getTime() % (900 * 1000)).toBe(0);
	});

	it('a link opened by a browser goes to the 429 page; an API client gets JSON', async () => {
		const browser = fakeEvent('198.51.100.2', 'text/html,application/xhtml+xml');
		const api = fakeEvent('198.51.100.2', 'application/json');
		for (let i = 0; i < 20; i++) await limit.invitation(browser.event, 'XBCDE-FGH23', 'link');
		const redirected = await outcome(() => limit.invitation(browser.event, 'XBCDE-FGH23', 'link'));
		expect(redirected).toMatchObject({
			status: 303,
			location: expect.stringMatching(/^\/for-mange-forsoeg\?til=\d+$/)
		});
		expect(await outcome(() => limit.invitation(api.event, 'XBCDE-FGH23', 'link'))).toMatchObject({
			status: 429,
			body: { code: 'rate_limited' }
		});
		expect(api.headers['retry-after']).toMatch(/^\d+$/);
	});

	it('a code prefix is locked for everyone after 30 tries from many addresses, other prefixes are not', async () => {
		const symbols = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
		// 30 addresses, one guess each, all starting with QQ.
		for (let i = 0; i < 30; i++)
			expect(
				await outcome(() => limit.invitation(fakeEvent(`10.1.0.${i}`).event, `QQ${symbols[i]}AB-CDEFG`, 'page'))
			).toEqual({
				ok: true
			});
		expect(await outcome(() => limit.invitation(fakeEvent('10.1.1.2').event, 'QQXYZ-ABCDE', 'page'))).toMatchObject({
			status: 429
		});
		expect(await outcome(() => limit.invitation(fakeEvent('10.1.1.3').event, 'QRXYZ-ABCDE', 'page'))).toEqual({
			ok: true
		});
		// Lower case and spaces are the same code, so the same prefix.
		expect(await outcome(() => limit.invitation(fakeEvent('10.1.1.4').event, 'qq xyz abcde', 'page'))).toMatchObject({
			status: 429
		});
	});

	it('tries an address is refused do not count against the prefix, so one address cannot lock it', async () => {
		const { event } = fakeEvent('10.2.0.1');
		for (let i = 0; i < 100; i++) await outcome(() => limit.invitation(event, 'WWXYZ-ABCDE', 'page'));
		// 20 were let through by the address limit; 10 more from others fill the prefix.
		for (let i = 0; i < 10; i++)
			expect(await outcome(() => limit.invitation(fakeEvent(`10.2.1.${i}`).event, 'WWXYZ-ABCDF', 'page'))).toEqual({
				ok: true
			});
		expect(await outcome(() => limit.invitation(fakeEvent('10.2.2.1').event, 'WWXYZ-ABCDG', 'page'))).toMatchObject({
			status: 429
		});
	});

	it('counts per person, and needs a person', async () => {
		const sara = fakeEvent('198.51.100.3', 'application/json', '00000000-0000-4000-8000-000000000001');
		const ali = fakeEvent('198.51.100.3', 'application/json', '00000000-0000-4000-8000-000000000002');
		for (let i = 0; i < 30; i++) await limit.api(sara.event, 'push');
		expect(await outcome(() => limit.api(sara.event, 'push'))).toMatchObject({ status: 429 });
		expect(await outcome(() => limit.api(ali.event, 'push'))).toEqual({ ok: true });
		await expect(limit.api(fakeEvent('198.51.100.3').event, 'push')).rejects.toThrow(/logged-in person/);
	});

	it('the refusal page shows a time within a day, and sends anything else to the front page', async () => {
		const now = new Date('2026-11-24T13:07:00Z');
		const inTen = String(Math.floor(now.getTime() / 1000) + 600);
		const { event, headers } = fakeEvent('198.51.100.4');
		expect(await outcome(async () => limit.refusalPage(event, inTen, now))).toMatchObject({
			status: 429,
			body: { retryAt: '2026-11-24T13:17:00.000Z', retryAfter: 600 }
		});
		expect(headers['retry-after']).toBe('600');
		const past = String(Math.floor(now.getTime() / 1000) - 1);
		const farAway = String(Math.floor(now.getTime() / 1000) + 2 * 24 * 3600);
		for (const bad of [null, '', 'abc', '1e9', past, farAway])
			expect(await outcome(async () => limit.refusalPage(event, bad, now)), String(bad)).toEqual({
				status: 303,
				location: '/'
			});
	});
});
