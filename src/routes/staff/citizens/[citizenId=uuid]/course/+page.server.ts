import type { Actions, PageServerLoad } from './$types';
import { courseSchema } from '$lib/plan/schemas';
import { formObject } from '$lib/validation';
import { personName } from '$lib/server/people/repository';
import { saveCourse } from '$lib/server/plan/authoring';
import { currentCourse } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';
import { backToPlan, notFound, saveForm } from '../_components/save-form.server';
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
		const values = formObject(await event.request.formData());
		return { form: 'preview', target: null, values, errors: {}, stale: false as const, current: null };
	},
	save: async (event) => {
		const { grant, db } = await guard.citizen(event, 'plan', 'write', {
			citizenId: event.params.citizenId,
			staff: true
		});
		const failure = await saveForm(event.request, courseSchema, (data) => saveCourse(db, grant, data), courseSnapshot);
		if (failure) return failure;
		backToPlan(grant.citizenId, 'course');
	}
} satisfies Actions;
