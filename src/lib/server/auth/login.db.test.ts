import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { loginIdentities, people } from '../db/schema';
import { startDevIdp, type DevIdp } from './dev-idp';
import { beginLogin, completeLogin, LoginError, type OidcSettings } from './oidc';
import { Browser, freePort } from './test-support';

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

/** Drives the provider's login page like a browser and returns the callback URL. */
async function callbackFor(subject: string, loa: string): Promise<URL> {
	const browser = new Browser();
	const start = await beginLogin(database.db, settings, '/plan');
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

async function failure(url: URL): Promise<string> {
	try {
		await completeLogin(database.db, settings, url);
		return 'succeeded';
	} catch (error) {
		if (error instanceof LoginError) return error.reason;
		throw error;
	}
}

describe('login through OpenID Connect', () => {
	it('logs a known person in at Substantial and returns where they were going', async () => {
		const result = await completeLogin(database.db, settings, await callbackFor('demo-sara', 'Substantial'));
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
		await completeLogin(database.db, settings, url);
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
		const start = await beginLogin(database.db, settings, '/');
		const url = new URL(settings.redirectUri);
		url.searchParams.set('state', start.searchParams.get('state')!);
		url.searchParams.set('error', 'access_denied');
		expect(await failure(url)).toBe('cancelled');
	});
});
