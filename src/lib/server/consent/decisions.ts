import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { consentDecisions, consents, people, relativeDelegations } from '../db/schema';
import type { ConsentDecisionKind } from '../../consent/decisions';
import { copenhagenDate } from '../../meetings/time';

/** Appends one decision to the citizen's history; rows are never changed afterwards. */
export async function recordDecision(
	db: Db,
	input: {
		citizenId: string;
		actorId: string;
		kind: ConsentDecisionKind;
		consentId?: string | null;
		delegationId?: string | null;
		details?: Record<string, unknown>;
		at?: Date;
	}
) {
	const [row] = await db
		.insert(consentDecisions)
		.values({
			citizenId: input.citizenId,
			actorId: input.actorId,
			kind: input.kind,
			consentId: input.consentId ?? null,
			delegationId: input.delegationId ?? null,
			details: input.details ?? {},
			at: input.at ?? new Date()
		})
		.returning();
	return row;
}

/** The citizen's decisions, newest first, with the name of whoever made each one. */
export async function decisionsOf(db: Db, citizenId: string, options: { kinds?: ConsentDecisionKind[] } = {}) {
	return db
		.select({
			id: consentDecisions.id,
			kind: consentDecisions.kind,
			consentId: consentDecisions.consentId,
			delegationId: consentDecisions.delegationId,
			details: consentDecisions.details,
			at: consentDecisions.at,
			actorId: consentDecisions.actorId,
			actorName: people.displayName
		})
		.from(consentDecisions)
		.innerJoin(people, eq(people.id, consentDecisions.actorId))
		.where(
			and(
				eq(consentDecisions.citizenId, citizenId),
				options.kinds ? inArray(consentDecisions.kind, options.kinds) : undefined
			)
		)
		.orderBy(desc(consentDecisions.at), desc(consentDecisions.id));
}

/** A short, readable receipt number from a decision's id and Danish date ("K-20261125-0042"), the day the receipt shows. */
export function receiptNumber(decision: { id: number; at: Date }): string {
	const day = copenhagenDate(decision.at).replaceAll('-', '');
	return `K-${day}-${String(decision.id).padStart(4, '0')}`;
}

export interface HistoryEntry {
	key: string;
	kind: ConsentDecisionKind;
	at: Date;
	actorId: string;
	actorName: string;
	label: string | null;
	purpose: string | null;
	expiresAt: string | null;
}

/**
 * The citizen's full history, newest first: every recorded decision, and for consents and
 * relatives' access that were set up before decisions were recorded (or by the demo seed), the
 * events their own dates tell (given, withdrawn; invited, accepted, confirmed, revoked).
 */
export async function historyOf(db: Db, citizenId: string): Promise<HistoryEntry[]> {
	const [decisions, consentRows, delegationRows, [citizen]] = await Promise.all([
		decisionsOf(db, citizenId),
		db.select().from(consents).where(eq(consents.citizenId, citizenId)),
		db
			.select({ delegation: relativeDelegations, relativeName: people.displayName })
			.from(relativeDelegations)
			.leftJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(eq(relativeDelegations.citizenId, citizenId)),
		db.select({ name: people.displayName }).from(people).where(eq(people.id, citizenId))
	]);
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	const entries: HistoryEntry[] = decisions.map((d) => ({
		key: `d${d.id}`,
		kind: d.kind,
		at: d.at,
		actorId: d.actorId,
		actorName: d.actorName,
		label: text(d.details.label),
		purpose: text(d.details.purpose),
		expiresAt: text(d.details.expiresAt)
	}));
	const recorded = (kind: ConsentDecisionKind, ref: { consentId?: string; delegationId?: string }) =>
		decisions.some(
			(d) =>
				d.kind === kind &&
				(ref.consentId ? d.consentId === ref.consentId : true) &&
				(ref.delegationId ? d.delegationId === ref.delegationId : true)
		);
	const byCitizen = { actorId: citizenId, actorName: citizen?.name ?? '' };
	const none = { label: null, purpose: null, expiresAt: null };

	for (const c of consentRows) {
		const about = { ...none, purpose: c.purpose };
		if (!recorded('consent_given', { consentId: c.id }))
			entries.push({ key: `c${c.id}g`, kind: 'consent_given', at: c.givenAt, ...byCitizen, ...about });
		if (c.revokedAt && !recorded('consent_withdrawn', { consentId: c.id }))
			entries.push({ key: `c${c.id}w`, kind: 'consent_withdrawn', at: c.revokedAt, ...byCitizen, ...about });
	}
	for (const { delegation: d, relativeName } of delegationRows) {
		const about = { ...none, label: d.label };
		const derived: Array<[ConsentDecisionKind, Date | null, 'citizen' | 'relative']> = [
			['relative_invited', d.createdAt, 'citizen'],
			['relative_accepted', d.acceptedAt, 'relative'],
			['relative_confirmed', d.confirmedAt, 'citizen'],
			['relative_revoked', d.revokedAt, 'citizen']
		];
		for (const [kind, at, who] of derived) {
			if (!at || recorded(kind, { delegationId: d.id })) continue;
			const actor =
				who === 'relative' && d.relativeId ? { actorId: d.relativeId, actorName: relativeName ?? '' } : byCitizen;
			entries.push({ key: `r${d.id}${kind}`, kind, at, ...actor, ...about });
		}
	}
	return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
