import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../db';
import { loginAttempts, loginIdentities } from '../db/schema';
import { LOA_LEVELS, type Loa } from '../../domain';
import { safeReturnTo } from '../return-to';

/**
 * OpenID Connect login against a MitID broker (or, in the demo, the development identity
 * provider). Authorization code flow with PKCE (S256), state and nonce. The attempt is kept
 * in the database, so any app server behind the load balancer can finish it.
 */

export interface OidcSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
	redirectUri: string;
	postLogoutRedirectUri?: string;
	/** Name of the claim carrying the NSIS assurance level. */
	loaClaim: string;
	scope: string;
}

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings {
	const origin = env.ORIGIN ?? 'http://localhost:3000';
	return {
		issuer: env.OIDC_ISSUER ?? 'http://127.0.0.1:5174',
		clientId: env.OIDC_CLIENT_ID ?? 'mit-forloeb-dev',
		clientSecret: env.OIDC_CLIENT_SECRET ?? 'dev-secret-not-for-production',
		redirectUri: env.OIDC_REDIRECT_URI ?? `${origin}/auth/callback`,
		postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI ?? `${origin}/`,
		loaClaim: env.OIDC_LOA_CLAIM ?? 'loa',
		scope: env.OIDC_SCOPE ?? 'openid profile'
	};
}

const ATTEMPT_MINUTES = 10;

/** Plain http is accepted only for an identity provider on this machine (the development one). */
function isLoopback(url: URL): boolean {
	return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

async function configuration(settings: OidcSettings): Promise<client.Configuration> {
	const key = `${settings.issuer}|${settings.clientId}`;
	if (discovered?.key !== key) {
		const issuerUrl = new URL(settings.issuer);
		const options =
			issuerUrl.protocol === 'http:' && isLoopback(issuerUrl) ? { execute: [client.allowInsecureRequests] } : undefined;
		const config = client.discovery(issuerUrl, settings.clientId, settings.clientSecret, undefined, options);
		discovered = { key, config };
		// A failed discovery (provider not up yet) is retried on the next login.
		config.catch(() => {
			if (discovered?.key === key) discovered = undefined;
		});
	}
	return discovered.config;
}

/** What an attempt stores of the browser's login cookie (login-cookie.ts): its SHA-256 only. */
function browserHash(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

function sameBrowser(secret: string | null, storedHash: string): boolean {
	if (!secret || !storedHash) return false;
	const encoder = new TextEncoder();
	const given = encoder.encode(browserHash(secret));
	const stored = encoder.encode(storedHash);
	return given.length === stored.length && constantTimeEqual(given, stored);
}

/**
 * Begins a login for the browser holding `browserSecret` (its login cookie): only that browser
 * can finish it. Returns the identity provider's URL to send the browser to.
 */
export async function beginLogin(
	db: Db,
	settings: OidcSettings,
	returnTo: string,
	browserSecret: string,
	now = new Date()
): Promise<URL> {
	const config = await configuration(settings);
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	await db.delete(loginAttempts).where(lt(loginAttempts.expiresAt, now));
	await db.insert(loginAttempts).values({
		state,
		nonce,
		codeVerifier,
		browserHash: browserHash(browserSecret),
		// The app's origin is the one its redirect URI names.
		returnTo: safeReturnTo(returnTo, new URL(settings.redirectUri).origin),
		expiresAt: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000)
	});
	return client.buildAuthorizationUrl(config, {
		redirect_uri: settings.redirectUri,
		scope: settings.scope,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce,
		// Always ask the person to authenticate: a shared device must never log in the previous person.
		prompt: 'login'
	});
}

export type LoginFailure =
	| 'malformed_callback'
	| 'unknown_attempt'
	| 'other_browser'
	| 'cancelled'
	| 'provider_error'
	| 'token_rejected'
	| 'loa_too_low'
	| 'unknown_person';

export class LoginError extends Error {
	constructor(readonly reason: LoginFailure) {
		super(reason);
	}
}

/** Whether other logins begun in this browser still wait to be finished (then its cookie stays). */
export async function loginsWaiting(db: Db, browserSecret: string, now = new Date()): Promise<boolean> {
	const [waiting] = await db
		.select({ state: loginAttempts.state })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.browserHash, browserHash(browserSecret)), gt(loginAttempts.expiresAt, now)))
		.limit(1);
	return Boolean(waiting);
}

/** Maps the NSIS claim (a URI such as …/nsis/loa/Substantial, or a bare word) to a level. */
export function parseLoa(value: unknown): Loa | null {
	if (typeof value !== 'string') return null;
	const word = value.split('/').pop()?.toLowerCase() ?? '';
	return (LOA_LEVELS as readonly string[]).includes(word) ? (word as Loa) : null;
}

export function loaAtLeast(actual: Loa, needed: Loa): boolean {
	return LOA_LEVELS.indexOf(actual) >= LOA_LEVELS.indexOf(needed);
}

/** Who the identity provider says logged in, for a person the app does not know yet. */
interface NewIdentity {
	issuer: string;
	subject: string;
	name?: string;
	givenName?: string;
}

export interface CompleteLoginOptions {
	/**
	 * Called when (issuer, sub) is linked to nobody. Returns the id of a person it has just
	 * created and linked (a relative arriving with a valid invitation), or null to refuse.
	 */
	onUnknownPerson?: (identity: NewIdentity) => Promise<string | null>;
}

/**
 * Finishes the login from the callback URL in the browser holding `browserSecret` (its login
 * cookie, or null); returns the person and level, or throws LoginError.
 */
export async function completeLogin(
	db: Db,
	settings: OidcSettings,
	callbackUrl: URL,
	browserSecret: string | null,
	now = new Date(),
	options: CompleteLoginOptions = {}
): Promise<{ personId: string; loa: Loa; returnTo: string }> {
	const params = callbackUrl.searchParams;
	const state = params.get('state');
	if (!state || state.length > 200) throw new LoginError('malformed_callback');

	// One-time: the attempt is consumed whatever happens next, so a replayed callback fails.
	const [attempt] = await db
		.delete(loginAttempts)
		.where(and(eq(loginAttempts.state, state), gt(loginAttempts.expiresAt, now)))
		.returning();
	if (!attempt) throw new LoginError('unknown_attempt');
	// Begun in another browser (a link someone sent): refused, and the attempt is used up with it.
	if (!sameBrowser(browserSecret, attempt.browserHash)) throw new LoginError('other_browser');
	if (params.get('error') === 'access_denied') throw new LoginError('cancelled');
	if (params.has('error')) throw new LoginError('provider_error');
	if (!params.get('code')) throw new LoginError('malformed_callback');

	const config = await configuration(settings);
	// Rebuild the URL from the registered redirect URI so a proxy in front cannot change what is checked.
	const checked = new URL(settings.redirectUri);
	checked.search = callbackUrl.search;

	let claims: client.IDToken | undefined;
	try {
		const tokens = await client.authorizationCodeGrant(config, checked, {
			pkceCodeVerifier: attempt.codeVerifier,
			expectedState: attempt.state,
			expectedNonce: attempt.nonce,
			idTokenExpected: true
		});
		claims = tokens.claims();
	} catch {
		throw new LoginError('token_rejected');
	}
	// openid-client checks these too; the app states its own rule so a change of library cannot loosen it.
	if (!claims || claims.iss !== config.serverMetadata().issuer) throw new LoginError('token_rejected');
	const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	if (!audiences.includes(settings.clientId)) throw new LoginError('token_rejected');

	const loa = parseLoa(claims[settings.loaClaim]);
	if (!loa || !loaAtLeast(loa, 'substantial')) throw new LoginError('loa_too_low');

	const [identity] = await db
		.select()
		.from(loginIdentities)
		.where(and(eq(loginIdentities.issuer, claims.iss), eq(loginIdentities.subject, claims.sub)))
		.limit(1);
	if (!identity) {
		const created = options.onUnknownPerson
			? await options.onUnknownPerson({
					issuer: claims.iss,
					subject: claims.sub,
					name: typeof claims.name === 'string' ? claims.name : undefined,
					givenName: typeof claims.given_name === 'string' ? claims.given_name : undefined
				})
			: null;
		if (!created) throw new LoginError('unknown_person');
		await db
			.update(loginIdentities)
			.set({ lastLoginAt: now, lastLoa: loa })
			.where(and(eq(loginIdentities.issuer, claims.iss), eq(loginIdentities.subject, claims.sub)));
		return { personId: created, loa, returnTo: attempt.returnTo };
	}
	await db.update(loginIdentities).set({ lastLoginAt: now, lastLoa: loa }).where(eq(loginIdentities.id, identity.id));
	return { personId: identity.personId, loa, returnTo: attempt.returnTo };
}
