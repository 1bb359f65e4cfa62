import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { loginAttempts, loginIdentities, people } from '../db/schema';
import { startDevIdp, type DevIdp } from './dev-idp';
import { beginLogin, completeLogin, LoginError, loginsWaiting, type OidcSettings } from './oidc';
import { Browser, freePort } from '../../../../tests/support/login-browser';

/**
 * The app's side of the login, end to end against the development identity provider:
 * the happy path and each kind of bad callback, which must fail cleanly and change nothing.
 */

let database: OpenDatabase;
let idp: DevIdp;
let settings: OidcSettings;
let saraId: string;

beforeAll(async () => {
	database = await createTestDb();
	const port = await freePort();
	const issuer = `http://127.0.0.1:${port}`;
	settings = {
		issuer,
		clientId: 'app',
		clientSecret: 'secret',
		redirectUri: 'http://localhost:3998/auth/callback',
		loaClaim: 'loa',
		scope: 'openid profile'
	};
	idp = await startDevIdp({
		issuer,
		port,
		clients: [{ clientId: 'app', clientSecret: 'secret', redirectUris: [settings.redirectUri] }]
	});
	const [sara] = await database.db
		.insert(people)
		.values({ displayName: 'Sara Nielsen', givenName: 'Sara' })
		.returning();
	saraId = sara.id;
	await database.db.insert(loginIdentities).values({ personId: sara.id, issuer, subject: 'demo-sara' });
});
afterAll(async () => {
	await idp?.close();
	await database?.close();
});

/** Each app browser's login cookie (login-cookie.ts); the tests pass it by hand. */
const SECRET = 'a'.repeat(52);
const OTHER_SECRET = 'b'.repeat(52);

/** Drives the provider's login page like a browser and returns the callback URL. */
async function callbackFor(subject: string, loa: string, secret = SECRET, returnTo = '/plan'): Promise<URL> {
	const browser = new Browser();
	const start = await beginLogin(database.db, settings, returnTo, secret);
	expect(start.searchParams.get('code_challenge_method')).toBe('S256');
	expect(start.searchParams.get('prompt')).toBe('login');
	const toInteraction = await browser.request(start);
	const interaction = new URL(toInteraction.headers.get('location')!, settings.issuer);
	await browser.request(interaction);
	const posted = await browser.request(interaction, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ subject, loa })
	});
	return browser.followUntil(posted, settings.issuer, settings.redirectUri);
}

async function failure(url: URL, secret: string | null = SECRET): Promise<string> {
	try {
		await completeLogin(database.db, settings, url, secret);
		return 'succeeded';
	} catch (error) {
		if (error instanceof LoginError) return error.reason;
		throw error;
	}
}

describe('login through OpenID Connect', () => {
	it('logs a known person in at Substantial and returns where they were going', async () => {
		const result = await completeLogin(database.db, settings, await callbackFor('demo-sara', 'Substantial'), SECRET);
		expect(result).toEqual({ personId: saraId, loa: 'substantial', returnTo: '/plan' });
	});

	it('refuses a Low login with its own reason', async () => {
		expect(await failure(await callbackFor('demo-sara', 'Low'))).toBe('loa_too_low');
	});

	it('refuses a person the app does not know', async () => {
		expect(await failure(await callbackFor('demo-ali', 'High'))).toBe('unknown_person');
	});

	it('refuses a replayed callback: the attempt is used up', async () => {
		const url = await callbackFor('demo-sara', 'Substantial');
		await completeLogin(database.db, settings, url, SECRET);
		expect(await failure(url)).toBe('unknown_attempt');
	});

	it('refuses malformed and tampered callbacks', async () => {
		expect(await failure(new URL('http://localhost:3998/auth/callback'))).toBe('malformed_callback');
		expect(await failure(new URL('http://localhost:3998/auth/callback?state=forged&code=x'))).toBe('unknown_attempt');
		const url = await callbackFor('demo-sara', 'Substantial');
		url.searchParams.set('code', 'tampered-code');
		expect(await failure(url)).toBe('token_rejected');
	});

	it('says so when the person cancels at the provider', async () => {
		const start = await beginLogin(database.db, settings, '/', SECRET);
		const url = new URL(settings.redirectUri);
		url.searchParams.set('state', start.searchParams.get('state')!);
		url.searchParams.set('error', 'access_denied');
		expect(await failure(url)).toBe('cancelled');
	});
});

describe('a login finishes only in the browser that began it (login CSRF)', () => {
	it('refuses a callback opened in a browser without the login cookie, and the link is then dead', async () => {
		const url = await callbackFor('demo-sara', 'Substantial');
		expect(await failure(url, null)).toBe('other_browser');
		// Used up by the refusal: the link cannot be tried again anywhere, not even where it began.
		expect(await failure(url, SECRET)).toBe('unknown_attempt');
	});

	it('refuses a callback opened in another browser that has a login cookie of its own', async () => {
		const url = await callbackFor('demo-sara', 'Substantial', SECRET);
		expect(await failure(url, OTHER_SECRET)).toBe('other_browser');
	});

	it('keeps only a hash of the cookie with the attempt', async () => {
		await beginLogin(database.db, settings, '/', OTHER_SECRET);
		const rows = await database.db.select({ hash: loginAttempts.browserHash }).from(loginAttempts);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
			expect([SECRET, OTHER_SECRET]).not.toContain(row.hash);
		}
	});

	it('finishes two logins begun in two tabs of one browser, in either order', async () => {
		const browser = 'c'.repeat(52);
		const first = await callbackFor('demo-sara', 'Substantial', browser, '/plan');
		const second = await callbackFor('demo-sara', 'Substantial', browser, '/kriseplan');
		expect(await completeLogin(database.db, settings, second, browser)).toMatchObject({ returnTo: '/kriseplan' });
		// The first tab's attempt still waits, so the callback keeps the cookie.
		expect(await loginsWaiting(database.db, browser)).toBe(true);
		expect(await completeLogin(database.db, settings, first, browser)).toMatchObject({ returnTo: '/plan' });
		expect(await loginsWaiting(database.db, browser)).toBe(false);
	});
});
