import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { beginLogin, oidcSettingsFromEnv } from '$lib/server/auth/oidc';
import { loginCookieFor } from '$lib/server/auth/login-cookie';
import { logger } from '$lib/server/log';
import { guard } from '$lib/server/policy/guard';
import { limit } from '$lib/server/rate-limit';
import { safeReturnTo } from '$lib/server/return-to';

/**
 * Starts the OpenID Connect login: a plain link, so no form-action CSP is needed for the provider.
 * Several may run at once (two tabs): each finishes in this browser only.
 */
export const GET: RequestHandler = async (event) => {
	const { db } = guard.public();
	await limit.link(event, 'login');
	let target: URL;
	try {
		target = await beginLogin(
			db,
			oidcSettingsFromEnv(),
			safeReturnTo(event.url.searchParams.get('returnTo'), event.url.origin),
			// Only this browser can finish the login (a link sent to someone else logs nobody in).
			loginCookieFor(event.cookies)
		);
	} catch (cause) {
		logger.warn({ err: cause instanceof Error ? cause.name : 'unknown' }, 'identity provider unreachable');
		redirect(303, '/login?error=provider_unavailable');
	}
	redirect(303, target.toString());
};
