import type { Handle } from '@sveltejs/kit';

/**
 * Addresses the app had before every page a citizen or relative sees got a Danish path. A
 * bookmark, a link in an old e-mail or push message, or a page still open in a tab uses them, so
 * they keep working: the one table of old → new. A path is only ever added here, never reused.
 */
export const OLD_ADDRESSES: Readonly<Record<string, string>> = {
	'/account': '/konto',
	'/preferences': '/indstillinger',
	'/relative': '/som-paaroerende'
};

/**
 * The new path for an old one: the old path itself or anything below it (`/account/__data.json`
 * from a tab opened before the change). `/accounts` or `/relatives` are other addresses.
 */
export function newPath(pathname: string): string | null {
	for (const [old, now] of Object.entries(OLD_ADDRESSES)) {
		if (pathname === old || pathname.startsWith(old + '/')) return now + pathname.slice(old.length);
	}
	return null;
}

/**
 * Answers an old address with its new one, the query kept (`?/language` names the form action).
 * GET and HEAD: 301. Any other method: 308, which keeps the method and the body, so a form posted
 * from a page loaded before the change still arrives; the origin rule applies at the new address.
 */
export const oldAddresses: Handle = async ({ event, resolve }) => {
	const to = newPath(event.url.pathname);
	if (to === null) return resolve(event);
	const method = event.request.method;
	const status = method === 'GET' || method === 'HEAD' ? 301 : 308;
	return new Response(null, { status, headers: { location: to + event.url.search } });
};
