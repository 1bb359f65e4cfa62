import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

/**
 * The VAPID keys that sign our Web Push messages. From the environment in production
 * (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT — the same on every app server), or else
 * made once and kept in the data directory (.data/vapid.json, ignored by git) for a demo or a
 * single server. `npx tsx scripts/vapid.ts` prints a new pair for the environment.
 */

export interface VapidDetails {
	publicKey: string;
	privateKey: string;
	subject: string;
}

const DEFAULT_SUBJECT = 'mailto:drift@mit-forloeb.invalid';

function vapidFile(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(process.cwd(), env.VAPID_FILE || '.data/vapid.json');
}

function readFile(file: string): { publicKey: string; privateKey: string } | null {
	try {
		const saved = JSON.parse(readFileSync(file, 'utf8'));
		if (typeof saved.publicKey === 'string' && typeof saved.privateKey === 'string') return saved;
	} catch {
		// No file yet (or not readable): make one.
	}
	return null;
}

/** Keys from a file, made on first use. Two servers starting at once agree: the first write wins. */
function keysFromFile(file: string): { publicKey: string; privateKey: string } {
	const existing = readFile(file);
	if (existing) return existing;
	const made = webpush.generateVAPIDKeys();
	mkdirSync(path.dirname(file), { recursive: true });
	try {
		writeFileSync(file, JSON.stringify(made, null, '\t') + '\n', { flag: 'wx', mode: 0o600 });
		return made;
	} catch {
		const other = readFile(file);
		if (other) return other;
		throw new Error(`Could not keep the VAPID keys in ${file}`);
	}
}

let cached: VapidDetails | undefined;

export function vapidDetails(env: NodeJS.ProcessEnv = process.env): VapidDetails {
	if (cached) return cached;
	const subject = env.VAPID_SUBJECT || DEFAULT_SUBJECT;
	if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
		cached = { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
	} else {
		cached = { ...keysFromFile(vapidFile(env)), subject };
	}
	return cached;
}

/** The key a browser needs to subscribe (applicationServerKey). */
export function vapidPublicKey(): string {
	return vapidDetails().publicKey;
}

/** For tests: forget the keys read so far. */
export function resetVapidCache() {
	cached = undefined;
}
