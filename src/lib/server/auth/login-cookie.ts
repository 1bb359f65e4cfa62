import type { Cookies } from '@sveltejs/kit';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Binds a login to the browser that began it (against login CSRF: someone else's callback link
 * must not log this browser in as them). One random secret per browser, in a short-lived cookie;
 * each attempt stores only SHA-256(secret), and the callback refuses an attempt whose hash the
 * browser's cookie does not give.
 *
 * One secret for all of a browser's attempts, not one cookie per attempt: two tabs that each
 * begin a login both finish, with one fixed cookie name and one cookie however many tries are
 * begun. The binding is to the browser, which is what the attack crosses; a secret reused for a
 * few minutes binds no less. The cookie goes when no attempt waits for it any longer.
 *
 * Same rules as the session cookie (cookie.ts): __Host- (Secure, Path=/, no Domain, so another
 * host of the same site cannot set it), HttpOnly; SameSite=Lax so the identity provider's
 * top-level redirect back to /auth/callback carries it.
 */
const LOGIN_COOKIE = '__Host-mf-login';
/** As long as an attempt lives (oidc.ts, ATTEMPT_MINUTES). */
const MINUTES = 10;
const SECRET_BYTES = 32;
/** Base32 of 32 bytes: 52 characters. Anything else is not a value this app set. */
const SHAPE = /^[a-z2-7]{52}$/;

const options = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };

export function readLoginCookie(cookies: Pick<Cookies, 'get'>): string | null {
	const value = cookies.get(LOGIN_COOKIE);
	return value && SHAPE.test(value) ? value : null;
}

/** The browser's secret for a new attempt: the one it has (so other tabs' attempts go on), or a new one. */
export function loginCookieFor(cookies: Cookies): string {
	let secret = readLoginCookie(cookies);
	if (!secret) {
		const bytes = new Uint8Array(SECRET_BYTES);
		crypto.getRandomValues(bytes);
		secret = encodeBase32LowerCaseNoPadding(bytes);
	}
	// Set again at every start, so it lives as long as the newest attempt.
	cookies.set(LOGIN_COOKIE, secret, { ...options, maxAge: MINUTES * 60 });
	return secret;
}

export function clearLoginCookie(cookies: Cookies) {
	cookies.delete(LOGIN_COOKIE, options);
}
