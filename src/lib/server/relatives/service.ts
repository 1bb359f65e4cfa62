import { and, desc, eq, gt, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { consentSupporters, loginIdentities, people, personRoles, relativeDelegations } from '../db/schema';
import { mayBecomeRelative, type Grant } from '../policy';
import { DomainError } from '../../errors';
import { DEFAULT_DELEGATION_MONTHS, INVITATION_DAYS } from '../../consent/catalogue';
import type { DelegationScope } from '../../domain';
import { recordDecision } from '../consent/decisions';
import { hashInvitationCode, looksLikeInvitationCode, newInvitationCode } from './invitation-code';

/**
 * Relatives' delegated access. The citizen invites (a one-time code, stored hashed, valid 7 days),
 * chooses scopes and an expiry; the relative accepts with their own login; the access is in force
 * only once the citizen confirms it. The citizen can pause, resume, renew, change the scopes or
 * revoke at any time; every decision is kept in the citizen's history. The policy reads the
 * delegation on every request, so a change holds from the relative's very next click.
 */

type Delegation = typeof relativeDelegations.$inferSelect;

/** How the citizen sees one relative's access. */
export type CitizenViewState =
	'invited' | 'invitation_expired' | 'accepted' | 'active' | 'paused' | 'expired' | 'revoked';

export function citizenViewState(d: Delegation, now: Date): CitizenViewState {
	if (d.status === 'revoked' || d.revokedAt) return 'revoked';
	if (!d.relativeId) return d.invitationExpiresAt && d.invitationExpiresAt > now ? 'invited' : 'invitation_expired';
	if (d.expiresAt <= now) return 'expired';
	if (d.status === 'paused') return 'paused';
	if (d.status === 'pending' || !d.confirmedAt) return 'accepted';
	return 'active';
}

export function addMonths(from: Date, months: number): Date {
	const out = new Date(from);
	out.setUTCMonth(out.getUTCMonth() + months);
	return out;
}

/**
 * The citizen's relatives, newest first: who, what they may see, until when, and the state. Each
 * delegation is its own row (a relative stopped and invited again has an ended one and a current
 * one). `alsoSupporter`: stopping this one would also end the relative's role as the citizen's
 * supporter (bisidder), so the page asks whether they should stay one.
 */
// Only the citizen holds a relatives grant (the type's relation is 'self'): these are their own.
export async function relativesOf(db: Db, grant: Grant<'relatives', 'read'>, now = new Date()) {
	const [rows, supporters] = await Promise.all([
		db
			.select({ delegation: relativeDelegations, name: people.displayName, givenName: people.givenName })
			.from(relativeDelegations)
			.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(eq(relativeDelegations.citizenId, grant.citizenId))
			.orderBy(desc(relativeDelegations.createdAt)),
		db
			.select({ supporterId: consentSupporters.supporterId })
			.from(consentSupporters)
			.where(and(eq(consentSupporters.citizenId, grant.citizenId), isNull(consentSupporters.revokedAt)))
	]);
	const supporterIds = new Set(supporters.map((s) => s.supporterId));
	const withState = rows.map((row) => ({ ...row, state: citizenViewState(row.delegation, now) }));
	const lastOpen = (d: Delegation) =>
		!withState.some(
			(o) => o.delegation.id !== d.id && o.delegation.relativeId === d.relativeId && o.state !== 'revoked'
		);
	return withState.map(({ delegation: d, name, givenName, state }) => ({
		id: d.id,
		label: d.label,
		name,
		givenName,
		scopes: d.scopes,
		state,
		alsoSupporter: Boolean(d.relativeId && supporterIds.has(d.relativeId) && state !== 'revoked' && lastOpen(d)),
		invitedAt: d.createdAt,
		invitationExpiresAt: d.invitationExpiresAt,
		acceptedAt: d.acceptedAt,
		confirmedAt: d.confirmedAt,
		expiresAt: d.expiresAt,
		revokedAt: d.revokedAt
	}));
}

/** Creates an invitation; returns the code once. Only its hash is kept. */
export async function inviteRelative(
	db: Db,
	grant: Grant<'relatives', 'write'>,
	input: { label: string; scopes: DelegationScope[]; months?: number },
	now = new Date()
) {
	if (input.scopes.length === 0) throw new DomainError('invalid', 'scopes_needed');
	const code = newInvitationCode();
	return db.transaction(async (tx) => {
		const [delegation] = await tx
			.insert(relativeDelegations)
			.values({
				citizenId: grant.citizenId,
				relativeId: null,
				label: input.label,
				scopes: input.scopes,
				status: 'pending',
				invitationHash: hashInvitationCode(code),
				invitationExpiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
				expiresAt: addMonths(now, input.months ?? DEFAULT_DELEGATION_MONTHS),
				createdAt: now,
				updatedAt: now
			})
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'relative_invited',
			delegationId: delegation.id,
			details: { label: input.label, scopes: input.scopes, expiresAt: delegation.expiresAt.toISOString() },
			at: now
		});
		return { delegation, code };
	});
}

/** Conditions for an invitation that can still be accepted. */
function openInvitation(hash: string, now: Date) {
	return and(
		eq(relativeDelegations.invitationHash, hash),
		isNull(relativeDelegations.relativeId),
		eq(relativeDelegations.status, 'pending'),
		isNull(relativeDelegations.revokedAt),
		gt(relativeDelegations.invitationExpiresAt, now)
	);
}

/** What the relative sees before accepting: who invited them and to what. Null for a bad code. */
export async function invitationByCode(db: Db, code: string, now = new Date()) {
	if (!looksLikeInvitationCode(code)) return null;
	const [row] = await db
		.select({
			id: relativeDelegations.id,
			citizenId: relativeDelegations.citizenId,
			citizenGivenName: people.givenName,
			scopes: relativeDelegations.scopes,
			expiresAt: relativeDelegations.expiresAt,
			invitationExpiresAt: relativeDelegations.invitationExpiresAt
		})
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.citizenId))
		.where(openInvitation(hashInvitationCode(code), now))
		.limit(1);
	return row ?? null;
}

export type AcceptResult =
	| { ok: true; delegationId: string; citizenId: string }
	| { ok: false; reason: 'invalid' | 'own' | 'citizen' | 'professional' };

async function claim(tx: Db, code: string, personId: string, now: Date): Promise<AcceptResult> {
	const [claimed] = await tx
		.update(relativeDelegations)
		.set({ relativeId: personId, acceptedAt: now, invitationHash: null, updatedAt: now })
		.where(and(openInvitation(hashInvitationCode(code), now), ne(relativeDelegations.citizenId, personId)))
		.returning();
	if (!claimed) return { ok: false, reason: 'invalid' };
	await recordDecision(tx, {
		citizenId: claimed.citizenId,
		actorId: personId,
		kind: 'relative_accepted',
		delegationId: claimed.id,
		details: { label: claimed.label },
		at: now
	});
	return { ok: true, delegationId: claimed.id, citizenId: claimed.citizenId };
}

/**
 * A person who is already known accepts an invitation (one use: the hash is cleared).
 * The access is not in force until the citizen confirms it. A citizen's or a professional's login
 * cannot be used (the policy's mayBecomeRelative says why).
 */
export async function acceptInvitation(
	db: Db,
	code: string,
	personId: string,
	now = new Date()
): Promise<AcceptResult> {
	if (!looksLikeInvitationCode(code)) return { ok: false, reason: 'invalid' };
	const invitation = await invitationByCode(db, code, now);
	if (!invitation) return { ok: false, reason: 'invalid' };
	if (invitation.citizenId === personId) return { ok: false, reason: 'own' };
	const roles = await db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, personId));
	const refused = mayBecomeRelative(roles.map((r) => r.role));
	if (refused) return { ok: false, reason: refused };
	return db.transaction(async (tx) => {
		const result = await claim(tx, code, personId, now);
		if (result.ok && !roles.some((r) => r.role === 'relative'))
			await tx.insert(personRoles).values({ personId, role: 'relative', organisationId: null }).onConflictDoNothing();
		return result;
	});
}

/**
 * A person the app does not know logs in with a valid invitation: they get a person, a login
 * identity and the relative role, and accept the invitation, all at once or not at all.
 * Returns the new person's id, or null when the invitation cannot be used.
 */
export async function createRelativeFromInvitation(
	db: Db,
	code: string,
	identity: { issuer: string; subject: string; name?: string; givenName?: string },
	now = new Date()
): Promise<string | null> {
	if (!looksLikeInvitationCode(code) || !(await invitationByCode(db, code, now))) return null;
	const displayName = (identity.name ?? identity.givenName ?? '').trim().slice(0, 120);
	const givenName = (identity.givenName ?? displayName.split(/\s+/)[0] ?? '').trim().slice(0, 60);
	class Lost extends Error {}
	try {
		return await db.transaction(async (tx) => {
			const [person] = await tx
				.insert(people)
				.values({ displayName: displayName || givenName || '—', givenName: givenName || displayName || '—' })
				.returning({ id: people.id });
			await tx.insert(personRoles).values({ personId: person.id, role: 'relative', organisationId: null });
			await tx
				.insert(loginIdentities)
				.values({ personId: person.id, issuer: identity.issuer, subject: identity.subject });
			const result = await claim(tx, code, person.id, now);
			// Someone else used the code a moment ago: undo the person as well.
			if (!result.ok) throw new Lost();
			return person.id;
		});
	} catch (cause) {
		if (cause instanceof Lost) return null;
		throw cause;
	}
}

type Change = {
	kind: 'relative_confirmed' | 'relative_paused' | 'relative_resumed' | 'relative_revoked';
	allowedFrom: CitizenViewState[];
	set: (now: Date) => Partial<Delegation>;
};

const CHANGES: Record<'confirm' | 'pause' | 'resume' | 'revoke', Change> = {
	confirm: {
		kind: 'relative_confirmed',
		allowedFrom: ['accepted'],
		set: (now) => ({ status: 'active', confirmedAt: now })
	},
	pause: { kind: 'relative_paused', allowedFrom: ['active'], set: () => ({ status: 'paused' }) },
	resume: { kind: 'relative_resumed', allowedFrom: ['paused'], set: () => ({ status: 'active' }) },
	revoke: {
		kind: 'relative_revoked',
		allowedFrom: ['invited', 'invitation_expired', 'accepted', 'active', 'paused', 'expired'],
		set: (now) => ({ status: 'revoked', revokedAt: now, invitationHash: null })
	}
};

async function ownDelegation(db: Db, grant: Grant<'relatives', 'write'>, delegationId: string) {
	const [row] = await db
		.select()
		.from(relativeDelegations)
		.where(and(eq(relativeDelegations.id, delegationId), eq(relativeDelegations.citizenId, grant.citizenId)))
		.limit(1)
		// Held until the transaction ends: two presses of a button move the access once.
		.for('update');
	if (!row) throw new DomainError('not_found');
	return row;
}

/** One move inside the caller's transaction; the decision is kept in the citizen's history. */
async function moveIn(
	tx: Db,
	grant: Grant<'relatives', 'write'>,
	delegationId: string,
	move: keyof typeof CHANGES,
	now: Date
) {
	const change = CHANGES[move];
	const current = await ownDelegation(tx, grant, delegationId);
	if (!change.allowedFrom.includes(citizenViewState(current, now))) throw new DomainError('conflict');
	const [updated] = await tx
		.update(relativeDelegations)
		.set({ ...change.set(now), updatedAt: now })
		.where(eq(relativeDelegations.id, current.id))
		.returning();
	await recordDecision(tx, {
		citizenId: grant.citizenId,
		actorId: grant.actor.id,
		kind: change.kind,
		delegationId: updated.id,
		details: { label: updated.label, scopes: updated.scopes },
		at: now
	});
	return updated;
}

/**
 * Moves a relative's access: confirm, pause, resume or revoke. A move that does not fit the
 * state now (someone else changed it, or the button was pressed twice) is 'conflict'.
 * Revoking here also ends the relative's supporter role: use revokeRelative to keep it.
 */
export async function changeRelative(
	db: Db,
	grant: Grant<'relatives', 'write'>,
	delegationId: string,
	move: keyof typeof CHANGES,
	now = new Date()
) {
	if (move === 'revoke') return revokeRelative(db, grant, delegationId, {}, now);
	return db.transaction(async (tx) => {
		const updated = await moveIn(tx, grant, delegationId, move, now);
		// Confirming a new access replaces any earlier one for the same relative.
		if (move === 'confirm' && updated.relativeId) {
			const replaced = await tx
				.update(relativeDelegations)
				.set({ status: 'revoked', revokedAt: now, updatedAt: now })
				.where(
					and(
						eq(relativeDelegations.citizenId, grant.citizenId),
						eq(relativeDelegations.relativeId, updated.relativeId),
						ne(relativeDelegations.id, updated.id),
						ne(relativeDelegations.status, 'revoked')
					)
				)
				.returning();
			for (const old of replaced)
				await recordDecision(tx, {
					citizenId: grant.citizenId,
					actorId: grant.actor.id,
					kind: 'relative_revoked',
					delegationId: old.id,
					details: { label: old.label, replacedBy: updated.id },
					at: now
				});
		}
		return updated;
	});
}

/**
 * Stops a relative's access (or withdraws an invitation). A relative the citizen also named as
 * their supporter (bisidder) would otherwise keep reading her consent questions at /stoette: so
 * the supporter role ends too, unless the citizen chose to keep it (`keepSupporter`). It ends only
 * when this was the relative's last access not stopped: withdrawing a second, newer invitation
 * while the first is in force changes nothing about who helps her.
 */
export async function revokeRelative(
	db: Db,
	grant: Grant<'relatives', 'write'>,
	delegationId: string,
	options: { keepSupporter?: boolean } = {},
	now = new Date()
) {
	return db.transaction(async (tx) => {
		const updated = await moveIn(tx, grant, delegationId, 'revoke', now);
		const kept = { ...updated, supporterEnded: false };
		if (!updated.relativeId || options.keepSupporter) return kept;
		const [stillOpen] = await tx
			.select({ id: relativeDelegations.id })
			.from(relativeDelegations)
			.where(and(openDelegationOf(grant.citizenId, updated.relativeId), ne(relativeDelegations.id, updated.id)))
			.limit(1);
		if (stillOpen) return kept;
		const ended = await tx
			.update(consentSupporters)
			.set({ revokedAt: now, updatedAt: now })
			.where(
				and(
					eq(consentSupporters.citizenId, grant.citizenId),
					eq(consentSupporters.supporterId, updated.relativeId),
					isNull(consentSupporters.revokedAt)
				)
			)
			.returning();
		for (const supporter of ended)
			await recordDecision(tx, {
				citizenId: grant.citizenId,
				actorId: grant.actor.id,
				kind: 'supporter_removed',
				details: { label: supporter.name, supporterId: supporter.id, withDelegation: updated.id },
				at: now
			});
		return { ...updated, supporterEnded: ended.length > 0 };
	});
}

/** A relative's delegation from the citizen that is not stopped (in force, paused, waiting or run out). */
function openDelegationOf(citizenId: string, relativeId: string) {
	return and(
		eq(relativeDelegations.citizenId, citizenId),
		eq(relativeDelegations.relativeId, relativeId),
		ne(relativeDelegations.status, 'revoked'),
		isNull(relativeDelegations.revokedAt)
	);
}

/** Sets what the relative may see. Not for a revoked access (invite again instead). */
export async function changeScopes(
	db: Db,
	grant: Grant<'relatives', 'write'>,
	delegationId: string,
	scopes: DelegationScope[],
	now = new Date()
) {
	if (scopes.length === 0) throw new DomainError('invalid', 'scopes_needed');
	return db.transaction(async (tx) => {
		const current = await ownDelegation(tx, grant, delegationId);
		if (citizenViewState(current, now) === 'revoked') throw new DomainError('conflict');
		const [updated] = await tx
			.update(relativeDelegations)
			.set({ scopes, updatedAt: now })
			.where(eq(relativeDelegations.id, current.id))
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'relative_scopes_changed',
			delegationId: updated.id,
			details: { label: updated.label, before: current.scopes, scopes },
			at: now
		});
		return updated;
	});
}

/** Renews the access for some months from today. Only the citizen can; not for a revoked access. */
export async function renewRelative(
	db: Db,
	grant: Grant<'relatives', 'write'>,
	delegationId: string,
	months: number,
	now = new Date()
) {
	return db.transaction(async (tx) => {
		const current = await ownDelegation(tx, grant, delegationId);
		const state = citizenViewState(current, now);
		if (state === 'revoked' || state === 'invited' || state === 'invitation_expired') throw new DomainError('conflict');
		const [updated] = await tx
			.update(relativeDelegations)
			.set({ expiresAt: addMonths(now, months), updatedAt: now })
			.where(eq(relativeDelegations.id, current.id))
			.returning();
		await recordDecision(tx, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: 'relative_renewed',
			delegationId: updated.id,
			details: { label: updated.label, expiresAt: updated.expiresAt.toISOString() },
			at: now
		});
		return updated;
	});
}

/** Relatives with access in force, for the "who can see what" page. */
export async function relativesInForce(db: Db, citizenId: string, now = new Date()) {
	return db
		.select({
			id: relativeDelegations.id,
			label: relativeDelegations.label,
			name: people.displayName,
			scopes: relativeDelegations.scopes,
			confirmedAt: relativeDelegations.confirmedAt,
			expiresAt: relativeDelegations.expiresAt,
			status: relativeDelegations.status
		})
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
		.where(
			and(
				eq(relativeDelegations.citizenId, citizenId),
				inArray(relativeDelegations.status, ['active', 'paused']),
				isNotNull(relativeDelegations.confirmedAt),
				isNull(relativeDelegations.revokedAt),
				gt(relativeDelegations.expiresAt, now)
			)
		)
		.orderBy(sql`${relativeDelegations.confirmedAt} asc`);
}
