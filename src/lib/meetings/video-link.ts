/**
 * Whether a video link may be shown as a link. Only https links to a host on the
 * organisation's allow-list become a button; anything else is shown as plain text with a
 * warning, so a wrong or planted link is never one tap away (no phishing links).
 */

type VideoLinkProblem = 'invalid' | 'not_https' | 'not_allowed';

export type SafeVideoLink =
	{ kind: 'link'; href: string; host: string } | { kind: 'text'; text: string; problem: VideoLinkProblem };

/** A host as written in an allow-list: lower case, no trailing dot, no port. */
export function normaliseHost(host: string): string {
	return host.trim().toLowerCase().replace(/\.$/, '');
}

export function safeVideoLink(url: string, allowlist: readonly string[]): SafeVideoLink {
	const text = url.trim();
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return { kind: 'text', text, problem: 'invalid' };
	}
	if (parsed.protocol !== 'https:') return { kind: 'text', text, problem: 'not_https' };
	// "https://video.kommune.dk@evil.example" has the host evil.example; user info is refused outright.
	if (parsed.username || parsed.password) return { kind: 'text', text, problem: 'not_allowed' };
	// Another port is another service: only the default https port is trusted.
	if (parsed.port !== '') return { kind: 'text', text, problem: 'not_allowed' };
	const host = normaliseHost(parsed.hostname);
	const allowed = new Set(allowlist.map(normaliseHost).filter(Boolean));
	if (!allowed.has(host)) return { kind: 'text', text, problem: 'not_allowed' };
	return { kind: 'link', href: parsed.href, host };
}

/** Whether a typed link is an https address at all (the staff form refuses anything else). */
export function isHttpsUrl(value: string): boolean {
	try {
		const parsed = new URL(value.trim());
		return parsed.protocol === 'https:' && Boolean(parsed.hostname) && !parsed.username && !parsed.password;
	} catch {
		return false;
	}
}

/** Minutes before the start when the join button becomes active. */
export const VIDEO_OPENS_MINUTES_BEFORE = 10;

export type VideoState = 'not_yet' | 'open' | 'ended';

/** Whether the call can be joined now: from 10 minutes before the start until the end. */
export function videoState(startsAt: Date | string, endsAt: Date | string, now: Date | number): VideoState {
	const at = typeof now === 'number' ? now : now.getTime();
	if (at >= new Date(endsAt).getTime()) return 'ended';
	if (at >= videoOpensAt(startsAt).getTime()) return 'open';
	return 'not_yet';
}

export function videoOpensAt(startsAt: Date | string): Date {
	return new Date(new Date(startsAt).getTime() - VIDEO_OPENS_MINUTES_BEFORE * 60_000);
}
