import { enqueue, flush, pending, remove, SyncFailed, type OutboxItem, type OutboxKind } from './outbox';

/**
 * The page's view of the outbox: what is waiting, and sending it when the network is there.
 * Listens to online/offline events (never polls) and retries a failed send with backoff.
 */
export class OutboxState {
	items = $state<OutboxItem[]>([]);
	online = $state(true);
	sending = $state(false);
	/** How many items went through in the last send, for a short "Sendt" message. */
	justSent = $state(0);

	#retryMs = 1000;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#onSent: () => void;

	constructor(onSent: () => void = () => {}) {
		this.#onSent = onSent;
	}

	/** Starts listening; returns the function that stops it (use in $effect / onMount). */
	start(): () => void {
		this.online = navigator.onLine;
		const goOnline = () => {
			this.online = true;
			this.#retryMs = 1000;
			void this.send();
		};
		const goOffline = () => (this.online = false);
		const fromWorker = (event: MessageEvent) => {
			if (event.data?.type === 'FLUSH_OUTBOX') void this.send();
		};
		addEventListener('online', goOnline);
		addEventListener('offline', goOffline);
		navigator.serviceWorker?.addEventListener('message', fromWorker);
		void this.refresh().then(() => this.send());
		return () => {
			removeEventListener('online', goOnline);
			removeEventListener('offline', goOffline);
			navigator.serviceWorker?.removeEventListener('message', fromWorker);
			clearTimeout(this.#timer);
		};
	}

	async refresh() {
		this.items = await pending();
	}

	async add(kind: OutboxKind, id: string, payload: OutboxItem['payload']) {
		await enqueue(kind, id, payload);
		await this.refresh();
		void this.send();
		void this.#askForBackgroundSync();
	}

	async discard(id: string) {
		await remove(id);
		await this.refresh();
	}

	async send() {
		if (this.sending || !navigator.onLine) return;
		clearTimeout(this.#timer);
		this.sending = true;
		try {
			const outcome = await flush();
			this.justSent = outcome.sent;
			this.#retryMs = 1000;
			if (outcome.sent > 0) this.#onSent();
		} catch (cause) {
			// The server or network failed: keep everything and try again later, waiting longer each time
			// (and at least as long as the server asked, when it was too busy or limited the sending).
			const asked = cause instanceof SyncFailed ? (cause.retryAfterMs ?? 0) : 0;
			this.#timer = setTimeout(() => void this.send(), Math.max(this.#retryMs, asked));
			this.#retryMs = Math.min(this.#retryMs * 2, 60_000);
		} finally {
			this.sending = false;
			await this.refresh();
		}
	}

	/** Where the browser has Background Sync, the worker wakes the page to send even after it was closed. */
	async #askForBackgroundSync() {
		try {
			// getRegistration, not ready: `ready` never settles on a page without a worker.
			const registration = (await navigator.serviceWorker?.getRegistration()) as
				(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
			await registration?.sync?.register('mf-outbox');
		} catch {
			// Not supported or not allowed: the online event covers it.
		}
	}
}
