import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/**
 * The session cookie: __Host- prefix (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax.
 * Browsers accept Secure cookies on http://localhost, so the demo keeps the same rules.
 */
export function sessionCookieOptions(_url: URL) {
	return { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string) {
	// A browser-session cookie: the server's sliding inactivity window decides when it ends.
	cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url));
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
}
