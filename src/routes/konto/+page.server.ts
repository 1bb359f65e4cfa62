import * as v from 'valibot';
import { FieldError } from '$lib/errors';
import { formAction, noFields } from '$lib/server/forms/form-action';
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
		return formAction(event, {
			action: 'end',
			schema: v.object({ sessionId: v.optional(v.string(), '') }),
			run: async ({ sessionId }) => {
				if (sessionId === event.locals.session!.id) throw new FieldError('form', 'pages.account.useLogout');
				if (!(await endOwnSession(db, user.id, sessionId))) throw new FieldError('form', 'pages.account.notFound');
			},
			answer: () => ({ message: 'pages.account.ended', count: 1 })
		});
	},
	endOthers: async (event) => {
		const { user, db } = guard.user(event);
		return formAction(event, {
			action: 'endOthers',
			schema: noFields,
			run: () => endOtherSessions(db, user.id, event.locals.session!.id),
			answer: (count) => ({ message: 'pages.account.endedOthers', count })
		});
	}
} satisfies Actions;
