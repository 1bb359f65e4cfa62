import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { sessionIsLive } from '$lib/server/auth/session';
import { isProfessionalRole } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';
import { togetherHub } from '$lib/server/together/hub';
import { lastEventIdOf, togetherStream } from '$lib/server/together/stream';

/**
 * "Look at it together" in real time: a Server-Sent Events stream of the logged-in person's
 * invitations and sessions (see togetherStream). Any app server can serve it: the events come
 * from the database's NOTIFY, which every server hears.
 */
export const GET: RequestHandler = async (event) => {
	const { user, db } = guard.user(event);
	const takesPart = user.roles.some((r) => r === 'citizen' || r === 'relative' || isProfessionalRole(r));
	if (!takesPart) error(403, { message: 'errors.forbidden.not_allowed', code: 'not_allowed' });
	const loginId = event.locals.session!.id;
	const stream = togetherStream({
		db,
		hub: togetherHub(),
		user,
		lastEventId: lastEventIdOf(event.request, event.url),
		stillLoggedIn: () => sessionIsLive(db, loginId),
		signal: event.request.signal
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Proxies (nginx) must pass each event on at once.
			'x-accel-buffering': 'no'
		}
	});
};
