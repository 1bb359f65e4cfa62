import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endOtherSessions, endOwnSession, listSessions } from '$lib/server/auth/session';
import { guard } from '$lib/server/policy/guard';

/** "Where you are logged in": the person's own sessions, so a lost phone can be logged out. */
export const load = (async (event) => {
	const { user, db } = guard.user(event);
	const rows = await listSessions(db, user.id);
	const currentId = event.locals.session!.id;
	return {
		title: 'pages.account.title',
		sessions: rows
			.map((s) => ({
				id: s.id,
				deviceLabel: s.deviceLabel,
				createdAt: s.createdAt.toISOString(),
				lastSeenAt: s.lastSeenAt.toISOString(),
				current: s.id === currentId
			}))
			.reverse()
	};
}) satisfies PageServerLoad;

export const actions = {
	end: async (event) => {
		const { user, db } = guard.user(event);
		const sessionId = (await event.request.formData()).get('sessionId')?.toString() ?? '';
		if (sessionId === event.locals.session!.id) return fail(400, { error: 'pages.account.useLogout' });
		const ended = await endOwnSession(db, user.id, sessionId);
		if (!ended) return fail(404, { error: 'pages.account.notFound' });
		return { done: 'pages.account.ended' };
	},
	endOthers: async (event) => {
		const { user, db } = guard.user(event);
		const count = await endOtherSessions(db, user.id, event.locals.session!.id);
		return { done: 'pages.account.endedOthers', count };
	}
} satisfies Actions;
