import { openDB, type IDBPDatabase } from 'idb';
import { OUTBOX_DB } from './outbox-db';

/**
 * The offline outbox: what the citizen writes is first kept in IndexedDB on the phone, keyed by
 * the id the phone made, then sent to /api/sync. Sending the same item again stores nothing new
 * on the server, so a retry after a lost answer can never double an entry. Works in pages and
 * in the service worker.
 */

/** A diary page, a note under a delmål, a step of Min dag done ("Færdig" pressed offline). */
export type OutboxKind = 'diary' | 'note' | 'tick';
export interface OutboxItem {
	id: string;
	kind: OutboxKind;
	payload: Record<string, string | number | null>;
	/** A voice recording kept with the text (IndexedDB stores the Blob itself); sent as multipart. */
	audio?: Blob;
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

export async function enqueue(
	kind: OutboxKind,
	id: string,
	payload: OutboxItem['payload'],
	audio?: Blob
): Promise<OutboxItem> {
	const item: OutboxItem = { id, kind, payload, createdAt: new Date().toISOString(), attempts: 0, state: 'waiting' };
	if (audio && audio.size > 0) item.audio = audio;
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

/** One item's answer from /api/sync (see SyncResult in src/lib/server/sync/service.ts). */
export interface SyncAnswer {
	id: string;
	status: string;
	reason?: string;
	errors?: Record<string, string>;
}

/**
 * What the phone does with each answer: forget what the server has (stored, or already stored),
 * mark what it refused (with the reason to show, kept for the person to fix or delete), and keep
 * waiting what failed on our side ("error") or got no answer.
 */
export function settle(answers: readonly SyncAnswer[]): {
	done: string[];
	refused: Array<{ id: string; reason: string }>;
} {
	const done: string[] = [];
	const refused: Array<{ id: string; reason: string }> = [];
	for (const answer of answers) {
		if (answer.status === 'stored' || answer.status === 'duplicate') done.push(answer.id);
		else if (answer.status !== 'error')
			refused.push({
				id: answer.id,
				reason: answer.reason ?? Object.values(answer.errors ?? {})[0] ?? 'validation.unknown'
			});
	}
	return { done, refused };
}

/** The server takes at most 50 items and 512 KB a request; batches stay well inside both. */
const BATCH_ITEMS = 50;
const BATCH_CHARS = 200_000;

/** Splits what waits into requests the server takes; an item too big on its own is sent alone. */
export function batches<T>(items: readonly T[], size: (item: T) => number = (i) => JSON.stringify(i).length): T[][] {
	const out: T[][] = [];
	let current: T[] = [];
	let chars = 0;
	for (const item of items) {
		const n = size(item);
		if (current.length && (current.length >= BATCH_ITEMS || chars + n > BATCH_CHARS)) {
			out.push(current);
			current = [];
			chars = 0;
		}
		current.push(item);
		chars += n;
	}
	if (current.length) out.push(current);
	return out;
}

/**
 * Sends every waiting item once, in batches. Each item gets its own answer, so one the server
 * refuses never holds back the others. Throws when the network or the server fails, so the caller
 * can retry with backoff; items stay until the server has answered for them.
 */
export async function flush(fetchImpl: typeof fetch = fetch): Promise<FlushOutcome> {
	const waiting = (await pending()).filter((i) => i.state === 'waiting');
	if (waiting.length === 0) return { sent: 0, rejected: 0, left: 0 };
	const database = await db();
	for (const item of waiting) await database.put(STORE, { ...item, attempts: item.attempts + 1 });

	let sent = 0;
	let rejected = 0;
	const refuse = async ({ id, reason }: { id: string; reason: string }) => {
		const item = (await database.get(STORE, id)) as OutboxItem | undefined;
		if (item) await database.put(STORE, { ...item, state: 'rejected', reason });
		rejected++;
	};
	// Text goes in batches of JSON; an item with a recording goes alone, as multipart.
	const requests: Array<{ ids: string[]; body: string | FormData; audio: boolean }> = batches(
		waiting.filter((i) => !i.audio).map(({ id, kind, payload }) => ({ id, kind, payload }))
	).map((batch) => ({ ids: batch.map((i) => i.id), body: JSON.stringify({ items: batch }), audio: false }));
	for (const { id, kind, payload, audio } of waiting)
		if (audio) requests.push({ ids: [id], body: multipart({ id, kind, payload }, audio), audio: true });
	for (const request of requests) {
		const response = await fetchImpl('/api/sync', {
			method: 'POST',
			// A FormData body sets its own multipart content type, with the boundary.
			headers: request.audio
				? { accept: 'application/json' }
				: { 'content-type': 'application/json', accept: 'application/json' },
			credentials: 'same-origin',
			body: request.body
		});
		// Too big for the server even alone: that item is refused (kept on the phone), the others go on.
		if (response.status === 413 && request.ids.length === 1) {
			await refuse({ id: request.ids[0], reason: request.audio ? 'voice.refused.tooBig' : 'validation.tooLong' });
			continue;
		}
		if (!response.ok) throw new SyncFailed(response.status, retryAfterMs(response.headers.get('retry-after')));
		const { done, refused } = settle(((await response.json()) as { results: SyncAnswer[] }).results);
		for (const id of done) await database.delete(STORE, id);
		sent += done.length;
		for (const item of refused) await refuse(item);
	}
	return { sent, rejected, left: (await pending()).filter((i) => i.state === 'waiting').length };
}

/**
 * The person fixed a refused item: it waits to be sent again, with the new payload — and its
 * recording, unless they chose to send the text without it.
 */
export async function revise(id: string, payload: OutboxItem['payload'], options: { withoutAudio?: boolean } = {}) {
	const database = await db();
	const item = (await database.get(STORE, id)) as OutboxItem | undefined;
	if (!item) return;
	const next: OutboxItem = { ...item, payload, state: 'waiting', reason: undefined, attempts: 0 };
	if (options.withoutAudio) delete next.audio;
	await database.put(STORE, next);
}

/** One item with its recording: the item as the JSON envelope's only entry, the recording as a file. */
function multipart(item: { id: string; kind: OutboxKind; payload: OutboxItem['payload'] }, audio: Blob): FormData {
	const form = new FormData();
	form.set('items', JSON.stringify({ items: [item] }));
	form.set('audio', audio, audio.type === 'audio/mp4' ? 'recording.m4a' : 'recording.webm');
	return form;
}
