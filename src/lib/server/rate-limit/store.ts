import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { rateLimitHits } from '../db/schema';
import type { Bucket, Rule } from './rules';

/**
 * The counter, in the database so that every app server counts the same hits. One statement per
 * hit: insert the window's row or add one to it, and read the new count back (atomic in
 * PostgreSQL, so two servers hitting at once get different counts, never the same one twice).
 *
 * A refused hit is counted in the same row: hammering while refused adds no rows and does not
 * move the end of the window, so it never lengthens its own lockout. The count stops at a cap so
 * it cannot overflow.
 */

export interface Decision {
	allowed: boolean;
	/** This hit's number in the window (capped). */
	count: number;
	limit: number;
	/** When the window ends: the time to try again after a refusal. */
	retryAt: Date;
	/** Whole seconds until retryAt, at least 1 (the Retry-After header). */
	retryAfterSeconds: number;
}

const COUNT_CAP = 1_000_000_000;

/**
 * Keys are stored as an HMAC, never as the address, person id or code prefix itself. The secret is
 * RATE_LIMIT_SECRET, else derived from OIDC_CLIENT_SECRET (the same on every app server), so a
 * database dump cannot be turned back into addresses by trying all 2³² of them.
 */
export function hashKey(bucket: Bucket, subject: string, env: NodeJS.ProcessEnv = process.env): string {
	const secret = env.RATE_LIMIT_SECRET || `rate-limit:${env.OIDC_CLIENT_SECRET ?? 'dev-secret-not-for-production'}`;
	const encoder = new TextEncoder();
	return encodeHexLowerCase(hmac(SHA256, encoder.encode(secret), encoder.encode(`${bucket}\n${subject}`)));
}

export function windowOf(rule: Rule, now: Date): { start: Date; end: Date } {
	const ms = rule.windowSeconds * 1000;
	const start = Math.floor(now.getTime() / ms) * ms;
	return { start: new Date(start), end: new Date(start + ms) };
}

/** Counts one hit on (bucket, hashed key) in the current window and says whether it is allowed. */
export async function hit(db: Db, bucket: Bucket, rule: Rule, hashedKey: string, now = new Date()): Promise<Decision> {
	const { start, end } = windowOf(rule, now);
	const [row] = await db
		.insert(rateLimitHits)
		.values({ bucket, key: hashedKey, windowStart: start, count: 1, expiresAt: end })
		.onConflictDoUpdate({
			target: [rateLimitHits.bucket, rateLimitHits.key, rateLimitHits.windowStart],
			set: { count: sql`least(${rateLimitHits.count} + 1, ${COUNT_CAP})` }
		})
		.returning({ count: rateLimitHits.count });
	return {
		allowed: row.count <= rule.limit,
		count: row.count,
		limit: rule.limit,
		retryAt: end,
		retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000))
	};
}

/** Deletes the rows of windows that have ended; returns how many. */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<number> {
	const gone = await db
		.delete(rateLimitHits)
		.where(lt(rateLimitHits.expiresAt, now))
		.returning({ bucket: rateLimitHits.bucket });
	return gone.length;
}
