/**
 * The Web Push message about a meeting, as the service worker receives it (`event.data.json()`).
 * The texts are already in the citizen's language and reading mode; the worker shows them as
 * they are: `showNotification(title, { body, tag, data: { url } })`, and a tap opens `url`.
 * Lock screens are public: the texts name the kind of meeting and the time, never the place,
 * the people or anything the citizen wrote.
 */

/**
 * 'offered' and 'declined' answer the citizen's "I need another time": new times to choose
 * from, or a no with a message (read in the app, never on the lock screen).
 */
export type MeetingNoticeKind = 'reminder' | 'changed' | 'cancelled' | 'offered' | 'declined';

export interface PushPayload {
	/** Short heading, e.g. "Husk dit møde". */
	title: string;
	/** One or two short sentences, e.g. "Netværksmøde i morgen kl. 10.00." */
	body: string;
	/** A path in this app to open on tap, e.g. "/moeder/<id>". Always same-origin and relative. */
	url: string;
	/** Groups notices about one meeting: a newer one replaces the older on the screen. */
	tag?: string;
	/** A "Min dag" step: the notice offers "Ikke nu", which waits 10 minutes (label in the person's language). */
	snooze?: { stepId: string; day: string; label: string };
}

/** Parses a received payload defensively (the worker side); returns null for anything else. */
export function parsePushPayload(data: unknown): PushPayload | null {
	if (!data || typeof data !== 'object') return null;
	const { title, body, url, tag } = data as Record<string, unknown>;
	if (typeof title !== 'string' || typeof body !== 'string' || typeof url !== 'string') return null;
	// Only paths inside the app: never an address elsewhere.
	if (!url.startsWith('/') || url.startsWith('//')) return null;
	const snooze = parseSnooze((data as Record<string, unknown>).snooze);
	return { title, body, url, ...(typeof tag === 'string' ? { tag } : {}), ...(snooze ? { snooze } : {}) };
}

function parseSnooze(value: unknown): PushPayload['snooze'] | null {
	if (!value || typeof value !== 'object') return null;
	const { stepId, day, label } = value as Record<string, unknown>;
	if (typeof stepId !== 'string' || typeof day !== 'string' || typeof label !== 'string') return null;
	return { stepId, day, label };
}
