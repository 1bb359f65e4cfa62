/**
 * The e2e suite's app server, run with tsx (relative imports only: this runs outside Vite).
 *
 * With E2E_TEMPLATE=1 it only migrates and seeds the demo people into PGLITE_DATA_DIR and exits:
 * tests/e2e/global-setup.ts makes that template once per run, and every worker copies it.
 *
 * Otherwise PGLITE_DATA_DIR is such a copy: the demo logins are bound to this server's own
 * identity provider (its issuer has the worker's port), a pool of sessions is minted for every demo
 * person the way the callback makes one (createSession, and the saved settings' cookies as
 * applySavedSettings sets them), written to E2E_SESSIONS_FILE for tests/e2e/fixtures.ts, and then
 * scripts/start.ts serves the built app. Logging in costs a test one cookie instead of a walk
 * through the identity provider's pages; tests/e2e/login-binding.spec.ts and a few others still
 * walk it (loginViaIdp).
 */
import { writeFileSync } from 'node:fs';
import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { createSession, deviceLabelFrom } from '../../src/lib/server/auth/session';
import { closeDatabase, initDatabase } from '../../src/lib/server/db/index';
import { loginIdentities, sessions } from '../../src/lib/server/db/schema';
import { applySavedSettings } from '../../src/lib/server/people/settings';
import { seedDemo } from '../../src/lib/server/seed/index';

/** The template's issuer; each server rebinds the logins to its own identity provider. */
const TEMPLATE_ISSUER = 'http://e2e-template.invalid';
/** The user agent of the suite's browser (playwright.config.ts), for the sessions' device label. */
const USER_AGENT = process.env.E2E_USER_AGENT ?? null;

export interface MintedPerson {
	/** Fresh sessions at Substantial: one per login, so a logout or "log out elsewhere" spends only its own. */
	tokens: string[];
	/** The saved settings' cookies, as the callback sets them at login (name → value). */
	cookies: Record<string, string>;
}

const env = process.env;
const database = await initDatabase();
const { db } = database;

if (env.E2E_TEMPLATE === '1') {
	await seedDemo(db, { issuer: TEMPLATE_ISSUER });
	await closeDatabase();
	process.exit(0);
}

await db.update(loginIdentities).set({ issuer: env.OIDC_ISSUER! }).where(eq(loginIdentities.issuer, TEMPLATE_ISSUER));

const poolSize = Number(env.E2E_SESSION_POOL ?? 30);
const minted: Record<string, MintedPerson> = {};
const identities = await db
	.select({ personId: loginIdentities.personId, subject: loginIdentities.subject })
	.from(loginIdentities);
for (const { personId, subject } of identities) {
	const cookies: Record<string, string> = {};
	await applySavedSettings(db, personId, {
		set: (name: string, value: string) => void (cookies[name] = value)
	} as unknown as Cookies);
	const tokens: string[] = [];
	for (let i = 0; i < poolSize; i++) {
		const { token } = await createSession(db, {
			personId,
			loa: 'substantial',
			deviceLabel: deviceLabelFrom(USER_AGENT)
		});
		tokens.push(token);
	}
	minted[subject] = { tokens, cookies };
}
// A pooled session may wait a whole run for its test: it must not end after 30 idle minutes. Seen
// "two minutes ago", its first request slides it to the usual 30 minutes, as a fresh login would
// (the session-timeout test counts on that).
const mintedAt = Date.now();
await db
	.update(sessions)
	.set({ lastSeenAt: new Date(mintedAt - 2 * 60_000), expiresAt: new Date(mintedAt + 11 * 3_600_000) });
writeFileSync(env.E2E_SESSIONS_FILE!, JSON.stringify(minted));
await closeDatabase();

// By a path in a variable: the type checker would otherwise follow it into the built app (build/).
const startScript = '../../scripts/start.ts';
await import(startScript);
