import type { Actions, PageServerLoad } from './$types';
import { reminderSchema } from '$lib/meetings/schemas';
import { renewCalendarToken, stopCalendarToken } from '$lib/server/meetings/calendar';
import { saveReminderChoice } from '$lib/server/meetings/reminders';
import { meetingsPage } from '$lib/server/meetings/service';
import { vapidPublicKey } from '$lib/server/push/vapid';
import { guard } from '$lib/server/policy/guard';
import { formAction, noFields } from '$lib/server/forms/form-action';

/**
 * "Mine møder": coming and earlier meetings. For the citizen also the choice of reminders, push
 * on this device, and the secret calendar link. A relative with the meetings scope reads only.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'meetings', 'read');
	const now = new Date();
	const isSelf = grant.relation.kind === 'self';
	const { upcoming, past, reminders, hasCalendar } = await meetingsPage(db, grant, now);
	return {
		title: isSelf ? 'meetings.page.title' : 'meetings.page.titleOther',
		isSelf,
		upcoming,
		// The one easy-read shows first and big: the next that is not cancelled (an ongoing one counts).
		nextId: (upcoming.find((m) => m.status !== 'cancelled') ?? upcoming[0])?.id ?? null,
		past,
		reminders,
		hasCalendar,
		vapidPublicKey: isSelf ? vapidPublicKey() : null
	};
}) satisfies PageServerLoad;

export const actions = {
	reminders: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		return formAction(event, {
			action: 'reminders',
			schema: reminderSchema,
			run: (data) => saveReminderChoice(db, grant, data)
		});
	},
	/** A new secret calendar link; the old one stops working. The link is shown this once. */
	calendar: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		return formAction(event, {
			action: 'calendar',
			schema: noFields,
			run: () => renewCalendarToken(db, grant),
			answer: (token) => ({ url: `${event.url.origin}/api/calendar/${token}` })
		});
	},
	calendarStop: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		return formAction(event, {
			action: 'calendarStop',
			schema: noFields,
			run: () => stopCalendarToken(db, grant)
		});
	}
} satisfies Actions;
