import type { Cookies } from '@sveltejs/kit';
import { isUuid } from '../../uuid';

/**
 * "See what my relative sees": while the citizen looks at their pages as one relative sees them,
 * this cookie names the relative's delegation. It is bound to the login session (the session's id
 * is part of the value), so it ends with the session and never carries over to another login on
 * the same browser. It only ever narrows what the citizen sees: the policy checks on every
 * request that the delegation is the citizen's own. __Host-, HttpOnly, SameSite=Lax, no Max-Age.
 */
const VIEW_AS_COOKIE = '__Host-mf-view-as';

const options = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };
export function setViewAsCookie(cookies: Cookies, sessionId: string, delegationId: string) {
	cookies.set(VIEW_AS_COOKIE, `${sessionId}.${delegationId}`, options);
}

/** The delegation named for this session, or null (no cookie, another session's, or malformed). */
export function readViewAsCookie(cookies: Pick<Cookies, 'get'> | undefined, sessionId: string | undefined) {
	const value = sessionId ? cookies?.get(VIEW_AS_COOKIE) : undefined;
	if (!value || value.length > 120) return null;
	const dot = value.lastIndexOf('.');
	const [session, delegationId] = [value.slice(0, dot), value.slice(dot + 1)];
	return session === sessionId && isUuid(delegationId) ? delegationId : null;
}

export function clearViewAsCookie(cookies: Cookies) {
	cookies.delete(VIEW_AS_COOKIE, options);
}
