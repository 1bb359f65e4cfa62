import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { AccessDenied } from '../policy';
import { togetherRelation } from '../policy/decisions';
import { logger } from '../log';
import type { TogetherMessage, TogetherSessionInfo } from '../../together/types';
import type { TogetherHub } from './hub';
import { messagesForPersonAfter, openSessionsOf } from './repository';

/**
 * The Server-Sent Events stream of one logged-in person: invitations to "look at it together"
 * and everything that happens in the sessions they take part in.
 *
 * - `hello` first: who they are and their open sessions (the browser replaces what it had).
 * - Then, after a reconnect (`Last-Event-ID`), the events they missed, from together_events.
 * - Then live events from this server's hub, each with `id: <seq>`.
 * - A comment line every `heartbeatMs` keeps proxies from closing the connection; with it the
 *   login is checked (without sliding it): a stream never outlives its login and never keeps
 *   one alive by itself. Then `bye`, and the browser reconnects only when the person acts.
 * - Every event is checked with the policy before it is sent to someone other than the citizen,
 *   so an ended assignment or a paused delegation stops the flow at once.
 */

export interface StreamOptions {
	db: Db;
	hub: TogetherHub;
	user: SessionUser;
	/** The last seq the browser saw (Last-Event-ID), or null on a first connection. */
	lastEventId: number | null;
	/** Whether the login behind the stream is still in force (checked with every heartbeat). */
	stillLoggedIn: () => Promise<boolean>;
	heartbeatMs?: number;
	signal?: AbortSignal;
}

const encoder = new TextEncoder();

export function lastEventIdOf(request: Request, url: URL): number | null {
	const raw = request.headers.get('last-event-id') ?? url.searchParams.get('after');
	if (!raw || !/^\d{1,15}$/.test(raw)) return null;
	return Number(raw);
}

export function togetherStream(options: StreamOptions): ReadableStream<Uint8Array> {
	const { db, hub, user, lastEventId, stillLoggedIn, heartbeatMs = 20_000, signal } = options;
	let closed = false;
	let cleanup = () => {};

	/** May this person see this event now? The citizen always; others through the policy. */
	async function allowed(message: TogetherMessage): Promise<boolean> {
		const session = message.session;
		if (session.citizenId === user.id) return true;
		const viaRelative = session.relativeId === user.id && session.professionalId !== user.id;
		if (viaRelative && message.kind === 'note') return false;
		try {
			await togetherRelation(db, user, session.citizenId, 'read');
			return true;
		} catch (cause) {
			if (cause instanceof AccessDenied) return false;
			throw cause;
		}
	}

	return new ReadableStream<Uint8Array>({
		async start(controller) {
			const write = (text: string) => {
				if (closed) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					finish();
				}
			};
			const finish = () => {
				if (closed) return;
				closed = true;
				cleanup();
				try {
					controller.close();
				} catch {
					// Already closed by the other side.
				}
			};
			const bye = (reason: string) => {
				write(`event: bye\ndata: ${JSON.stringify({ reason })}\n\n`);
				finish();
			};

			const sent = new Set<number>();
			let live = false;
			const waiting: TogetherMessage[] = [];
			// Events are checked one after the other, so they leave in the order they came.
			let queue = Promise.resolve();
			const send = (message: TogetherMessage) => {
				queue = queue.then(async () => {
					if (closed || sent.has(message.seq)) return;
					if (!(await allowed(message))) return;
					sent.add(message.seq);
					write(`id: ${message.seq}\ndata: ${JSON.stringify(message)}\n\n`);
				});
				queue = queue.catch((cause: unknown) => {
					logger.error({ err: cause instanceof Error ? cause.message : 'unknown' }, 'together stream send failed');
				});
			};

			// Subscribe before reading, so nothing that happens meanwhile is lost.
			const unsubscribe = await hub.subscribe(user.id, (message) => (live ? send(message) : waiting.push(message)));
			const heartbeat = setInterval(() => {
				write(': ping\n\n');
				stillLoggedIn().then(
					(ok) => {
						if (!ok) bye('session');
					},
					() => {}
				);
			}, heartbeatMs);
			const onAbort = () => finish();
			signal?.addEventListener('abort', onAbort);
			// The server is stopping: end without `bye`, so the browser reconnects (to another server).
			const stopEnding = hub.onEnd(() => finish());
			cleanup = () => {
				clearInterval(heartbeat);
				unsubscribe();
				stopEnding();
				signal?.removeEventListener('abort', onAbort);
			};
			if (signal?.aborted) return finish();

			try {
				write('retry: 3000\n\n');
				const open = await openSessionsOf(db, user.id);
				const sessions: TogetherSessionInfo[] = [];
				for (const session of open) {
					const probe = { kind: 'invited', session } as TogetherMessage;
					if (await allowed(probe)) sessions.push(session);
				}
				write(`event: hello\ndata: ${JSON.stringify({ me: user.id, sessions })}\n\n`);
				if (lastEventId !== null)
					for (const message of await messagesForPersonAfter(db, user.id, lastEventId)) send(message);
				for (const message of waiting.splice(0)) send(message);
				live = true;
			} catch (cause) {
				logger.error({ err: cause instanceof Error ? cause.message : 'unknown' }, 'together stream start failed');
				bye('error');
			}
		},
		cancel() {
			closed = true;
			cleanup();
		}
	});
}
