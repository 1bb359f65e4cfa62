/**
 * A first-come-first-served admission queue: at most `concurrency` requests at once inside the part
 * of the app that uses the database; the others wait in arrival order.
 *
 * Why: every page runs about a dozen queries one after another. Let 100 requests in at once and
 * each query waits behind ~100 others in the database's own queue (PGlite has one connection on the
 * app's thread; postgres.js a pool): every request is slow, and which one gets its twelve turns
 * first is luck, so some wait past any client's patience. With a few requests inside at a time
 * each one is served quickly, in the order it came.
 *
 * Honest shedding: a request that would wait longer than `maxWaitMs` gets an answer instead (the
 * hook answers 503 with Retry-After). Early, on arrival, when the queue ahead of it is longer than
 * the recent service rate can clear within `maxWaitMs` (only where the caller allows it: see
 * `shedEarly`); otherwise when its wait runs out. No request waits longer than `maxWaitMs`.
 *
 * Per process: two app servers on one PostgreSQL each have their own queue, and each keeps its own
 * share of the database's load in check; that is enough, and needs nothing shared between them.
 */

export type ShedReason = 'estimate' | 'waited';

export type Ticket =
	| { ok: true; release: () => void }
	/** `aborted`: the client went away while it waited (nobody reads the answer; not a shed). */
	| { ok: false; reason: ShedReason | 'aborted' };

export interface AdmissionQueueOptions {
	/** Requests inside at once. */
	concurrency: number;
	/** The longest a request waits for its turn (ms). */
	maxWaitMs: number;
	/** Milliseconds on a monotonic clock (injected in tests). */
	now?: () => number;
	/** Weight of the newest service time in the moving average (0–1). */
	smoothing?: number;
}

interface Waiter {
	/** Ends the wait (timer, abort listener) and gives back the function that answers it. */
	claim: () => (ticket: Ticket) => void;
	timer: ReturnType<typeof setTimeout>;
	detach: () => void;
}

export interface AcquireOptions {
	/**
	 * May this request be answered 503 at once when the estimate says it would wait too long? A
	 * request that is refused at the end of its wait has cost its sender that wait; one refused on
	 * arrival has not. Otherwise it waits its turn, up to maxWaitMs.
	 */
	shedEarly: boolean;
	/** Aborted when the client goes away: it leaves the queue. */
	signal?: AbortSignal;
}

export class AdmissionQueue {
	readonly concurrency: number;
	readonly maxWaitMs: number;
	private readonly now: () => number;
	private readonly smoothing: number;
	private inside = 0;
	private readonly waiting: Waiter[] = [];
	/** Moving average of the time a request holds its place inside (ms); undefined before the first. */
	private serviceMs: number | undefined;

	constructor(options: AdmissionQueueOptions) {
		if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
			throw new RangeError('concurrency must be a whole number of at least 1');
		this.concurrency = options.concurrency;
		this.maxWaitMs = options.maxWaitMs;
		this.now = options.now ?? (() => performance.now());
		this.smoothing = options.smoothing ?? 0.1;
	}

	/** Requests inside now. */
	get active(): number {
		return this.inside;
	}

	/** Requests waiting for their turn now. */
	get queued(): number {
		return this.waiting.length;
	}

	/** The moving average of service times (ms), for the metrics and the log. */
	get averageServiceMs(): number | undefined {
		return this.serviceMs;
	}

	/**
	 * How long a request that arrives now behind `ahead` others is expected to wait: each of the
	 * `concurrency` places frees about every averageServiceMs, so the queue moves at concurrency ÷
	 * averageServiceMs requests per ms. Before any request has finished there is no estimate (0).
	 */
	expectedWaitMs(ahead = this.waiting.length): number {
		if (this.serviceMs === undefined) return 0;
		return ((ahead + 1) * this.serviceMs) / this.concurrency;
	}

	/** Waits for a place inside, in arrival order; or says why not. Call `release` exactly when done. */
	acquire(options: AcquireOptions): Promise<Ticket> {
		if (options.signal?.aborted) return Promise.resolve({ ok: false, reason: 'aborted' });
		if (this.inside < this.concurrency && this.waiting.length === 0) {
			// Also with a place free, in on the loop's next turn (see next()): the requests read from
			// the network in the same turn would otherwise each run to its end before the next one is
			// even seen, in the order the sockets happened to be read, and none of them would queue.
			const ticket = this.enter();
			return new Promise((resolve) => setImmediate(() => resolve(ticket)));
		}
		if (options.shedEarly && this.expectedWaitMs() > this.maxWaitMs)
			return Promise.resolve({ ok: false, reason: 'estimate' });
		return new Promise<Ticket>((resolve) => {
			const waiter: Waiter = {
				claim: () => {
					clearTimeout(waiter.timer);
					waiter.detach();
					return resolve;
				},
				timer: setTimeout(() => this.leave(waiter, 'waited'), this.maxWaitMs),
				detach: () => {}
			};
			const signal = options.signal;
			if (signal) {
				const onAbort = () => this.leave(waiter, 'aborted');
				signal.addEventListener('abort', onAbort, { once: true });
				waiter.detach = () => signal.removeEventListener('abort', onAbort);
			}
			this.waiting.push(waiter);
		});
	}

	private enter(): Ticket {
		this.inside++;
		const started = this.now();
		let released = false;
		return {
			ok: true,
			release: () => {
				// Twice would let one more in than allowed.
				if (released) return;
				released = true;
				const took = this.now() - started;
				this.serviceMs =
					this.serviceMs === undefined ? took : this.serviceMs + this.smoothing * (took - this.serviceMs);
				this.inside--;
				this.next();
			}
		};
	}

	/** A waiter gives up (its wait ran out, or its client left): out of the queue, with the reason. */
	private leave(waiter: Waiter, reason: ShedReason | 'aborted') {
		const at = this.waiting.indexOf(waiter);
		// Already let in (its place is taken): the timer or the abort came too late to matter.
		if (at < 0) return;
		this.waiting.splice(at, 1);
		waiter.claim()({ ok: false, reason });
	}

	/**
	 * Lets the first waiters in, as far as there are places. The place is taken now (no timer or
	 * abort can take it away any more), but the request goes in on the event loop's next turn
	 * (setImmediate), not at once: a PGlite query never yields to the event loop (its work is
	 * synchronous inside a promise), so a request let in from the one leaving would run within the
	 * same turn, and the whole queue would drain without the loop ever reading a new request or
	 * firing a wait's timer. With a turn in between, each request that arrived meanwhile joins the
	 * queue in its place, and one that has waited too long is answered on time.
	 */
	private next() {
		while (this.inside < this.concurrency && this.waiting.length > 0) {
			const waiter = this.waiting.shift()!;
			const ticket = this.enter();
			const admit = waiter.claim();
			setImmediate(() => admit(ticket));
		}
	}
}
