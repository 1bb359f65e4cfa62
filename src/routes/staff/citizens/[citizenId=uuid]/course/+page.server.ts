import type { Actions, PageServerLoad } from './$types';
import { courseSchema } from '$lib/plan/schemas';
import { personName } from '$lib/server/people/repository';
import { saveCourse } from '$lib/server/plan/authoring';
import { currentCourse } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { formAction } from '$lib/server/forms/form-action';
import { notFound } from '$lib/server/forms/http-errors';
import * as v from 'valibot';
import { backToPlan } from '../_components/back-to-plan.server';
import { courseSnapshot, courseValues } from '../_components/snapshots.server';

/** Creates the citizen's course from a programme template, or edits the current one. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizen(event, 'plan', 'read', { citizenId: event.params.citizenId, staff: true });
	const [citizen, found] = await Promise.all([personName(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	if (!citizen) notFound();
	// An ended course is history: the form then starts a new one.
	const course = found && found.course.status !== 'ended' ? found.course : null;
	return {
		title: 'staff.course.title',
		citizen,
		course: course && { version: course.version, values: courseValues(course) }
	};
}) satisfies PageServerLoad;

export const actions = {
	/** "Vis faser" without JavaScript: the same form comes back with the preview for what was typed. */
	preview: async (event) => {
		await guard.citizen(event, 'plan', 'write', { citizenId: event.params.citizenId, staff: true });
		// Nothing is checked or saved: the typed values only come back with the preview.
		return formAction(event, {
			action: 'preview',
			schema: v.record(v.string(), v.string()),
			run: async (_data, values) => values,
			answer: (values) => ({ values })
		});
	},
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		return formAction(event, {
			action: 'save',
			schema: courseSchema,
			current: courseSnapshot,
			messages: { invalid: 'staff.errors.invalid' },
			run: async (data) => {
				await saveCourse(db, grant, data);
				backToPlan(grant.citizenId, 'course');
			}
		});
	}
} satisfies Actions;
