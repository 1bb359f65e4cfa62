import type { TogetherMessage, TogetherSessionInfo } from './types';

type Listener = (message: TogetherMessage) => void;

/**
 * The browser's side of the together stream: one EventSource per tab, opened by the banner in
 * the root layout and shared with the together page. It keeps the person's open sessions (for
 * the banner) and hands every event to the pages listening. When the server says `bye` (the
 * login ended), it stops, and starts again only when the person taps or types: an open tab on
 * its own never keeps a login alive.
 */
export class TogetherConnection {
	me = $state<string | null>(null);
	sessions = $state<TogetherSessionInfo[]>([]);
	#source: EventSource | null = null;
	#scheduled = false;
	#lastSeq = 0;
	#listeners: Listener[] = [];
	#helloListeners: Array<() => void> = [];

	connect() {
		if (this.#source || typeof EventSource === 'undefined') return;
		this.#scheduled = false;
		const url = this.#lastSeq ? `/api/together/stream?after=${this.#lastSeq}` : '/api/together/stream';
		const source = new EventSource(url);
		this.#source = source;
		source.addEventListener('hello', (event) => {
			const hello = JSON.parse((event as MessageEvent<string>).data) as { me: string; sessions: TogetherSessionInfo[] };
			this.me = hello.me;
			this.sessions = hello.sessions;
			for (const listener of this.#helloListeners) listener();
		});
		source.addEventListener('message', (event) => {
			const message = JSON.parse(event.data) as TogetherMessage;
			this.#lastSeq = Math.max(this.#lastSeq, message.seq);
			this.#remember(message.session);
			for (const listener of this.#listeners) listener(message);
		});
		source.addEventListener('bye', () => this.#pause());
		source.addEventListener('error', () => {
			// A refusal (logged out: 401) closes it for good; a network error reconnects by itself.
			if (source.readyState === EventSource.CLOSED && this.#source === source) this.#source = null;
		});
	}

	/**
	 * Connects a little after the page has loaded, or at once when the person taps or types: the
	 * page's own loading (and a tool waiting for the network to go quiet) comes first.
	 */
	connectSoon(delayMs = 4000) {
		if (this.#source || this.#scheduled) return;
		this.#scheduled = true;
		const go = () => {
			clearTimeout(timer);
			removeEventListener('pointerdown', go);
			removeEventListener('keydown', go);
			this.#scheduled = false;
			this.connect();
		};
		const timer = setTimeout(go, delayMs);
		addEventListener('pointerdown', go);
		addEventListener('keydown', go);
	}

	#pause() {
		this.#source?.close();
		this.#source = null;
		const resume = () => {
			removeEventListener('pointerdown', resume);
			removeEventListener('keydown', resume);
			this.connect();
		};
		addEventListener('pointerdown', resume);
		addEventListener('keydown', resume);
	}

	#remember(session: TogetherSessionInfo) {
		const open = session.status === 'invited' || session.status === 'active';
		const others = this.sessions.filter((s) => s.id !== session.id);
		this.sessions = open ? [session, ...others] : others;
	}

	/** Calls back with every event; returns the function that stops it. */
	listen(listener: Listener, onHello?: () => void): () => void {
		this.#listeners = [...this.#listeners, listener];
		if (onHello) this.#helloListeners = [...this.#helloListeners, onHello];
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
			this.#helloListeners = this.#helloListeners.filter((l) => l !== onHello);
		};
	}
}

let connection: TogetherConnection | undefined;

/** The tab's connection (browser only: the server renders no live state). */
export function togetherConnection(): TogetherConnection {
	connection ??= new TogetherConnection();
	return connection;
}
