import { and, asc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { consentSupporters, people, relativeDelegations } from '../db/schema';
import type { Grant } from '../policy';
import { recordDecision } from '../consent/decisions';
import { DomainError } from '../../errors';
import { CONSENT_CATALOGUE, SCOPES } from '../../consent/catalogue';

/**
 * Supporters: a bisidder or a relative the citizen names to help with consent questions. A
 * supporter who uses the app may read the questions the citizen is asked (the policy's
 * 'consent_questions'), never the citizen's answers or data. Naming and removing one is a
 * decision about who may see what, so it is kept in the citizen's history.
 */

/** The supporters the citizen has named and not removed. */
/** Any grant of the citizen's own (the consents page, the relatives page): the relation says whose. */
export async function supportersOf(db: Db, grant: Grant) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen sees their supporters');
	return db
		.select({
			id: consentSupporters.id,
			name: consentSupporters.name,
			phone: consentSupporters.phone,
			supporterId: consentSupporters.supporterId,
			since: consentSupporters.createdAt
		})
		.from(consentSupporters)
		.where(and(eq(consentSupporters.citizenId, grant.citizenId), isNull(consentSupporters.revokedAt)))
		.orderBy(asc(consentSupporters.createdAt));
}

/** The citizen's relatives who use the app (their access is not stopped) and are not yet supporters. */
export async function supporterChoices(db: Db, grant: Grant<'consents', 'read'>) {
	const [relatives, named] = await Promise.all([
		db
			.select({ personId: people.id, name: people.displayName, label: relativeDelegations.label })
			.from(relativeDelegations)
			.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(
				and(
					eq(relativeDelegations.citizenId, grant.citizenId),
					isNotNull(relativeDelegations.relativeId),
					ne(relativeDelegations.status, 'revoked'),
					isNull(relativeDelegations.revokedAt)
				)
			)
			.orderBy(asc(people.displayName)),
		supportersOf(db, grant)
	]);
	const taken = new Set(named.map((s) => s.supporterId));
	const seen = new Set<string>();
	return relatives.filter((r) => !taken.has(r.personId) && !seen.has(r.personId) && seen.add(r.personId));
}

/**
 * Names a supporter: one of the citizen's relatives who uses the app, or a bisidder by name (and
 * phone). Naming the same relative twice keeps one.
 */
export async function nameSupporter(
	db: Db,
	grant: Grant<'consents', 'write'>,
	input: { relative: string | null; name: string | null; phone: string | null },
	now = new Date()
) {
	let supporterId: string | null = null;
	let name = input.name;
	if (input.relative) {
		const [relative] = await db
			.select({ personId: people.id, name: people.displayName })
			.from(relativeDelegations)
			.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(
				and(
					eq(relativeDelegations.citizenId, grant.citizenId),
					eq(relativeDelegations.relativeId, input.relative),
					ne(relativeDelegations.status, 'revoked')
				)
			)
			.limit(1);
		if (!relative) throw new DomainError('not_found');
		supporterId = relative.personId;
		name = relative.name;
	}
	if (!name) throw new DomainError('invalid', 'name_needed');
	return db.transaction(async (tx) => {
		if (supporterId) {
			const [existing] = await tx
				.select()
				.from(consentSupporters)
				.where(
					and(
						eq(consentSupporters.citizenId, grant.citizenId),
						eq(consentSupporters.supporterId, supporterId),
						isNull(consentSupporters.revokedAt)
					)
				)
				.limit(1);
			if (existing) return { supporter: existing, created: false as const };
		}
		const [supporter] = await tx
			.insert(consentSupporters)
			.values({
				citizenId: grant.citizenId,
				supporterId,
				name: name!,
				phone: input.phone,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'supporter_named',
			details: { label: supporter.name, supporterId: supporter.id, usesApp: Boolean(supporterId) },
			at: now
		});
		return { supporter, created: true as const };
	});
}

/** Removes a supporter from now on. Removing one already removed changes nothing. */
export async function removeSupporter(db: Db, grant: Grant<'consents', 'write'>, id: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(consentSupporters)
			.where(and(eq(consentSupporters.id, id), eq(consentSupporters.citizenId, grant.citizenId)))
			.limit(1);
		if (!row) throw new DomainError('not_found');
		if (row.revokedAt) return row;
		const [removed] = await tx
			.update(consentSupporters)
			.set({ revokedAt: now, updatedAt: now })
			.where(and(eq(consentSupporters.id, row.id), isNull(consentSupporters.revokedAt)))
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'supporter_removed',
			details: { label: row.name, supporterId: row.id },
			at: now
		});
		return removed ?? row;
	});
}

/**
 * What a supporter may read: the questions the citizen can be asked (the consent texts and what a
 * relative's access can cover), with the citizen's first name. Never whether or how they answered.
 */
export async function consentQuestionsFor(db: Db, grant: Grant<'consent_questions', 'read'>) {
	const [citizen] = await db
		.select({ givenName: people.givenName })
		.from(people)
		.where(eq(people.id, grant.citizenId))
		.limit(1);
	return {
		citizenGivenName: citizen?.givenName ?? '',
		purposes: CONSENT_CATALOGUE.map((d) => ({ purpose: d.purpose, textKey: d.textKey, version: d.version })),
		scopes: [...SCOPES]
	};
}
