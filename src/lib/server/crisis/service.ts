import { DomainError, StaleWriteError } from '../../errors';
import type * as v from 'valibot';
import type { crisisContactSchema, crisisPlanSchema } from '../../crisis/schemas';
import type { Db } from '../db';
import type { Grant } from '../policy';
import { addCrisisContact, crisisPlanOf, crisisPlanVersion, removeCrisisContact, saveCrisisPlan } from './repository';

/**
 * The crisis plan, for the citizen's own page (/kriseplan/rediger) and for the professional who
 * writes it with them (/staff/citizens/[id]/kriseplan). Each route guards first and passes its
 * crisis_plan grant; the forms run through formAction.
 */

/** The page's read grant opens the form; only an action's write grant saves (and is logged as a change). */
export async function crisisPlanForEditing(db: Db, grant: Grant<'crisis_plan'>) {
	const [crisis, version] = await Promise.all([
		crisisPlanOf(db, grant.citizenId),
		crisisPlanVersion(db, grant.citizenId)
	]);
	return { crisis, version };
}

/** Warning signs and what helps. A save over a newer version is refused (the form keeps the typed text). */
export async function saveCrisisPlanOf(
	db: Db,
	grant: Grant<'crisis_plan', 'write'>,
	input: v.InferOutput<typeof crisisPlanSchema>
) {
	const saved = await saveCrisisPlan(db, grant.citizenId, grant.actor.id, input);
	if (!saved) throw new StaleWriteError(null);
}

export async function addCrisisContactOf(
	db: Db,
	grant: Grant<'crisis_plan', 'write'>,
	input: v.InferOutput<typeof crisisContactSchema>
) {
	await addCrisisContact(db, grant.citizenId, input);
}

/** Only a contact of this citizen's can be removed; any other id is "not found". */
export async function removeCrisisContactOf(db: Db, grant: Grant<'crisis_plan', 'write'>, contactId: string) {
	if (!(await removeCrisisContact(db, grant.citizenId, contactId))) throw new DomainError('not_found');
}
