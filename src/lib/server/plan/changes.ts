import type { Db } from '../db';
import { planChanges } from '../db/schema';
import type { Grant, Resource } from '../policy';
import { DomainError } from '../../errors';

type Entity = (typeof planChanges.$inferInsert)['entity'];

/** Every plan change keeps what it was before, who changed it and when. */
export async function recordChange(
	db: Db,
	grant: Grant<Resource, 'write'>,
	entity: Entity,
	entityId: string,
	before: unknown,
	after: unknown
) {
	await db.insert(planChanges).values({
		citizenId: grant.citizenId,
		entity,
		entityId,
		changedBy: grant.actor.id,
		before: before ?? null,
		after: after ?? null
	});
}

/** The same item must belong to the citizen the grant is about; anything else is "not found". */
export function requireOwner(
	owner: { citizenId: string } | null,
	grant: Grant
): asserts owner is { citizenId: string } {
	if (!owner || owner.citizenId !== grant.citizenId) throw new DomainError('not_found');
}
