import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	careAssignments,
	consents,
	organisations,
	people,
	personRoles,
	relativeDelegations
} from '../db/schema';
import type { SessionUser } from '../auth/session';
import type { DelegationScope, Role } from '../../domain';
import { AccessDenied, authorize, caseloadOf, type Action, type Resource } from './index';

/**
 * The authorization matrix: each kind of person against each kind of data, read and write.
 * The expected table is written out by hand, so a change in the policy shows up here.
 */

let database: OpenDatabase;
const now = new Date('2026-11-25T10:00:00Z');
const future = new Date('2027-11-25T10:00:00Z');
const past = new Date('2026-01-01T10:00:00Z');

const ids: Record<string, string> = {};
const actors: Record<string, SessionUser> = {};

async function person(key: string, role: Role, orgId?: string) {
	const [row] = await database.db.insert(people).values({ displayName: key, givenName: key }).returning();
	await database.db.insert(personRoles).values({ personId: row.id, role, organisationId: orgId ?? null });
	ids[key] = row.id;
	actors[key] = { id: row.id, displayName: key, givenName: key, roles: [role], loa: 'substantial' };
}

async function delegation(
	relativeKey: string,
	scopes: DelegationScope[],
	state: 'active' | 'pending' | 'paused' | 'expired' | 'revoked'
) {
	await database.db.insert(relativeDelegations).values({
		citizenId: ids.citizen,
		relativeId: ids[relativeKey],
		label: relativeKey,
		scopes,
		status: state === 'expired' ? 'active' : state,
		confirmedAt: state === 'pending' ? null : past,
		expiresAt: state === 'expired' ? past : future,
		revokedAt: state === 'revoked' ? past : null
	});
}

beforeAll(async () => {
	database = await createTestDb();
	const [org] = await database.db.insert(organisations).values({ name: 'Org', kind: 'cbr' }).returning();
	await person('citizen', 'citizen');
	await person('otherCitizen', 'citizen');
	await person('mentor', 'mentor', org.id);
	await person('unassignedMentor', 'mentor', org.id);
	await person('endedMentor', 'mentor', org.id);
	await person('caseworker', 'caseworker', org.id);
	await person('admin', 'admin', org.id);
	for (const key of [
		'relPlan',
		'relAll',
		'relMeetings',
		'relVideoOnly',
		'relPending',
		'relPaused',
		'relExpired',
		'relRevoked',
		'relOther'
	])
		await person(key, 'relative');

	await database.db.insert(careAssignments).values([
		{ citizenId: ids.citizen, professionalId: ids.mentor, role: 'mentor', startsOn: '2026-01-01' },
		{ citizenId: ids.citizen, professionalId: ids.caseworker, role: 'caseworker', startsOn: '2026-01-01' },
		{
			citizenId: ids.citizen,
			professionalId: ids.endedMentor,
			role: 'mentor',
			startsOn: '2026-01-01',
			endsOn: '2026-06-30'
		}
	]);
	await delegation('relPlan', ['plan'], 'active');
	await delegation('relAll', ['plan', 'meetings', 'diary_shared', 'log', 'join_video'], 'active');
	await delegation('relMeetings', ['plan', 'meetings'], 'active');
	await delegation('relVideoOnly', ['join_video'], 'active');
	await delegation('relPending', ['plan', 'meetings'], 'pending');
	await delegation('relPaused', ['plan', 'meetings'], 'paused');
	await delegation('relExpired', ['plan', 'meetings'], 'expired');
	await delegation('relRevoked', ['plan', 'meetings'], 'revoked');
	await database.db.insert(relativeDelegations).values({
		citizenId: ids.otherCitizen,
		relativeId: ids.relOther,
		label: 'other',
		scopes: ['plan'],
		status: 'active',
		confirmedAt: past,
		expiresAt: future
	});
	await database.db.insert(consents).values({
		citizenId: ids.citizen,
		purpose: 'share_health_info_caseworker_mentor',
		fromPartyId: ids.caseworker,
		toPartyId: ids.mentor,
		textKey: 'consent.share_health_info_caseworker_mentor',
		textVersion: 1,
		textShown: 'Min sagsbehandler og min mentor må dele oplysninger om min diagnose.',
		givenAt: past
	});
});

afterAll(async () => database?.close());

async function outcome(actorKey: string, resource: Resource, action: Action): Promise<string> {
	try {
		await authorize(database.db, actors[actorKey], ids.citizen, resource, action, { now });
		return 'allow';
	} catch (error) {
		if (error instanceof AccessDenied) return error.reason;
		throw error;
	}
}

// prettier-ignore
const MATRIX: Array<[actor: string, resource: Resource, action: Action, expected: string]> = [
	['citizen', 'plan', 'read', 'allow'], ['citizen', 'plan', 'write', 'allow'], ['citizen', 'diary', 'write', 'allow'],
	['citizen', 'consents', 'write', 'allow'], ['citizen', 'access_log', 'read', 'allow'], ['citizen', 'health_info', 'read', 'allow'],
	['otherCitizen', 'plan', 'read', 'no_relation'], ['otherCitizen', 'diary', 'read', 'no_relation'],
	['mentor', 'plan', 'read', 'allow'], ['mentor', 'plan', 'write', 'allow'], ['mentor', 'meetings', 'write', 'allow'],
	['mentor', 'log', 'write', 'allow'], ['mentor', 'diary', 'read', 'allow'], ['mentor', 'diary', 'write', 'not_allowed'],
	['mentor', 'consents', 'read', 'not_allowed'], ['mentor', 'access_log', 'read', 'not_allowed'], ['mentor', 'health_info', 'read', 'allow'],
	['caseworker', 'plan', 'read', 'allow'], ['caseworker', 'health_info', 'read', 'allow'],
	['unassignedMentor', 'plan', 'read', 'no_relation'], ['unassignedMentor', 'meetings', 'read', 'no_relation'], ['unassignedMentor', 'log', 'write', 'no_relation'],
	['endedMentor', 'plan', 'read', 'no_relation'],
	['admin', 'plan', 'read', 'no_relation'], ['admin', 'access_log', 'read', 'no_relation'],
	['relPlan', 'plan', 'read', 'allow'], ['relPlan', 'people', 'read', 'allow'], ['relPlan', 'meetings', 'read', 'scope_missing'],
	['relPlan', 'log', 'read', 'scope_missing'], ['relPlan', 'diary', 'read', 'scope_missing'], ['relPlan', 'plan', 'write', 'not_allowed'],
	['relPlan', 'crisis_plan', 'read', 'not_allowed'], ['relPlan', 'consents', 'read', 'not_allowed'],
	['relAll', 'plan', 'read', 'allow'], ['relAll', 'meetings', 'read', 'allow'], ['relAll', 'log', 'read', 'allow'], ['relAll', 'diary', 'read', 'allow'],
	['relAll', 'meetings', 'write', 'not_allowed'], ['relAll', 'access_log', 'read', 'not_allowed'], ['relAll', 'health_info', 'read', 'not_allowed'],
	['relPending', 'plan', 'read', 'delegation_pending'], ['relPaused', 'plan', 'read', 'delegation_paused'],
	['relExpired', 'plan', 'read', 'delegation_expired'], ['relRevoked', 'plan', 'read', 'delegation_revoked'],
	['relOther', 'plan', 'read', 'no_relation'],
	// Joining a video call ('video'): the citizen and assigned professionals; a relative only with
	// join_video, and only on a meeting page, which needs the meetings scope as well.
	['citizen', 'video', 'read', 'allow'], ['mentor', 'video', 'read', 'allow'], ['mentor', 'video', 'write', 'not_allowed'],
	['unassignedMentor', 'video', 'read', 'no_relation'], ['admin', 'video', 'read', 'no_relation'],
	['relAll', 'video', 'read', 'allow'], ['relAll', 'video', 'write', 'not_allowed'],
	['relMeetings', 'meetings', 'read', 'allow'], ['relMeetings', 'video', 'read', 'scope_missing'],
	['relVideoOnly', 'video', 'read', 'allow'], ['relVideoOnly', 'meetings', 'read', 'scope_missing'],
	['relPlan', 'video', 'read', 'scope_missing'], ['relPaused', 'video', 'read', 'delegation_paused'],
	['relRevoked', 'video', 'read', 'delegation_revoked']
];

describe('authorization matrix', () => {
	it.each(MATRIX)('%s → %s %s: %s', async (actor, resource, action, expected) => {
		expect(await outcome(actor, resource, action)).toBe(expected);
	});

	it('refuses nobody-logged-in with 401 and a login of too low assurance with 403', async () => {
		await expect(authorize(database.db, null, ids.citizen, 'plan', 'read')).rejects.toMatchObject({ status: 401 });
		const low = { ...actors.citizen, loa: 'low' as const };
		await expect(authorize(database.db, low, ids.citizen, 'plan', 'read')).rejects.toMatchObject({
			reason: 'assurance_too_low',
			status: 403
		});
	});
});

describe('consent and delegation are read live', () => {
	it('health information needs the consent; withdrawing it refuses the very next request', async () => {
		expect(await outcome('mentor', 'health_info', 'read')).toBe('allow');
		await database.db.update(consents).set({ revokedAt: now }).where(eq(consents.citizenId, ids.citizen));
		expect(await outcome('mentor', 'health_info', 'read')).toBe('consent_missing');
		expect(await outcome('mentor', 'plan', 'read')).toBe('allow');
	});

	it("revoking a relative's delegation refuses the very next request", async () => {
		expect(await outcome('relAll', 'meetings', 'read')).toBe('allow');
		await database.db
			.update(relativeDelegations)
			.set({ status: 'revoked', revokedAt: now })
			.where(eq(relativeDelegations.relativeId, ids.relAll));
		expect(await outcome('relAll', 'meetings', 'read')).toBe('delegation_revoked');
	});
});

describe('access log', () => {
	it('records reads by others, with role and resource, and never the citizen reading their own data', async () => {
		// The log is append-only (a trigger refuses DELETE), so look only at the rows written from here on.
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		await authorize(database.db, actors.citizen, ids.citizen, 'plan', 'read', { now });
		await authorize(database.db, actors.mentor, ids.citizen, 'plan', 'read', { now });
		await authorize(database.db, actors.relPlan, ids.citizen, 'plan', 'read', { now });
		await outcome('unassignedMentor', 'plan', 'read');
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, ids.citizen), gt(accessLog.id, last ?? 0)))
			.orderBy(accessLog.id);
		expect(rows.map((r) => [r.actorId, r.actorRole, r.resource, r.action])).toEqual([
			[ids.mentor, 'mentor', 'plan', 'read'],
			[ids.relPlan, 'relative', 'plan', 'read']
		]);
		expect(rows[1].delegationId).not.toBeNull();
	});
});

describe('caseload', () => {
	it('lists only the citizens a professional is assigned to now', async () => {
		expect(await caseloadOf(database.db, actors.mentor, now)).toEqual([ids.citizen]);
		expect(await caseloadOf(database.db, actors.unassignedMentor, now)).toEqual([]);
		expect(await caseloadOf(database.db, actors.endedMentor, now)).toEqual([]);
		await expect(caseloadOf(database.db, actors.relPlan, now)).rejects.toBeInstanceOf(AccessDenied);
	});
});
