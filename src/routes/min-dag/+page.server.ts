import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/forms/form-action';
import { guard } from '$lib/server/policy/guard';
import { dayOf, setReminders, snoozeStep, tickStep } from '$lib/server/routines/service';
import { routineIdSchema, snoozeSchema, tickSchema } from '$lib/routines/schemas';
import { checkbox } from '$lib/validation';

/**
 * Min dag: what to do now, one step at a time, and the day's list. The citizen ticks a step
 * ("Færdig"), says "Ikke nu", and turns reminders on or off; a relative with the min_dag scope
 * only looks. The page works without JavaScript (the server says what is now); with it the view
 * moves on by the phone's clock, and a tick goes through the outbox (offline too).
 */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'routines', 'read');
	const day = await dayOf(db, grant);
	return {
		title: 'routines.title',
		isSelf: grant.relation.kind === 'self',
		...day,
		// Made here so a "Færdig" posted twice without JavaScript is stored once.
		tickId: crypto.randomUUID(),
		now: new Date().toISOString()
	};
}) satisfies PageServerLoad;

export const actions = {
	tick: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write');
		return formAction(event, {
			action: 'tick',
			schema: tickSchema,
			badInput: 'badRequest',
			// The form's own time is not trusted over ours: the server's clock says when.
			fixed: { doneAt: undefined },
			run: async (data) => {
				await tickStep(db, grant, data);
				redirect(303, '/min-dag?faerdig=1');
			}
		});
	},
	snooze: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write');
		return formAction(event, {
			action: 'snooze',
			schema: snoozeSchema,
			badInput: 'badRequest',
			run: async (data) => {
				await snoozeStep(db, grant, data);
				redirect(303, '/min-dag?venter=1');
			}
		});
	},
	reminders: async (event) => {
		const { grant, db } = await guard.citizen(event, 'routines', 'write');
		return formAction(event, {
			action: 'reminders',
			schema: v.object({ ...routineIdSchema.entries, on: checkbox }),
			badInput: 'notFound',
			target: 'routineId',
			run: (data) => setReminders(db, grant, data.routineId, data.on)
		});
	}
} satisfies Actions;
