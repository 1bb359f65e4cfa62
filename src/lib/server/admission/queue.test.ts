import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue, type Ticket } from './queue';

// Fake timers: the waits below are seconds long in the code and take no time here.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A queue on the fake clock. */
const queueOf = (concurrency: number, maxWaitMs = 4000) =>
	new AdmissionQueue({ concurrency, maxWaitMs, now: () => Date.now() });

/** Acquires and records when the ticket arrives, without awaiting it. */
function track(queue: AdmissionQueue, shedEarly = false, signal?: AbortSignal) {
	const entry: { ticket?: Ticket } = {};
	void queue.acquire({ shedEarly, signal }).then((ticket) => (entry.ticket = ticket));
	return entry;
}

const release = (entry: { ticket?: Ticket }) => {
	if (!entry.ticket?.ok) throw new Error('not admitted');
	entry.ticket.release();
};

describe('the admission queue', () => {
	it('lets at most N in at once, and the others in the order they came', async () => {
		const queue = queueOf(2);
		const order: number[] = [];
		const entries = Array.from({ length: 7 }, (_, i) => {
			const entry: { ticket?: Ticket } = {};
			void queue.acquire({ shedEarly: false }).then((ticket) => {
				entry.ticket = ticket;
				order.push(i);
			});
			return entry;
		});
		await vi.advanceTimersByTimeAsync(0);
		expect(order).toEqual([0, 1]);
		expect(queue.queued).toBe(5);
		// Release the requests in the order they got in; each release lets exactly the next one in.
		for (let done = 0; done < 7; done++) {
			expect(queue.active).toBeLessThanOrEqual(2);
			release(entries[order[done]]);
			await vi.advanceTimersByTimeAsync(0);
		}
		expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(queue.active).toBe(0);
		expect(queue.queued).toBe(0);
	});

	it('never has more than N inside, under a random mix of arrivals and releases', async () => {
		const queue = queueOf(3);
		const inside: Array<{ ticket?: Ticket }> = [];
		const all: Array<{ ticket?: Ticket }> = [];
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let step = 0; step < 300; step++) {
			if (random() < 0.6) all.push(track(queue));
			else {
				const entered = all.filter((e) => e.ticket?.ok && !inside.includes(e));
				inside.push(...entered);
				const leaving = inside.shift();
				if (leaving) release(leaving);
			}
			await vi.advanceTimersByTimeAsync(1);
			expect(queue.active).toBeLessThanOrEqual(3);
		}
	});

	it('a place comes back when released, once only (a second release lets nobody extra in)', async () => {
		const queue = queueOf(1);
		const first = track(queue);
		const second = track(queue);
		const third = track(queue);
		await vi.advanceTimersByTimeAsync(0);
		release(first);
		release(first);
		await vi.advanceTimersByTimeAsync(0);
		expect(second.ticket?.ok).toBe(true);
		expect(third.ticket).toBeUndefined();
		expect(queue.active).toBe(1);
	});

	it('lets the next one in on the event loop’s next turn, not within the turn of the one leaving', async () => {
		// PGlite's queries never yield to the event loop: a request let in at once would run inside
		// the leaving one's turn, and a queue of them would drain without any timer or arrival seen.
		const queue = queueOf(1);
		const holder = track(queue);
		const next = track(queue);
		await vi.advanceTimersByTimeAsync(0);
		release(holder);
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(next.ticket).toBeUndefined();
		expect(queue.active).toBe(1);
		await vi.advanceTimersByTimeAsync(0);
		expect(next.ticket?.ok).toBe(true);
	});

	it('a request waits at most maxWaitMs, then is refused and leaves the queue', async () => {
		const queue = queueOf(1, 4000);
		const holder = track(queue);
		const waiter = track(queue);
		await vi.advanceTimersByTimeAsync(3999);
		expect(waiter.ticket).toBeUndefined();
		await vi.advanceTimersByTimeAsync(1);
		expect(waiter.ticket).toEqual({ ok: false, reason: 'waited' });
		expect(queue.queued).toBe(0);
		// The place it would have had goes to the next one who still waits.
		const later = track(queue);
		release(holder);
		await vi.advanceTimersByTimeAsync(0);
		expect(later.ticket?.ok).toBe(true);
	});

	it('a read is refused on arrival when the queue ahead cannot be cleared in time; a write waits', async () => {
		const queue = queueOf(1, 4000);
		// One request that held its place for a second: the average service time is 1 s.
		const first = track(queue);
		await vi.advanceTimersByTimeAsync(1000);
		release(first);
		expect(queue.averageServiceMs).toBe(1000);

		const holder = track(queue);
		await vi.advanceTimersByTimeAsync(0);
		// Behind 0, 1, 2, 3 others: 1, 2, 3, 4 s expected; within the budget, they wait.
		const waiting = [track(queue, true), track(queue, true), track(queue, true), track(queue, true)];
		await vi.advanceTimersByTimeAsync(0);
		expect(waiting.every((w) => w.ticket === undefined)).toBe(true);
		// Behind 4: 5 s expected, past the budget: refused at once.
		const late = track(queue, true);
		await vi.advanceTimersByTimeAsync(0);
		expect(late.ticket).toEqual({ ok: false, reason: 'estimate' });
		// A write in the same place is not refused on arrival: it waits its turn.
		const write = track(queue, false);
		await vi.advanceTimersByTimeAsync(0);
		expect(write.ticket).toBeUndefined();
		expect(queue.queued).toBe(5);
		release(holder);
		await vi.advanceTimersByTimeAsync(0);
		expect(waiting[0].ticket?.ok).toBe(true);
	});

	it('before any request has finished there is no estimate: nobody is refused on arrival', async () => {
		const queue = queueOf(1);
		track(queue);
		const many = Array.from({ length: 50 }, () => track(queue, true));
		await vi.advanceTimersByTimeAsync(0);
		expect(many.every((w) => w.ticket === undefined)).toBe(true);
	});

	it('a client that leaves while it waits leaves the queue and takes no place', async () => {
		const queue = queueOf(1);
		const holder = track(queue);
		const gone = new AbortController();
		const leaving = track(queue, false, gone.signal);
		const staying = track(queue);
		await vi.advanceTimersByTimeAsync(0);
		gone.abort();
		await vi.advanceTimersByTimeAsync(0);
		expect(leaving.ticket).toEqual({ ok: false, reason: 'aborted' });
		expect(queue.queued).toBe(1);
		release(holder);
		await vi.advanceTimersByTimeAsync(0);
		expect(staying.ticket?.ok).toBe(true);
	});
});
