import type { Actions, PageServerLoad } from './$types';
import { planPeriodSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { savePlanPeriod } from '$lib/server/plan/authoring';
import { currentCourse, planPeriodsOf } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import { backToPlan } from '../../_components/back-to-plan.server';
import { periodSnapshot, periodValues } from '../../_components/snapshots.server';

/** A professional edits one plan period of the current course. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const periodId = event.params.periodId;
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	const period = found ? (await planPeriodsOf(db, found.course.id)).find((p) => p.id === periodId) : undefined;
	if (!citizen || !period) notFound();
	return {
		title: 'staff.period.editTitle',
		citizen,
		period: { id: period.id, version: period.version, values: periodValues(period) }
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const id = event.params.periodId;
		return formAction(event, {
			action: 'save',
			schema: planPeriodSchema,
			fixed: { id },
			current: periodSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await savePlanPeriod(db, grant, data);
				backToPlan(grant.citizenId, 'period');
			}
		});
	}
} satisfies Actions;
