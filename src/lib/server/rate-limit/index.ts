import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb, type Db } from '../db';
import { logger } from '../log';
import { looksLikeInvitationCode, normaliseInvitationCode } from '../relatives/invitation-code';
import { CODE_PREFIX_LENGTH, MAX_WINDOW_SECONDS, rulesFromEnv, type Bucket, type Rule } from './rules';
import { hashKey, hit, pruneRateLimits, type Decision } from './store';

/**
 * The route-facing side of the rate limits: one call at the top of a limited handler, after its
 * guard. A refusal is
 * - `page`: a 429 error page in the person's language and reading mode, with the time to try
 *   again (pages and form actions; +error.svelte shows it);
 * - `api`: 429 with a small JSON body (`{ message, code: "rate_limited", retryAt, retryAfter }`);
 * - `link`: for endpoints a browser opens (login, downloads, the invitation link): a browser is
 *   sent to the 429 page at /for-mange-forsoeg, anything else gets the JSON answer.
 * All three set Retry-After.
 *
 * The client address is SvelteKit's `getClientAddress()`: the socket's peer, or behind a proxy the
 * header named by adapter-node's ADDRESS_HEADER (with XFF_DEPTH for X-Forwarded-For) — set them,
 * or every citizen shares the proxy's address.
 */

type Mode = 'page' | 'api' | 'link';
type Event = Pick<RequestEvent, 'getClientAddress' | 'setHeaders' | 'request' | 'locals'>;

let rules: Record<Bucket, Rule> | undefined;
/** The rule in force for a bucket (the defaults with RATE_LIMITS applied). */
export function rule(bucket: Bucket): Rule {
	rules ??= rulesFromEnv(process.env.RATE_LIMITS);
	return rules[bucket];
}

/** Ended windows are deleted now and then by whichever server counts the hit (a job may do it too). */
const PRUNE_EVERY = 500;
let hitsSincePrune = 0;

function subjectOf(event: Event, bucket: Bucket, given?: string): string {
	switch (rule(bucket).by) {
		case 'ip':
			return event.getClientAddress();
		case 'person':
			if (!event.locals.user) throw new Error(`rate limit "${bucket}" needs a logged-in person (guard first)`);
			return event.locals.user.id;
		case 'code-prefix':
			if (!given) throw new Error(`rate limit "${bucket}" needs a code`);
			return given;
	}
}

/** Counts one hit; returns the decision without acting on it (for tests and for callers that need it). */
async function countHit(event: Event, bucket: Bucket, subject?: string, now = new Date()): Promise<Decision> {
	return count(getDb(), bucket, subjectOf(event, bucket, subject), now);
}

/**
 * Counts one hit of a person on a bucket counted by person, through the given database handle:
 * for a service that counts an attempt itself (one statement, outside its own transaction, so a
 * refused attempt stays counted). Returns the decision; the caller refuses.
 */
export async function countPerson(db: Db, bucket: Bucket, personId: string, now = new Date()): Promise<Decision> {
	if (rule(bucket).by !== 'person') throw new Error(`rate limit "${bucket}" is not counted by person`);
	return count(db, bucket, personId, now);
}

async function count(db: Db, bucket: Bucket, subject: string, now: Date): Promise<Decision> {
	const decision = await hit(db, bucket, rule(bucket), hashKey(bucket, subject), now);
	if (++hitsSincePrune >= PRUNE_EVERY) {
		hitsSincePrune = 0;
		pruneRateLimits(db).catch((cause) =>
			logger.warn({ err: cause instanceof Error ? cause.message : 'unknown' }, 'rate limit prune failed')
		);
	}
	return decision;
}

function wantsHtml(event: Event): boolean {
	return (event.request.headers.get('accept') ?? '').includes('text/html');
}

function refuse(event: Event, bucket: Bucket, decision: Decision, mode: Mode): never {
	logger.info({ bucket, count: decision.count, limit: decision.limit }, 'rate limited');
	const retryAt = decision.retryAt.toISOString();
	if (mode === 'link' && wantsHtml(event))
		redirect(303, `/for-mange-forsoeg?til=${Math.floor(decision.retryAt.getTime() / 1000)}`);
	event.setHeaders({ 'retry-after': String(decision.retryAfterSeconds) });
	error(429, {
		message: 'limits.refused.text',
		code: 'rate_limited',
		retryAt,
		retryAfter: decision.retryAfterSeconds
	});
}

async function enforce(event: Event, bucket: Bucket, mode: Mode, subject?: string): Promise<void> {
	const decision = await countHit(event, bucket, subject);
	if (!decision.allowed) refuse(event, bucket, decision, mode);
}

/**
 * An invitation code is about to be looked up: counted per client address, then (if that let it
 * through) per code prefix. Nothing is counted when there is no code.
 */
async function invitation(event: Event, code: string | null | undefined, mode: 'page' | 'link'): Promise<void> {
	if (!code) return;
	await enforce(event, 'invitation-ip', mode);
	const normal = normaliseInvitationCode(code);
	if (looksLikeInvitationCode(normal))
		await enforce(event, 'invitation-code', mode, normal.slice(0, CODE_PREFIX_LENGTH));
}

/**
 * /for-mange-forsoeg?til=<unix seconds>: the 429 page a browser is sent to from a `link` refusal.
 * Anything but a time within the longest window from now goes to the front page.
 */
function refusalPage(event: Event, until: string | null, now = new Date()): never {
	const at = /^\d{1,12}$/.test(until ?? '') ? Number(until) * 1000 : NaN;
	const seconds = Math.ceil((at - now.getTime()) / 1000);
	if (!(seconds >= 1 && seconds <= MAX_WINDOW_SECONDS)) redirect(303, '/');
	event.setHeaders({ 'retry-after': String(seconds) });
	error(429, {
		message: 'limits.refused.text',
		code: 'rate_limited',
		retryAt: new Date(at).toISOString(),
		retryAfter: seconds
	});
}

export const limit = {
	page: (event: Event, bucket: Bucket) => enforce(event, bucket, 'page'),
	api: (event: Event, bucket: Bucket) => enforce(event, bucket, 'api'),
	link: (event: Event, bucket: Bucket) => enforce(event, bucket, 'link'),
	invitation,
	refusalPage
};
