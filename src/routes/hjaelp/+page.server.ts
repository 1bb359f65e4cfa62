import type { PageServerLoad } from './$types';
import { careTeamOf } from '$lib/server/people/repository';
import { currentCourse } from '$lib/server/plan/repository';
import { guard } from '$lib/server/policy/guard';

/** Help: the person to call first about the course, and the organisation's phone. */
export const load = (async (event) => {
	const { grant, db } = await guard.citizenData(event, 'people', 'read');
	const [team, course] = await Promise.all([careTeamOf(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	const order = ['contact_person', 'support_worker', 'mentor', 'resource_consultant', 'job_consultant', 'caseworker'];
	const first = [...team].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0] ?? null;
	return {
		title: 'pages.help.title',
		contact: first,
		organisation: course ? { name: course.organisation.name, phone: course.organisation.phone } : null
	};
}) satisfies PageServerLoad;
