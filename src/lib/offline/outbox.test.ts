import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RETRY_AFTER_MS, batches, enqueue, flush, pending, retryAfterMs, revise, settle } from './outbox';

describe('Retry-After for the outbox', () => {
	const now = Date.parse('2026-11-24T13:00:00Z');

	it('waits as long as the server asks, in seconds or as a date', () => {
		expect(retryAfterMs('120', now)).toBe(120_000);
		expect(retryAfterMs('Tue, 24 Nov 2026 13:05:00 GMT', now)).toBe(300_000);
	});

	it('never longer than ten minutes, however much is asked', () => {
		expect(retryAfterMs('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
		expect(retryAfterMs('Fri, 24 Nov 2028 13:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
	});

	it('ignores a missing, past or broken value', () => {
		for (const value of [null, '', '0', '-5', 'soon', 'Mon, 23 Nov 2026 13:00:00 GMT'])
			expect(retryAfterMs(value, now), String(value)).toBeNull();
	});
});

// IndexedDB is not in Node: the outbox's store is a Map behind the same few `idb` calls it uses.
const store = vi.hoisted(() => new Map<string, unknown>());
vi.mock('idb', () => ({
	openDB: async () => ({
		put: async (_store: string, item: { id: string }) => void store.set(item.id, structuredClone(item)),
		get: async (_store: string, id: string) => store.get(id),
		getAll: async () => [...store.values()],
		delete: async (_store: string, id: string) => void store.delete(id),
		close: () => {}
	})
}));

/** A server that stores every diary entry except one whose text is over the limit. */
function fakeSync(requests: string[][] = []): typeof fetch {
	return (async (_url: string, init: RequestInit) => {
		const { items } = JSON.parse(String(init.body)) as { items: Array<{ id: string; payload: { text: string } }> };
		requests.push(items.map((i) => i.id));
		const results = items.map((i) =>
			i.payload.text.length > 4000
				? { id: i.id, status: 'invalid', reason: 'validation.tooLong', errors: { text: 'validation.tooLong' } }
				: { id: i.id, status: 'stored' }
		);
		return new Response(JSON.stringify({ results }), { headers: { 'content-type': 'application/json' } });
	}) as typeof fetch;
}

describe('the outbox sends what waits; a refused entry never holds back the others', () => {
	beforeEach(() => store.clear());
	const ids = [
		'00000000-0000-4000-8000-000000000001',
		'00000000-0000-4000-8000-000000000002',
		'00000000-0000-4000-8000-000000000003'
	];

	it('the good entries are removed, the refused one is marked with its reason and kept', async () => {
		await enqueue('diary', ids[0], { mood: 3, text: 'Første' });
		await enqueue('diary', ids[1], { mood: 3, text: 'x'.repeat(5000) });
		await enqueue('diary', ids[2], { mood: 4, text: 'Tredje' });
		expect(await flush(fakeSync())).toEqual({ sent: 2, rejected: 1, left: 0 });
		const left = await pending();
		expect(left.map((i) => [i.id, i.state, i.reason])).toEqual([[ids[1], 'rejected', 'validation.tooLong']]);
	});

	it('a refused entry is not sent again until it is fixed; then it is', async () => {
		await enqueue('diary', ids[1], { mood: 3, text: 'x'.repeat(5000) });
		await flush(fakeSync());
		const requests: string[][] = [];
		expect(await flush(fakeSync(requests))).toEqual({ sent: 0, rejected: 0, left: 0 });
		expect(requests).toEqual([]);
		await revise(ids[1], { mood: 3, text: 'Kortere nu' });
		expect(await flush(fakeSync(requests))).toEqual({ sent: 1, rejected: 0, left: 0 });
		expect(await pending()).toEqual([]);
	});

	it('a failure on our side keeps the entry waiting (tried again later), not refused', () => {
		expect(
			settle([
				{ id: 'a', status: 'stored' },
				{ id: 'b', status: 'duplicate' },
				{ id: 'c', status: 'error', reason: 'errors.unexpected' },
				{ id: 'd', status: 'conflict', reason: 'validation.conflict' },
				{ id: 'e', status: 'invalid', errors: { mood: 'validation.moodNeeded' } }
			])
		).toEqual({
			done: ['a', 'b'],
			refused: [
				{ id: 'd', reason: 'validation.conflict' },
				{ id: 'e', reason: 'validation.moodNeeded' }
			]
		});
	});

	it('an entry too big for the server even alone is refused; the others still go', async () => {
		await enqueue('diary', ids[0], { mood: 3, text: 'Lille' });
		await enqueue('diary', ids[1], { mood: 3, text: 'x'.repeat(300_000) });
		await enqueue('diary', ids[2], { mood: 3, text: 'Også lille' });
		const server = fakeSync();
		const guarded = (async (url: string, init: RequestInit) =>
			String(init.body).length > 256 * 1024 ? new Response('', { status: 413 }) : server(url, init)) as typeof fetch;
		expect(await flush(guarded)).toEqual({ sent: 2, rejected: 1, left: 0 });
		expect((await pending()).map((i) => [i.id, i.reason])).toEqual([[ids[1], 'validation.tooLong']]);
	});

	it('batches keep to 50 items and a size the server takes', () => {
		expect(batches(Array.from({ length: 120 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 20]);
		expect(batches(['a', 'b', 'c'], (s) => (s === 'b' ? 300_000 : 10)).map((b) => b.length)).toEqual([1, 1, 1]);
	});
});
