import { and, eq, gt, inArray, isNotNull, isNull, lte, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import { consentDecisions, consents, people, relativeDelegations } from '../db/schema';
import type { Grant } from '../policy';
import { recordDecision } from '../consent/decisions';
import { renewConsent } from '../consent/service';
import { renewRelative } from '../relatives/service';
import { DomainError } from '../../errors';
import { DEFAULT_DELEGATION_MONTHS, EXPIRY_NOTICE_DAYS } from '../../consent/catalogue';

/**
 * Consents and relatives' access that end soon (within EXPIRY_NOTICE_DAYS): shown in plain words
 * with "renew" and "let it end" side by side. Renewing goes through the consent and relatives
 * services (the normal period, a recorded decision); letting it end records the citizen's choice,
 * so the page says so instead of asking again. Renewing later is still possible.
 */

export interface ExpiringItem {
	target: 'consent' | 'relative';
	id: string;
	/** The consent's purpose, or the relative's label and name. */
	purpose: string | null;
	label: string | null;
	name: string | null;
	expiresAt: Date;
	/** The citizen chose to let it end (for this end date). */
	lettingEnd: boolean;
}

/**
 * The grant for the form's target. The route asked the guard by the form's `target` field
 * (expiryResource) and the service reads the target from the same form after validating it: a value
 * from outside the types, so whether the two agree is checked here, at run time.
 */
function grantFor<R extends 'consents' | 'relatives'>(grant: Grant<'consents' | 'relatives', 'write'>, wanted: R) {
	if (grant.resource !== wanted) throw new DomainError('invalid', `${wanted} grant needed`);
	return grant as Grant<R, 'write'>;
}

function requireSelf(grant: Grant) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen decides this');
}

/** What ends within the next EXPIRY_NOTICE_DAYS days, soonest first. */
export async function expiringSoon(db: Db, grant: Grant, now = new Date()): Promise<ExpiringItem[]> {
	requireSelf(grant);
	const [consentRows, delegationRows, choices] = await readTogether(
		db,
		expiringReads(db, grant.citizenId, expiryWindow(now))
	);
	return expiringOf(consentRows, delegationRows, choices);
}

/** From now to EXPIRY_NOTICE_DAYS days ahead: what "ends soon" means. */
export function expiryWindow(now: Date) {
	return { now, horizon: new Date(now.getTime() + EXPIRY_NOTICE_DAYS * 86_400_000) };
}

/**
 * expiringSoon's three reads, to go with others (the caller has checked it is the citizen's own
 * read): consents and relatives' access that end soon, and the citizen's choices to let things
 * end (read always, not only when something ends soon, so all three go in one round trip).
 */
export function expiringReads(
	db: Db,
	citizenId: string | SQLWrapper,
	{ now, horizon }: { now: Date | SQLWrapper; horizon: Date | SQLWrapper } = expiryWindow(new Date())
) {
	return [
		db
			.select({ id: consents.id, purpose: consents.purpose, expiresAt: consents.expiresAt })
			.from(consents)
			.where(
				and(
					eq(consents.citizenId, citizenId),
					isNull(consents.revokedAt),
					gt(consents.expiresAt, now),
					lte(consents.expiresAt, horizon)
				)
			),
		db
			.select({
				id: relativeDelegations.id,
				label: relativeDelegations.label,
				name: people.displayName,
				expiresAt: relativeDelegations.expiresAt
			})
			.from(relativeDelegations)
			.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(
				and(
					eq(relativeDelegations.citizenId, citizenId),
					inArray(relativeDelegations.status, ['active', 'paused']),
					isNotNull(relativeDelegations.confirmedAt),
					isNull(relativeDelegations.revokedAt),
					gt(relativeDelegations.expiresAt, now),
					lte(relativeDelegations.expiresAt, horizon)
				)
			),
		db
			.select({
				consentId: consentDecisions.consentId,
				delegationId: consentDecisions.delegationId,
				details: consentDecisions.details
			})
			.from(consentDecisions)
			.where(
				and(
					eq(consentDecisions.citizenId, citizenId),
					inArray(consentDecisions.kind, ['consent_let_expire', 'relative_let_expire'])
				)
			)
	] as const;
}

type Reads = ReturnType<typeof expiringReads>;
export function expiringOf(
	consentRows: Awaited<Reads[0]>,
	delegationRows: Awaited<Reads[1]>,
	choices: Awaited<Reads[2]>
): ExpiringItem[] {
	const lettingEnd = (id: string, expiresAt: Date) =>
		choices.some(
			(c) => (c.consentId === id || c.delegationId === id) && c.details.expiresAt === expiresAt.toISOString()
		);
	const items: ExpiringItem[] = [
		...consentRows.map((c) => ({
			target: 'consent' as const,
			id: c.id,
			purpose: c.purpose,
			label: null,
			name: null,
			expiresAt: c.expiresAt!,
			lettingEnd: lettingEnd(c.id, c.expiresAt!)
		})),
		...delegationRows.map((d) => ({
			target: 'relative' as const,
			id: d.id,
			purpose: null,
			label: d.label,
			name: d.name,
			expiresAt: d.expiresAt,
			lettingEnd: lettingEnd(d.id, d.expiresAt)
		}))
	];
	return items.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}

/** Renews by the normal period: 12 months for a relative's access, CONSENT_RENEW_MONTHS for a consent. */
export async function renewSoon(
	db: Db,
	grant: Grant<'consents' | 'relatives', 'write'>,
	target: 'consent' | 'relative',
	id: string,
	now = new Date()
) {
	if (target === 'consent') {
		const consent = await renewConsent(db, grantFor(grant, 'consents'), id, now);
		return { expiresAt: consent.expiresAt! };
	}
	const delegation = await renewRelative(db, grantFor(grant, 'relatives'), id, DEFAULT_DELEGATION_MONTHS, now);
	return { expiresAt: delegation.expiresAt };
}

/**
 * The citizen lets a consent or a relative's access end on its date. Nothing changes until then;
 * the choice is recorded once per end date (pressing again records nothing new).
 */
export async function letItEnd(
	db: Db,
	grant: Grant<'consents' | 'relatives', 'write'>,
	target: 'consent' | 'relative',
	id: string,
	now = new Date()
) {
	grantFor(grant, target === 'consent' ? 'consents' : 'relatives');
	const item = (await expiringSoon(db, grant, now)).find((i) => i.target === target && i.id === id);
	if (!item) throw new DomainError('not_found');
	if (!item.lettingEnd)
		await recordDecision(db, {
			citizenId: grant.citizenId,
			actorId: grant.actor.id,
			kind: target === 'consent' ? 'consent_let_expire' : 'relative_let_expire',
			consentId: target === 'consent' ? id : null,
			delegationId: target === 'relative' ? id : null,
			details:
				target === 'consent'
					? { purpose: item.purpose, expiresAt: item.expiresAt.toISOString() }
					: { label: item.label, expiresAt: item.expiresAt.toISOString() },
			at: now
		});
	return item;
}
