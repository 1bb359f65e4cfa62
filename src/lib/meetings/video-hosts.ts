import { normaliseHost } from './video-link';

/**
 * A host an organisation adds to its video allow-list, as an administrator types it: the bare
 * name ("video.kommune.dk") or an https address to take the name from. Anything else is refused
 * with a message key (one per rule), so a typing mistake never trusts the wrong host.
 */

/** How many hosts one organisation may trust: a few video services, never "everything". */
export const MAX_VIDEO_HOSTS = 30;

export type VideoHostProblem = 'empty' | 'not_https' | 'not_a_host' | 'has_port';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function parseVideoHost(input: string): { ok: true; host: string } | { ok: false; problem: VideoHostProblem } {
	const text = input.trim();
	if (!text) return { ok: false, problem: 'empty' };
	let host = text;
	if (text.includes('://')) {
		let parsed: URL;
		try {
			parsed = new URL(text);
		} catch {
			return { ok: false, problem: 'not_a_host' };
		}
		if (parsed.protocol !== 'https:') return { ok: false, problem: 'not_https' };
		if (parsed.username || parsed.password) return { ok: false, problem: 'not_a_host' };
		if (parsed.port) return { ok: false, problem: 'has_port' };
		host = parsed.hostname;
	} else if (/:\d+$/.test(text)) {
		return { ok: false, problem: 'has_port' };
	}
	host = normaliseHost(host);
	const labels = host.split('.');
	// A real name with a dot: "localhost", an IP address or a wildcard is never a video service here.
	if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!))
		return { ok: false, problem: 'not_a_host' };
	return { ok: true, host };
}
