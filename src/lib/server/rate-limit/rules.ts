/**
 * What is limited, counted by what, and how much. Every rule is a fixed window aligned to the
 * clock (a 15-minute window runs 14.00–14.15, 14.15–14.30 …), so every app server computes the
 * same window and the refusal can name a round time: "Prøv igen kl. 14.15".
 *
 * Invitation codes (the one secret a stranger could guess) are limited twice:
 * - per client IP: 20 tries per 15 minutes (80 an hour; a relative typing a code needs 1–4);
 * - per code prefix (the first 2 of the 10 symbols, 32² = 1 024 prefixes): 30 tries an hour,
 *   counted only for tries the IP limit let through, so one address cannot lock a prefix alone.
 * The prefix limit caps guessing for the whole world, however many addresses an attacker has:
 * at most 1 024 × 30 = 30 720 tries an hour, 5 160 960 in the 7 days a code is valid. A code
 * is 1 of 32¹⁰ ≈ 1.13 × 10¹⁵, so the chance of finding one given code within its life is
 * ≈ 4.6 × 10⁻⁹, and of finding any of 10 000 open invitations ≈ 4.6 × 10⁻⁵. A single
 * address (80 an hour, 13 440 in 7 days) finds a given code with odds ≈ 1.2 × 10⁻¹¹.
 * (rules.test.ts computes the same figures from these settings.)
 *
 * Limits are set per bucket by RATE_LIMITS, e.g. `RATE_LIMITS="login=1000/10m,export=5/1h"`.
 */

export type Bucket = 'login' | 'invitation-ip' | 'invitation-code' | 'export' | 'sync' | 'diary' | 'push' | 'together';

/** What a bucket counts by: the client's address, the logged-in person, or a code's prefix. */
type CountedBy = 'ip' | 'person' | 'code-prefix';

export interface Rule {
	/** Hits allowed in one window; the next one is refused until the window ends. */
	limit: number;
	windowSeconds: number;
	by: CountedBy;
}

export const DEFAULT_RULES: Record<Bucket, Rule> = {
	// /auth/login and /auth/callback: a login is 2 hits; 300 logins per 10 minutes from one
	// address leaves room for an office of staff behind one NAT address.
	login: { limit: 600, windowSeconds: 600, by: 'ip' },
	'invitation-ip': { limit: 20, windowSeconds: 900, by: 'ip' },
	'invitation-code': { limit: 30, windowSeconds: 3600, by: 'code-prefix' },
	// JSON, FHIR and the printable page together.
	export: { limit: 20, windowSeconds: 3600, by: 'person' },
	// The offline outbox sends up to 50 items per post and backs off when refused.
	sync: { limit: 120, windowSeconds: 600, by: 'person' },
	// Writing, editing and sharing diary entries in the page's forms.
	diary: { limit: 60, windowSeconds: 600, by: 'person' },
	// Turning reminders on or off on a device.
	push: { limit: 30, windowSeconds: 3600, by: 'person' },
	// "Look at it together": every event a person tries to send (pointing, a note, a next step),
	// refused or not, in any session. Pointing along a plan while talking is a few a second at most.
	together: { limit: 20, windowSeconds: 10, by: 'person' }
};

/** The code-prefix length the invitation-code bucket counts by. */
export const CODE_PREFIX_LENGTH = 2;

/** No window is longer than a day, so no refusal lasts longer than that. */
export const MAX_WINDOW_SECONDS = 24 * 3600;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Reads RATE_LIMITS ("bucket=limit/window,…", window like 30s, 10m, 1h); throws on a typo. */
export function rulesFromEnv(value: string | undefined): Record<Bucket, Rule> {
	const rules = structuredClone(DEFAULT_RULES);
	for (const part of (value ?? '').split(',').map((p) => p.trim())) {
		if (!part) continue;
		const match = /^([a-z-]+)=(\d+)\/(\d+)([smh])$/.exec(part);
		if (!match || !(match[1] in rules)) throw new Error(`RATE_LIMITS: cannot read "${part}"`);
		const windowSeconds = Number(match[3]) * UNITS[match[4]];
		const limit = Number(match[2]);
		if (limit < 1 || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS)
			throw new Error(`RATE_LIMITS: "${part}" needs a limit ≥ 1 and a window from 1s to 24h`);
		rules[match[1] as Bucket] = { ...rules[match[1] as Bucket], limit, windowSeconds };
	}
	return rules;
}
