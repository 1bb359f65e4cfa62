import type { Actions, PageServerLoad } from './$types';
import { planPeriodSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { savePlanPeriod } from '$lib/server/plan/authoring';
import { currentCourse, planPeriodsOf } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../_components/back-to-plan.server';
import { periodSnapshot } from '../_components/snapshots.server';

/** The plan periods of the current course (newest first) and a form for a new one. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	if (!citizen) notFound();
	const periods = found ? await planPeriodsOf(db, found.course.id) : [];
	return {
		title: 'staff.period.title',
		citizen,
		hasCourse: Boolean(found),
		periods: periods.map((p) => ({ id: p.id, startsOn: p.startsOn, endsOn: p.endsOn, status: p.status }))
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'save',
			schema: planPeriodSchema,
			fixed: { id: undefined, version: undefined },
			current: periodSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await savePlanPeriod(db, grant, data);
				backToPlan(grant.citizenId, 'period');
			}
		});
	}
} satisfies Actions;
