import type { Cookies } from '@sveltejs/kit';

/**
 * Between opening the invitation link and finishing the MitID login, the code waits in a
 * short-lived cookie: __Host- (Secure, Path=/, no Domain), HttpOnly so no script can read it,
 * SameSite=Lax so it comes back with the identity provider's redirect to /auth/callback.
 * The code never goes into a URL after the first visit, and the database holds only its hash.
 */
const INVITATION_COOKIE = '__Host-mf-invitation';
const MINUTES = 30;

const options = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };

export function setInvitationCookie(cookies: Cookies, code: string) {
	cookies.set(INVITATION_COOKIE, code, { ...options, maxAge: MINUTES * 60 });
}

export function readInvitationCookie(cookies: Cookies): string | null {
	const value = cookies.get(INVITATION_COOKIE);
	return value && value.length <= 20 ? value : null;
}

export function clearInvitationCookie(cookies: Cookies) {
	cookies.delete(INVITATION_COOKIE, options);
}
