import { getOpenDatabase, type OpenDatabase } from '../db';
import { logger } from '../log';
import type { TogetherMessage } from '../../together/types';
import { messageBySeq, TOGETHER_CHANNEL } from './repository';

type Listener = (message: TogetherMessage) => void;

/**
 * One LISTEN per app server, fanned out in memory to the together streams of the people
 * connected to this server. A NOTIFY names an event (its seq) and who may receive it; when
 * someone here is among them, the event is read once and handed to each of their streams.
 * The hub keeps no state about sessions: a server that starts, stops or restarts loses
 * nothing, and a person on another server hears the same event from their own server's hub.
 *
 * When the server stops taking connections (SIGTERM), `endStreams()` ends every stream without a
 * `bye`: the browsers reconnect by themselves, through the load balancer, to a server that is
 * staying. A stream opened after that ends at once. `close()` then lets go of the LISTEN.
 */
export class TogetherHub {
	readonly #listeners = new Map<string, Set<Listener>>();
	readonly #enders = new Set<() => void>();
	#listening: Promise<() => Promise<void>> | null = null;
	#ending = false;

	constructor(private readonly database: Pick<OpenDatabase, 'db' | 'listen'>) {}

	/** Starts listening (once); a failure is retried by the next subscriber. */
	async #listen() {
		this.#listening ??= this.database
			.listen(TOGETHER_CHANNEL, (payload) => void this.#deliver(payload))
			.catch((cause: unknown) => {
				this.#listening = null;
				throw cause;
			});
		await this.#listening;
	}

	/** Adds a listener for events addressed to a person; returns the function that removes it. */
	async subscribe(personId: string, listener: Listener): Promise<() => void> {
		// Shutting down: no new LISTEN; the stream is ended at once (onEnd).
		if (this.#ending) return () => {};
		await this.#listen();
		let set = this.#listeners.get(personId);
		if (!set) this.#listeners.set(personId, (set = new Set()));
		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0 && this.#listeners.get(personId) === set) this.#listeners.delete(personId);
		};
	}

	/** Whether this server is ending its streams (it is shutting down). */
	get ending(): boolean {
		return this.#ending;
	}

	/**
	 * Calls `end` when the server ends its streams (at once if it already has); returns the
	 * function that stops it.
	 */
	onEnd(end: () => void): () => void {
		if (this.#ending) {
			queueMicrotask(end);
			return () => {};
		}
		this.#enders.add(end);
		return () => void this.#enders.delete(end);
	}

	/** Ends every stream on this server, and every one opened from now on. */
	endStreams(): number {
		this.#ending = true;
		const enders = [...this.#enders];
		this.#enders.clear();
		for (const end of enders) {
			try {
				end();
			} catch {
				// One broken stream must not keep the others open.
			}
		}
		return enders.length;
	}

	/** How many streams this server holds now (for tests and metrics). */
	get size(): number {
		let n = 0;
		for (const set of this.#listeners.values()) n += set.size;
		return n;
	}

	async #deliver(payload: string) {
		let note: { seq?: unknown; to?: unknown };
		try {
			note = JSON.parse(payload);
		} catch {
			return;
		}
		if (typeof note.seq !== 'number' || !Array.isArray(note.to)) return;
		const here = note.to.filter((id): id is string => typeof id === 'string' && this.#listeners.has(id));
		if (here.length === 0) return;
		let message: TogetherMessage | null;
		try {
			message = await messageBySeq(this.database.db, note.seq);
		} catch (cause) {
			logger.error(
				{ err: cause instanceof Error ? cause.message : 'unknown', seq: note.seq },
				'together event read failed'
			);
			return;
		}
		if (!message) return;
		for (const id of here)
			for (const listener of [...(this.#listeners.get(id) ?? [])]) {
				try {
					listener(message);
				} catch {
					// One broken stream must not keep the event from the others.
				}
			}
	}

	/** Ends the streams and stops listening. */
	async close() {
		this.endStreams();
		const listening = this.#listening;
		this.#listening = null;
		this.#listeners.clear();
		if (listening) await (await listening.catch(() => async () => {}))();
	}
}

let hub: TogetherHub | undefined;

/** This server's hub, on the app's database (created on first use). */
export function togetherHub(): TogetherHub {
	hub ??= new TogetherHub(getOpenDatabase());
	return hub;
}

/** Shutdown, once the server takes no new connections: every together stream ends (see above). */
export function endTogetherStreams(): number {
	return hub?.endStreams() ?? 0;
}

/** Shutdown, before the database closes: the hub's LISTEN ends. */
export async function closeTogetherHub(): Promise<void> {
	const closing = hub;
	hub = undefined;
	await closing?.close();
}
