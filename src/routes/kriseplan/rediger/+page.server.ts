import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { crisisContactSchema, crisisPlanSchema, removeContactSchema } from '$lib/crisis/schemas';
import {
	addCrisisContact,
	crisisPlanOf,
	crisisPlanVersion,
	removeCrisisContact,
	saveCrisisPlan
} from '$lib/server/crisis/repository';
import { formObject, parseForm } from '$lib/validation';
import { guard } from '$lib/server/policy/guard';

/** The citizen writes their crisis plan, alone or with their professional (who uses the same policy). */
export const load = (async (event) => {
	const { grant, db } = await guard.citizenData(event, 'crisis_plan', 'write');
	const [crisis, version] = await Promise.all([
		crisisPlanOf(db, grant.citizenId),
		crisisPlanVersion(db, grant.citizenId)
	]);
	return { title: 'pages.crisisEdit.title', crisis, version };
}) satisfies PageServerLoad;

export const actions = {
	plan: async (event) => {
		const { grant, db } = await guard.citizenData(event, 'crisis_plan', 'write');
		const values = formObject(await event.request.formData());
		const parsed = parseForm(crisisPlanSchema, values);
		if (!parsed.ok) return fail(400, { form: 'plan', errors: parsed.errors, values });
		const saved = await saveCrisisPlan(db, grant.citizenId, parsed.data);
		if (!saved) return fail(409, { form: 'plan', stale: true, values });
		redirect(303, '/kriseplan?saved=1');
	},
	addContact: async (event) => {
		const { grant, db } = await guard.citizenData(event, 'crisis_plan', 'write');
		const values = formObject(await event.request.formData());
		const parsed = parseForm(crisisContactSchema, values);
		if (!parsed.ok) return fail(400, { form: 'contact', errors: parsed.errors, values });
		await addCrisisContact(db, grant.citizenId, parsed.data);
		return { form: 'contact', done: true };
	},
	removeContact: async (event) => {
		const { grant, db } = await guard.citizenData(event, 'crisis_plan', 'write');
		const parsed = parseForm(removeContactSchema, formObject(await event.request.formData()));
		if (!parsed.ok || !(await removeCrisisContact(db, grant.citizenId, parsed.data.contactId))) {
			error(404, { message: 'errors.not_found', code: 'not_found' });
		}
		return { form: 'remove', done: true };
	}
} satisfies Actions;
