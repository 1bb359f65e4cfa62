import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db';
import { pushSubscriptions } from '../db/schema';

/**
 * A browser's Web Push subscription, as PushSubscription.toJSON() gives it. The endpoint is
 * where our server will POST, so it is checked: https to a named host; plain http only to
 * loopback, and only while the app itself runs on loopback (a demo or a test).
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function appIsOnLoopback(env: NodeJS.ProcessEnv = process.env): boolean {
	try {
		return LOOPBACK.has(new URL(env.ORIGIN || 'http://localhost:3000').hostname);
	} catch {
		return false;
	}
}

export function isAllowedPushEndpoint(endpoint: string, env: NodeJS.ProcessEnv = process.env): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.username || url.password) return false;
	if (url.protocol === 'http:') return LOOPBACK.has(url.hostname) && appIsOnLoopback(env);
	if (url.protocol !== 'https:') return false;
	// An IP address is not a push service; loopback only in a local demo.
	const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname) || url.hostname.startsWith('[');
	if (LOOPBACK.has(url.hostname)) return appIsOnLoopback(env);
	return !isIp;
}

function bytes(value: string): Uint8Array | null {
	try {
		return decodeBase64urlIgnorePadding(value);
	} catch {
		return null;
	}
}

export const subscriptionSchema = v.object({
	endpoint: v.pipe(
		v.string(),
		v.maxLength(2000),
		v.check((s) => isAllowedPushEndpoint(s), 'endpoint')
	),
	expirationTime: v.optional(v.nullable(v.number())),
	keys: v.object({
		// An uncompressed P-256 public key: 65 bytes, starting with 4.
		p256dh: v.pipe(
			v.string(),
			v.maxLength(200),
			v.check((s) => {
				const b = bytes(s);
				return b !== null && b.length === 65 && b[0] === 4;
			}, 'p256dh')
		),
		auth: v.pipe(
			v.string(),
			v.maxLength(100),
			v.check((s) => bytes(s)?.length === 16, 'auth')
		)
	})
});
export type SubscriptionInput = v.InferOutput<typeof subscriptionSchema>;

export const unsubscribeSchema = v.object({ endpoint: v.pipe(v.string(), v.maxLength(2000)) });

/**
 * Keeps a subscription for a person. An endpoint belongs to one browser: when someone else logs
 * in on it and subscribes, it becomes theirs (the previous person gets nothing more on it).
 */
export async function saveSubscription(db: Db, personId: string, input: SubscriptionInput) {
	const values = { personId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth };
	const [row] = await db
		.insert(pushSubscriptions)
		.values(values)
		.onConflictDoUpdate({
			target: pushSubscriptions.endpoint,
			set: { personId, p256dh: values.p256dh, auth: values.auth }
		})
		.returning({ id: pushSubscriptions.id });
	return row;
}

export async function removeSubscription(db: Db, personId: string, endpoint: string) {
	const rows = await db
		.delete(pushSubscriptions)
		.where(and(eq(pushSubscriptions.personId, personId), eq(pushSubscriptions.endpoint, endpoint)))
		.returning({ id: pushSubscriptions.id });
	return rows.length > 0;
}

export async function subscriptionsOf(db: Db, personId: string) {
	return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, personId));
}
