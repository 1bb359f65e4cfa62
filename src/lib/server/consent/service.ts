import { and, asc, eq, gt, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import { consents, people, relativeDelegations } from '../db/schema';
import type { Grant } from '../policy';
import { careTeamOf } from '../people/repository';
import { DomainError } from '../../errors';
import {
	CONSENT_CATALOGUE,
	CONSENT_RENEW_MONTHS,
	consentDefinition,
	type ConsentDefinition
} from '../../consent/catalogue';
import { addMonths } from '../relatives/service';
import type { ConsentPurpose } from '../../domain';
import { decisionsOf, receiptNumber, recordDecision } from './decisions';

/**
 * The citizen's consents (samtykker): what is in force, what can be given, giving one with the
 * exact text shown, and withdrawing one. Only the citizen works here (the policy gives
 * professionals and relatives no right to the 'consents' resource). The policy reads consents
 * live, so a withdrawal holds from the very next request.
 */

export interface Party {
	id: string;
	name: string;
	role: string;
}

const inForce = (c: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) =>
	!c.revokedAt && (!c.expiresAt || c.expiresAt > now);

/** Relatives whose access is in force now: the only ones a relative-consent can name. */
async function relativesInForce(db: Db, citizenId: string, now: Date): Promise<Party[]> {
	const rows = await db
		.select({ id: people.id, name: people.displayName, label: relativeDelegations.label })
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
		.where(
			and(
				eq(relativeDelegations.citizenId, citizenId),
				eq(relativeDelegations.status, 'active'),
				isNotNull(relativeDelegations.confirmedAt),
				isNull(relativeDelegations.revokedAt),
				gt(relativeDelegations.expiresAt, now)
			)
		)
		.orderBy(asc(people.displayName));
	return rows.map((r) => ({ id: r.id, name: r.name, role: 'relative' }));
}

/** Who can be named on each side of a consent of this kind, for this citizen now. */
async function candidates(db: Db, citizenId: string, definition: ConsentDefinition, now: Date) {
	const team = await careTeamOf(db, citizenId, now);
	const withRole = (role: string): Party[] =>
		team.filter((m) => m.role === role).map((m) => ({ id: m.id, name: m.displayName, role }));
	return {
		from: definition.from ? withRole(definition.from) : [],
		to: definition.to === 'relative' ? await relativesInForce(db, citizenId, now) : withRole(definition.to)
	};
}

async function namesOf(db: Db, ids: string[]) {
	if (ids.length === 0) return new Map<string, string>();
	const rows = await db.select({ id: people.id, name: people.displayName }).from(people).where(inArray(people.id, ids));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** Everything the "who can see what" page shows about consents. */
export async function consentOverview(db: Db, grant: Grant<'consents', 'read'>, now = new Date()) {
	const rows = await db
		.select()
		.from(consents)
		.where(eq(consents.citizenId, grant.citizenId))
		.orderBy(asc(consents.givenAt));
	const names = await namesOf(db, [
		...new Set(rows.flatMap((r) => [r.fromPartyId, r.toPartyId]).filter((id): id is string => Boolean(id)))
	]);
	const view = rows.map((row) => {
		const definition = consentDefinition(row.purpose);
		const party = (id: string | null, role: string | null): Party | null =>
			id ? { id, name: names.get(id) ?? '', role: role ?? '' } : null;
		return {
			id: row.id,
			purpose: row.purpose,
			from: party(row.fromPartyId, definition?.from ?? null),
			to: party(row.toPartyId, definition?.to ?? null),
			textKey: row.textKey,
			textVersion: row.textVersion,
			textShown: row.textShown,
			givenAt: row.givenAt,
			expiresAt: row.expiresAt,
			revokedAt: row.revokedAt,
			inForce: inForce(row, now)
		};
	});

	// The consents that can be given now: a kind with people on both sides, not already given to them.
	const offers = [];
	for (const definition of CONSENT_CATALOGUE) {
		const sides = await candidates(db, grant.citizenId, definition, now);
		if (sides.to.length === 0 || (definition.from && sides.from.length === 0)) continue;
		const given = (fromId: string | null, toId: string) =>
			view.some(
				(c) => c.inForce && c.purpose === definition.purpose && (c.from?.id ?? null) === fromId && c.to?.id === toId
			);
		const pairs = (definition.from ? sides.from : [null]).flatMap((from) =>
			sides.to.filter((to) => !given(from?.id ?? null, to.id)).map((to) => ({ from, to }))
		);
		if (pairs.length) offers.push({ purpose: definition.purpose, version: definition.version, pairs });
	}

	return {
		inForce: view.filter((c) => c.inForce),
		ended: view.filter((c) => !c.inForce),
		offers
	};
}

export interface GiveConsentInput {
	purpose: ConsentPurpose;
	fromPartyId: string | null;
	toPartyId: string;
	/** The key and version of the text shown, and the text itself, exactly as the citizen read it. */
	textKey: string;
	textVersion: number;
	textShown: string;
}

/**
 * Records a consent with the exact text shown, who gave it and when. Giving the same consent
 * to the same people again changes nothing. A text version that is no longer current is refused
 * ('stale'), so the citizen reads the new text first.
 */
export async function giveConsent(
	db: Db,
	grant: Grant<'consents', 'write'>,
	input: GiveConsentInput,
	now = new Date()
) {
	const definition = consentDefinition(input.purpose);
	if (!definition) throw new DomainError('invalid', 'unknown_purpose');
	if (input.textVersion !== definition.version) throw new DomainError('stale', 'text_version');
	if (!input.textKey.startsWith(definition.textKey) || !input.textShown.trim())
		throw new DomainError('invalid', 'text_missing');

	const sides = await candidates(db, grant.citizenId, definition, now);
	const fromId = definition.from ? input.fromPartyId : null;
	if (definition.from && !sides.from.some((p) => p.id === fromId)) throw new DomainError('invalid', 'unknown_party');
	if (!sides.to.some((p) => p.id === input.toPartyId)) throw new DomainError('invalid', 'unknown_party');

	return db.transaction(async (tx) => {
		const [existing] = await tx
			.select()
			.from(consents)
			.where(
				and(
					eq(consents.citizenId, grant.citizenId),
					eq(consents.purpose, definition.purpose),
					fromId ? eq(consents.fromPartyId, fromId) : isNull(consents.fromPartyId),
					eq(consents.toPartyId, input.toPartyId),
					isNull(consents.revokedAt),
					or(isNull(consents.expiresAt), gt(consents.expiresAt, now))
				)
			)
			.limit(1);
		if (existing) return { consent: existing, created: false as const, receipt: null };

		const [consent] = await tx
			.insert(consents)
			.values({
				citizenId: grant.citizenId,
				purpose: definition.purpose,
				fromPartyId: fromId,
				toPartyId: input.toPartyId,
				textKey: input.textKey,
				textVersion: input.textVersion,
				textShown: input.textShown,
				givenAt: now,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		const decision = await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'consent_given',
			consentId: consent.id,
			details: { purpose: consent.purpose, textKey: consent.textKey, textVersion: consent.textVersion },
			at: now
		});
		return { consent, created: true as const, receipt: { number: receiptNumber(decision), at: decision.at } };
	});
}

/**
 * Withdraws a consent from now on and returns a receipt. Withdrawing one that is already
 * withdrawn gives the same receipt again; another citizen's consent is 'not_found'.
 */
export async function withdrawConsent(db: Db, grant: Grant<'consents', 'write'>, consentId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const [consent] = await tx
			.select()
			.from(consents)
			.where(and(eq(consents.id, consentId), eq(consents.citizenId, grant.citizenId)))
			.limit(1);
		if (!consent) throw new DomainError('not_found');
		if (consent.revokedAt) {
			const [earlier] = await decisionsOf(tx, grant.citizenId, { kinds: ['consent_withdrawn'] }).then((rows) =>
				rows.filter((r) => r.consentId === consent.id)
			);
			return {
				consent,
				created: false as const,
				receipt: earlier ? { number: receiptNumber(earlier), at: earlier.at } : { number: '', at: consent.revokedAt }
			};
		}
		const [updated] = await tx
			.update(consents)
			.set({ revokedAt: now, updatedAt: now })
			.where(and(eq(consents.id, consent.id), isNull(consents.revokedAt)))
			.returning();
		const decision = await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'consent_withdrawn',
			consentId: consent.id,
			details: { purpose: consent.purpose },
			at: now
		});
		return { consent: updated, created: true as const, receipt: { number: receiptNumber(decision), at: decision.at } };
	});
}

/**
 * Renews a consent that has an end date, by the normal period (CONSENT_RENEW_MONTHS) from today,
 * and records the decision. Only one that is still in force: an ended consent is given again.
 * A text that has a newer version since is 'stale': the citizen reads the new text and gives it anew.
 */
export async function renewConsent(db: Db, grant: Grant<'consents', 'write'>, consentId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const [consent] = await tx
			.select()
			.from(consents)
			.where(and(eq(consents.id, consentId), eq(consents.citizenId, grant.citizenId)))
			.limit(1)
			.for('update');
		if (!consent) throw new DomainError('not_found');
		if (!inForce(consent, now) || !consent.expiresAt) throw new DomainError('conflict');
		if (consentDefinition(consent.purpose)?.version !== consent.textVersion) throw new DomainError('stale');
		const [updated] = await tx
			.update(consents)
			.set({ expiresAt: addMonths(now, CONSENT_RENEW_MONTHS), updatedAt: now })
			.where(eq(consents.id, consent.id))
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'consent_renewed',
			consentId: consent.id,
			details: { purpose: consent.purpose, expiresAt: updated.expiresAt!.toISOString() },
			at: now
		});
		return updated;
	});
}
