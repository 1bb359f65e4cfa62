import { OUTBOX_DB } from './outbox-db';
import { workerRunning } from './worker-status';
import type { OutboxItem, OutboxKind } from './outbox';

/**
 * The outbox code (outbox.ts with the `idb` library, a third of what the plan and diary pages
 * would otherwise load) is fetched only when it is needed: when the outbox database exists (so
 * something may wait in it), or when the citizen starts writing. The service worker precaches it
 * like every other script, so it also loads offline. Where no worker runs, nothing could bring it
 * offline: there it is loaded as soon as the page starts.
 */
let loading: Promise<typeof import('./outbox')> | undefined;
function outboxCode(): Promise<typeof import('./outbox')> {
	loading ??= import('./outbox').catch((cause: unknown) => {
		loading = undefined; // Offline without the worker: try again the next time it is needed.
		throw cause;
	});
	return loading;
}

/** False only when the browser can tell that the outbox database does not exist. */
async function outboxExists(): Promise<boolean> {
	try {
		return (await indexedDB.databases()).some((d) => d.name === OUTBOX_DB);
	} catch {
		return true; // indexedDB.databases() is missing (older Firefox): look inside.
	}
}

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
		// Starting to write: load the outbox code now, while there is network, in case it is needed.
		const writing = (event: FocusEvent) => {
			if (event.target instanceof HTMLTextAreaElement) void outboxCode().catch(() => undefined);
		};
		addEventListener('online', goOnline);
		addEventListener('offline', goOffline);
		navigator.serviceWorker?.addEventListener('message', fromWorker);
		document.addEventListener('focusin', writing);
		void outboxExists().then((exists) => (exists ? this.refresh().then(() => this.send()) : undefined));
		void workerRunning().then((running) => (running ? undefined : outboxCode().catch(() => undefined)));
		return () => {
			removeEventListener('online', goOnline);
			removeEventListener('offline', goOffline);
			navigator.serviceWorker?.removeEventListener('message', fromWorker);
			document.removeEventListener('focusin', writing);
			clearTimeout(this.#timer);
		};
	}

	async refresh() {
		this.items = await (await outboxCode()).pending();
	}

	async add(kind: OutboxKind, id: string, payload: OutboxItem['payload'], audio?: Blob) {
		await (await outboxCode()).enqueue(kind, id, payload, audio);
		await this.refresh();
		void this.send();
		void this.#askForBackgroundSync();
	}

	async discard(id: string) {
		await (await outboxCode()).remove(id);
		await this.refresh();
	}

	async send() {
		if (this.sending || !navigator.onLine) return;
		// Nothing was ever written offline on this device: nothing to send, nothing to load.
		if (!loading && !(await outboxExists())) return;
		clearTimeout(this.#timer);
		this.sending = true;
		try {
			const outcome = await (await outboxCode()).flush();
			this.justSent = outcome.sent;
			this.#retryMs = 1000;
			if (outcome.sent > 0) this.#onSent();
		} catch (cause) {
			// The server or network failed: keep everything and try again later, waiting longer each time
			// (and at least as long as the server asked, when it was too busy or limited the sending).
			const { SyncFailed } = await outboxCode();
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
