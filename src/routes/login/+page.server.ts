import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { safeReturnTo } from '$lib/server/return-to';
import { guard } from '$lib/server/policy/guard';

const KNOWN_ERRORS = new Set([
	'malformed_callback',
	'unknown_attempt',
	'other_browser',
	'cancelled',
	'provider_error',
	'token_rejected',
	'loa_too_low',
	'unknown_person',
	'provider_unavailable',
	'expired'
]);

export const load = (async (event) => {
	guard.public();
	const returnTo = safeReturnTo(event.url.searchParams.get('returnTo'), event.url.origin);
	const error = event.url.searchParams.get('error');
	// A logged-in person is sent on, except to hear why a login just failed (e.g. a login link
	// begun in another browser): they stay logged in as before, and may start a new login.
	if (event.locals.user && !error) redirect(303, returnTo);
	return {
		title: 'pages.login.title',
		returnTo,
		error: error && KNOWN_ERRORS.has(error) ? error : null,
		loggedOut: event.url.searchParams.has('loggedOut')
	};
}) satisfies PageServerLoad;
