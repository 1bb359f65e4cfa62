import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { reminderSchema } from '$lib/meetings/schemas';
import { hasCalendarToken, renewCalendarToken, stopCalendarToken } from '$lib/server/meetings/calendar';
import { reminderChoice, saveReminderChoice } from '$lib/server/meetings/reminders';
import { meetingsOverview } from '$lib/server/meetings/service';
import { vapidPublicKey } from '$lib/server/push/vapid';
import { guard } from '$lib/server/policy/guard';
import { formObject, parseForm } from '$lib/validation';

/**
 * "Mine møder": coming and earlier meetings. For the citizen also the choice of reminders, push
 * on this device, and the secret calendar link. A relative with the meetings scope reads only.
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'meetings', 'read');
	const now = new Date();
	const isSelf = grant.relation.kind === 'self';
	const [overview, reminders, hasCalendar] = await Promise.all([
		meetingsOverview(db, grant, now),
		isSelf ? reminderChoice(db, grant.citizenId) : null,
		isSelf ? hasCalendarToken(db, grant.citizenId) : false
	]);
	return {
		title: isSelf ? 'meetings.page.title' : 'meetings.page.titleOther',
		isSelf,
		upcoming: overview.upcoming,
		past: overview.past,
		reminders,
		hasCalendar,
		vapidPublicKey: isSelf ? vapidPublicKey() : null
	};
}) satisfies PageServerLoad;

export const actions = {
	reminders: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		const parsed = parseForm(reminderSchema, formObject(await event.request.formData()));
		if (!parsed.ok) return fail(400, { action: 'reminders' as const, errors: parsed.errors });
		await saveReminderChoice(db, grant, parsed.data);
		return { action: 'reminders' as const, done: true };
	},
	/** A new secret calendar link; the old one stops working. The link is shown this once. */
	calendar: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		const token = await renewCalendarToken(db, grant);
		return { action: 'calendar' as const, url: `${event.url.origin}/api/calendar/${token}` };
	},
	calendarStop: async (event) => {
		const { grant, db } = await guard.citizen(event, 'meetings', 'write');
		await stopCalendarToken(db, grant);
		return { action: 'calendarStop' as const, done: true };
	}
} satisfies Actions;
