import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { careAssignments, organisations, people, personRoles, relativeDelegations } from '../db/schema';
import type { SessionUser } from '../auth/session';
import type { Role } from '../../domain';
import { careTeamOf } from '../people/repository';
import { contactPersonOf } from '../support/tasks';
import { AccessDenied, authorize, caseloadOf } from './index';

/**
 * Assignments start and end on Danish calendar dates. Just after midnight in Copenhagen the UTC
 * date is still yesterday (one hour in winter, two in summer): a professional whose assignment
 * ended yesterday must be refused then, and one who starts today must be let in.
 */

let database: OpenDatabase;
const ids: Record<string, string> = {};
const actors: Record<string, SessionUser> = {};

async function person(key: string, role: Role, orgId?: string) {
	const [row] = await database.db.insert(people).values({ displayName: key, givenName: key }).returning();
	await database.db.insert(personRoles).values({ personId: row.id, role, organisationId: orgId ?? null });
	ids[key] = row.id;
	actors[key] = { id: row.id, displayName: key, givenName: key, roles: [role], loa: 'substantial' };
}

beforeAll(async () => {
	database = await createTestDb();
	const [org] = await database.db.insert(organisations).values({ name: 'Org', kind: 'cbr' }).returning();
	await person('citizen', 'citizen');
	for (const key of ['endsJan14', 'startsJan15', 'endsJul14', 'startsJul15']) await person(key, 'mentor', org.id);
	await person('relative', 'relative');
	await database.db.insert(careAssignments).values([
		{
			citizenId: ids.citizen,
			professionalId: ids.endsJan14,
			role: 'mentor',
			startsOn: '2025-12-01',
			endsOn: '2026-01-14'
		},
		{
			citizenId: ids.citizen,
			professionalId: ids.startsJan15,
			role: 'mentor',
			startsOn: '2026-01-15',
			endsOn: '2026-05-31'
		},
		{
			citizenId: ids.citizen,
			professionalId: ids.endsJul14,
			role: 'mentor',
			startsOn: '2026-06-01',
			endsOn: '2026-07-14'
		},
		{
			citizenId: ids.citizen,
			professionalId: ids.startsJul15,
			role: 'mentor',
			startsOn: '2026-07-15',
			endsOn: '2026-12-31'
		}
	]);
	// A relative's access ends at an instant (not a calendar date): 00:00 on 15 January in Copenhagen.
	await database.db.insert(relativeDelegations).values({
		citizenId: ids.citizen,
		relativeId: ids.relative,
		label: 'relative',
		scopes: ['plan'],
		status: 'active',
		confirmedAt: new Date('2025-12-01T10:00:00Z'),
		expiresAt: new Date('2026-01-14T23:00:00Z')
	});
});

afterAll(async () => database?.close());

async function mayRead(key: string, now: Date): Promise<boolean> {
	try {
		await authorize(database.db, actors[key], ids.citizen, 'plan', 'read', { now });
		return true;
	} catch (error) {
		if (error instanceof AccessDenied) return false;
		throw error;
	}
}

const team = async (now: Date) => (await careTeamOf(database.db, ids.citizen, now)).map((m) => m.displayName).sort();

describe('"today" is the Copenhagen date', () => {
	it.each([
		// Winter (UTC+1): 23:30 on the 14th in Copenhagen, then 00:30 on the 15th while UTC is still the 14th.
		{ at: '2026-01-14T22:30:00Z', ended: 'endsJan14', started: 'startsJan15', endedAllowed: true },
		{ at: '2026-01-14T23:30:00Z', ended: 'endsJan14', started: 'startsJan15', endedAllowed: false },
		// Summer (UTC+2): 23:30 on the 14th, then 00:30 on the 15th at 22:30 UTC.
		{ at: '2026-07-14T21:30:00Z', ended: 'endsJul14', started: 'startsJul15', endedAllowed: true },
		{ at: '2026-07-14T22:30:00Z', ended: 'endsJul14', started: 'startsJul15', endedAllowed: false }
	])('at $at the assignment ending on the 14th and the one starting on the 15th', async (c) => {
		const now = new Date(c.at);
		expect(await mayRead(c.ended, now)).toBe(c.endedAllowed);
		expect(await mayRead(c.started, now)).toBe(!c.endedAllowed);
		// The caseload, the care team on the plan and the contact person for "talk first" agree with the policy.
		expect(await caseloadOf(database.db, actors[c.ended], now)).toEqual(c.endedAllowed ? [ids.citizen] : []);
		expect(await caseloadOf(database.db, actors[c.started], now)).toEqual(c.endedAllowed ? [] : [ids.citizen]);
		expect(await team(now)).toEqual([c.endedAllowed ? c.ended : c.started]);
		expect((await contactPersonOf(database.db, ids.citizen, now))?.givenName).toBe(
			c.endedAllowed ? c.ended : c.started
		);
	});

	it("a relative's access ends at its instant, on either side of the UTC date change", async () => {
		expect(await mayRead('relative', new Date('2026-01-14T22:59:00Z'))).toBe(true);
		expect(await mayRead('relative', new Date('2026-01-14T23:00:00Z'))).toBe(false);
		expect(await mayRead('relative', new Date('2026-01-14T23:30:00Z'))).toBe(false);
	});
});
