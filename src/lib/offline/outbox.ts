import { openDB, type IDBPDatabase } from 'idb';
import { OUTBOX_DB } from './outbox-db';

/**
 * The offline outbox: what the citizen writes is first kept in IndexedDB on the phone, keyed by
 * the id the phone made, then sent to /api/sync. Sending the same item again stores nothing new
 * on the server, so a retry after a lost answer can never double an entry. Works in pages and
 * in the service worker.
 */

export type OutboxKind = 'diary' | 'note';
export interface OutboxItem {
	id: string;
	kind: OutboxKind;
	payload: Record<string, string | number | null>;
	createdAt: string;
	attempts: number;
	/** waiting: not yet accepted by the server; rejected: the server said no (kept, never dropped). */
	state: 'waiting' | 'rejected';
	reason?: string;
}

export { OUTBOX_DB };
const STORE = 'items';

let opened: Promise<IDBPDatabase> | undefined;
function db() {
	opened ??= openDB(OUTBOX_DB, 1, {
		upgrade(database) {
			database.createObjectStore(STORE, { keyPath: 'id' });
		},
		blocking() {
			// Another tab (or a wipe) wants the database: let go so it can proceed.
			void opened?.then((d) => d.close());
			opened = undefined;
		}
	});
	return opened;
}

export async function enqueue(kind: OutboxKind, id: string, payload: OutboxItem['payload']): Promise<OutboxItem> {
	const item: OutboxItem = { id, kind, payload, createdAt: new Date().toISOString(), attempts: 0, state: 'waiting' };
	await (await db()).put(STORE, item);
	return item;
}

export async function pending(): Promise<OutboxItem[]> {
	const items = (await (await db()).getAll(STORE)) as OutboxItem[];
	return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function remove(id: string) {
	await (await db()).delete(STORE, id);
}

/** Closes the connection so the database can be deleted (own-device off, logout). */
export async function closeOutbox() {
	const current = opened;
	opened = undefined;
	(await current)?.close();
}

/** The longest the outbox waits when the server says "try again later" (Retry-After). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Retry-After (seconds or an HTTP date) as milliseconds to wait, at most MAX_RETRY_AFTER_MS, so a
 * huge or broken value cannot park what the citizen wrote for hours; null when there is none.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
	if (!header) return null;
	const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now;
	return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : null;
}

/** The server did not take the items (429 when rate-limited, 5xx); nothing was lost on the device. */
export class SyncFailed extends Error {
	constructor(
		readonly status: number,
		readonly retryAfterMs: number | null
	) {
		super(`sync answered ${status}`);
	}
}

export interface FlushOutcome {
	sent: number;
	rejected: number;
	left: number;
}

/**
 * Sends every waiting item once. Throws when the network or the server fails, so the caller
 * can retry with backoff; items stay until the server has answered for them.
 */
export async function flush(fetchImpl: typeof fetch = fetch): Promise<FlushOutcome> {
	const waiting = (await pending()).filter((i) => i.state === 'waiting');
	if (waiting.length === 0) return { sent: 0, rejected: 0, left: 0 };
	const database = await db();
	for (const item of waiting) await database.put(STORE, { ...item, attempts: item.attempts + 1 });

	const response = await fetchImpl('/api/sync', {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		credentials: 'same-origin',
		body: JSON.stringify({ items: waiting.slice(0, 50).map(({ id, kind, payload }) => ({ id, kind, payload })) })
	});
	if (!response.ok) throw new SyncFailed(response.status, retryAfterMs(response.headers.get('retry-after')));
	const { results } = (await response.json()) as {
		results: Array<{ id: string; status: string; errors?: Record<string, string> }>;
	};
	let sent = 0;
	let rejected = 0;
	for (const result of results) {
		if (result.status === 'stored' || result.status === 'duplicate') {
			await database.delete(STORE, result.id);
			sent++;
		} else {
			const item = (await database.get(STORE, result.id)) as OutboxItem | undefined;
			if (item)
				await database.put(STORE, {
					...item,
					state: 'rejected',
					reason: Object.values(result.errors ?? {})[0] ?? result.status
				});
			rejected++;
		}
	}
	return { sent, rejected, left: (await pending()).filter((i) => i.state === 'waiting').length };
}
