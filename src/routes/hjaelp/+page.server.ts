import type { PageServerLoad } from './$types';
import { careTeamOf } from '$lib/server/people/repository';
import { currentCourse } from '$lib/server/plan/repository';
import { isProfessionalRole } from '$lib/server/policy';
import { guard } from '$lib/server/policy/guard';

const ORDER = ['contact_person', 'support_worker', 'mentor', 'resource_consultant', 'job_consultant', 'caseworker'];

/**
 * Help, one tap from every page: for the citizen (or a relative who may see the plan) the person
 * to call first about the course and the organisation's phone; for everyone else where to turn.
 */
export const load = (async (event) => {
	guard.public();
	const title = 'pages.help.title';
	const user = event.locals.user;
	// Whose course: only when there is one, and only what the policy lets this person read (logged).
	const access =
		user && guard.citizen.subject(event) ? await guard.citizen(event, 'people', 'read', { ifAllowed: true }) : null;
	// "See what Jens sees": the citizen gets the page exactly as the relative does.
	const audience = !user
		? ('guest' as const)
		: user.roles.includes('citizen') && !guard.citizen.viewingAs(event)
			? ('citizen' as const)
			: user.roles.some(isProfessionalRole) && !user.roles.includes('relative')
				? ('staff' as const)
				: ('relative' as const);
	if (!access) return { title, audience, contact: null, organisation: null };
	const { grant, db } = access;
	const [team, course] = await Promise.all([careTeamOf(db, grant.citizenId), currentCourse(db, grant.citizenId)]);
	const first = [...team].sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role))[0] ?? null;
	return {
		title,
		audience,
		contact: first,
		organisation: course ? { name: course.organisation.name, phone: course.organisation.phone } : null
	};
}) satisfies PageServerLoad;
