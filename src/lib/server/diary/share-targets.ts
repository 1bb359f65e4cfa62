import { and, eq, gt, isNotNull, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import { people, relativeDelegations } from '../db/schema';
import { careTeamRows } from '../people/repository';
import { copenhagenDate } from '../../meetings/time';

/**
 * Who the citizen can share a diary entry with: the professionals working with them now, and
 * relatives whose delegation is in force and includes shared diary entries.
 */
export async function shareTargets(db: Db, citizenId: string, now = new Date()) {
	const [team, relatives] = await readTogether(db, shareTargetReads(db, citizenId, dayOf(now)));
	return shareTargetsOf(team, relatives);
}

/** shareTargets' two reads, to go with others; shareTargetsOf puts their rows together. */
export function shareTargetReads(
	db: Db,
	citizenId: string | SQLWrapper,
	{ now, today }: { now: Date | SQLWrapper; today: string | SQLWrapper } = dayOf(new Date())
) {
	return [
		careTeamRows(db, citizenId, today),
		db
			.select({ id: people.id, displayName: people.displayName, label: relativeDelegations.label })
			.from(relativeDelegations)
			.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
			.where(
				and(
					eq(relativeDelegations.citizenId, citizenId),
					eq(relativeDelegations.status, 'active'),
					isNotNull(relativeDelegations.confirmedAt),
					isNull(relativeDelegations.revokedAt),
					gt(relativeDelegations.expiresAt, now),
					sql`'diary_shared' = any(${relativeDelegations.scopes})`
				)
			)
	] as const;
}

/** An instant and its Danish date: what the share targets are read at. */
const dayOf = (now: Date) => ({ now, today: copenhagenDate(now) });

type Reads = ReturnType<typeof shareTargetReads>;
export function shareTargetsOf(team: Awaited<Reads[0]>, relatives: Awaited<Reads[1]>) {
	const professionals = new Map(team.map((m) => [m.id, { id: m.id, name: m.displayName, role: m.role as string }]));
	return [...professionals.values(), ...relatives.map((r) => ({ id: r.id, name: r.displayName, role: 'relative' }))];
}
