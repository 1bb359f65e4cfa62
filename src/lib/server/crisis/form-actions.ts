import { error, fail, redirect } from '@sveltejs/kit';
import { crisisContactSchema, crisisPlanSchema, removeContactSchema } from '$lib/crisis/schemas';
import { formObject, parseForm } from '$lib/validation';
import type { Db } from '../db';
import type { Grant } from '../policy';
import { addCrisisContact, crisisPlanOf, crisisPlanVersion, removeCrisisContact, saveCrisisPlan } from './repository';

/**
 * The crisis plan's forms, for the citizen's own page (/kriseplan/rediger) and for the
 * professional who writes it with them (/staff/citizens/[id]/kriseplan). Each route guards first
 * and passes its crisis_plan write grant; this only validates and saves.
 */

/** The page's read grant opens the form; only an action's write grant saves (and is logged as a change). */
export async function crisisPlanForEditing(db: Db, grant: Grant<'crisis_plan'>) {
	const [crisis, version] = await Promise.all([
		crisisPlanOf(db, grant.citizenId),
		crisisPlanVersion(db, grant.citizenId)
	]);
	return { crisis, version };
}

/** Warning signs and what helps. A save over a newer version is refused and keeps the typed text. */
export async function savePlanForm(request: Request, db: Db, grant: Grant<'crisis_plan', 'write'>, savedTo: string) {
	const values = formObject(await request.formData());
	const parsed = parseForm(crisisPlanSchema, values);
	if (!parsed.ok) return fail(400, { form: 'plan', errors: parsed.errors, values });
	const saved = await saveCrisisPlan(db, grant.citizenId, grant.actor.id, parsed.data);
	if (!saved) return fail(409, { form: 'plan', stale: true, values });
	redirect(303, savedTo);
}

export async function addContactForm(request: Request, db: Db, grant: Grant<'crisis_plan', 'write'>) {
	const values = formObject(await request.formData());
	const parsed = parseForm(crisisContactSchema, values);
	if (!parsed.ok) return fail(400, { form: 'contact', errors: parsed.errors, values });
	await addCrisisContact(db, grant.citizenId, parsed.data);
	return { form: 'contact', done: true };
}

/** Only a contact of this citizen's can be removed; any other id is "not found". */
export async function removeContactForm(request: Request, db: Db, grant: Grant<'crisis_plan', 'write'>) {
	const parsed = parseForm(removeContactSchema, formObject(await request.formData()));
	if (!parsed.ok || !(await removeCrisisContact(db, grant.citizenId, parsed.data.contactId))) {
		error(404, { message: 'errors.not_found', code: 'not_found' });
	}
	return { form: 'remove', done: true };
}
