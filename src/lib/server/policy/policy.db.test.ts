import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	careAssignments,
	consentSupporters,
	consents,
	organisations,
	people,
	personRoles,
	relativeDelegations
} from '../db/schema';
import type { SessionUser } from '../auth/session';
import type { DelegationScope, Role } from '../../domain';
import { AccessDenied, authorize, authorizeOperations, caseloadOf, type Action, type Resource } from './index';

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
/** The delegation of each relative, by the relative's key. */
const delegationIds: Record<string, string> = {};

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
	const [row] = await database.db
		.insert(relativeDelegations)
		.values({
			citizenId: ids.citizen,
			relativeId: ids[relativeKey],
			label: relativeKey,
			scopes,
			status: state === 'expired' ? 'active' : state,
			confirmedAt: state === 'pending' ? null : past,
			expiresAt: state === 'expired' ? past : future,
			revokedAt: state === 'revoked' ? past : null
		})
		.returning();
	delegationIds[relativeKey] = row.id;
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
	// Supporters for consent questions: a relative without any access, one removed again; relPlan is one too.
	await person('supporter', 'relative');
	await person('removedSupporter', 'relative');
	await database.db.insert(consentSupporters).values([
		{ citizenId: ids.citizen, supporterId: ids.supporter, name: 'supporter' },
		{ citizenId: ids.citizen, supporterId: ids.removedSupporter, name: 'removed', revokedAt: past },
		{ citizenId: ids.citizen, supporterId: ids.relPlan, name: 'relPlan' },
		{ citizenId: ids.citizen, supporterId: null, name: 'Bisidder uden login', phone: '12 34 56 78' }
	]);

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
	// "I need another time": the citizen asks and picks (meetings write), the assigned professional offers or
	// declines (meetings write), a relative with the meetings scope only sees that a new time was asked (read).
	['citizen', 'meetings', 'write', 'allow'], ['caseworker', 'meetings', 'write', 'allow'], ['unassignedMentor', 'meetings', 'write', 'no_relation'],
	['relPlan', 'meetings', 'write', 'not_allowed'], ['endedMentor', 'meetings', 'write', 'no_relation'],
	// "Mine skridt" (plan read, all of the above); the diary moods beside the path are the citizen's own (diary read, self only).
	['citizen', 'diary', 'read', 'allow'], ['caseworker', 'plan', 'read', 'allow'], ['relAll', 'plan', 'read', 'allow'],
	['relPending', 'plan', 'read', 'delegation_pending'], ['otherCitizen', 'meetings', 'write', 'no_relation'],
	// "Look at it together": the citizen, an assigned professional, a relative with join_video (who only looks on).
	['citizen', 'together', 'write', 'allow'], ['otherCitizen', 'together', 'read', 'no_relation'],
	['mentor', 'together', 'read', 'allow'], ['mentor', 'together', 'write', 'allow'], ['caseworker', 'together', 'write', 'allow'],
	['unassignedMentor', 'together', 'write', 'no_relation'], ['endedMentor', 'together', 'read', 'no_relation'],
	['admin', 'together', 'read', 'no_relation'], ['relPlan', 'together', 'read', 'scope_missing'],
	['relAll', 'together', 'read', 'allow'], ['relAll', 'together', 'write', 'not_allowed'],
	['relPaused', 'together', 'read', 'delegation_paused'],
	// "I want to talk about it first": the citizen asks, the assigned professionals read and mark done.
	['citizen', 'support_tasks', 'write', 'allow'], ['mentor', 'support_tasks', 'read', 'allow'], ['caseworker', 'support_tasks', 'write', 'allow'],
	['unassignedMentor', 'support_tasks', 'read', 'no_relation'], ['endedMentor', 'support_tasks', 'write', 'no_relation'],
	['relAll', 'support_tasks', 'read', 'not_allowed'], ['supporter', 'support_tasks', 'read', 'no_relation'], ['admin', 'support_tasks', 'read', 'no_relation'],
	// A named supporter reads the consent questions, and nothing of the citizen's data.
	['citizen', 'consent_questions', 'read', 'allow'], ['supporter', 'consent_questions', 'read', 'allow'],
	['supporter', 'consent_questions', 'write', 'no_relation'], ['supporter', 'consents', 'read', 'no_relation'],
	['supporter', 'plan', 'read', 'no_relation'], ['supporter', 'diary', 'read', 'no_relation'], ['supporter', 'access_log', 'read', 'no_relation'],
	['removedSupporter', 'consent_questions', 'read', 'no_relation'],
	['relPlan', 'consent_questions', 'read', 'allow'], ['relPlan', 'consents', 'read', 'not_allowed'], ['relAll', 'consent_questions', 'read', 'not_allowed'],
	['mentor', 'consent_questions', 'read', 'not_allowed'], ['otherCitizen', 'consent_questions', 'read', 'no_relation'],
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

/** The citizen looking at their own pages as a relative sees them: [relative's delegation, resource, action, outcome]. */
// prettier-ignore
const PREVIEW: Array<[relative: string, resource: Resource, action: Action, expected: string]> = [
	['relPlan', 'plan', 'read', 'allow'], ['relPlan', 'people', 'read', 'allow'], ['relPlan', 'meetings', 'read', 'scope_missing'],
	['relPlan', 'diary', 'read', 'scope_missing'], ['relPlan', 'log', 'read', 'scope_missing'], ['relPlan', 'video', 'read', 'scope_missing'],
	['relPlan', 'plan', 'write', 'not_allowed'], ['relPlan', 'crisis_plan', 'read', 'not_allowed'], ['relPlan', 'consents', 'read', 'not_allowed'],
	['relPlan', 'consents', 'write', 'not_allowed'], ['relPlan', 'relatives', 'read', 'not_allowed'], ['relPlan', 'access_log', 'read', 'not_allowed'],
	['relPlan', 'support_tasks', 'write', 'not_allowed'], ['relPlan', 'export', 'read', 'not_allowed'],
	['relAll', 'meetings', 'read', 'allow'], ['relAll', 'diary', 'read', 'allow'], ['relAll', 'log', 'read', 'allow'], ['relAll', 'meetings', 'write', 'not_allowed'],
	['relPending', 'plan', 'read', 'delegation_pending'], ['relPaused', 'plan', 'read', 'delegation_paused'],
	['relExpired', 'plan', 'read', 'delegation_expired'], ['relRevoked', 'plan', 'read', 'delegation_revoked']
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

describe('see what my relative sees', () => {
	async function preview(relative: string, resource: Resource, action: Action, actor = actors.citizen) {
		try {
			const grant = await authorize(database.db, actor, ids.citizen, resource, action, {
				now,
				viewAs: delegationIds[relative]
			});
			// The page is rendered as the relative: their id (shared diary pages are theirs) and relation.
			expect(grant.actor.id).toBe(ids[relative]);
			expect(grant.relation).toMatchObject({ kind: 'relative', delegationId: delegationIds[relative] });
			expect(grant.preview?.citizen.id).toBe(ids.citizen);
			return 'allow';
		} catch (error) {
			if (error instanceof AccessDenied) return error.reason;
			throw error;
		}
	}

	it.each(PREVIEW)('as %s → %s %s: %s', async (relative, resource, action, expected) => {
		expect(await preview(relative, resource, action)).toBe(expected);
		// Exactly what the relative's own request would get.
		expect(await outcome(relative, resource, action)).toBe(expected);
	});

	it('writes no access-log row: it is the citizen looking at their own data', async () => {
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		expect(await preview('relAll', 'plan', 'read')).toBe('allow');
		expect(await preview('relAll', 'meetings', 'read')).toBe('allow');
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(gt(accessLog.id, last ?? 0));
		expect(rows).toEqual([]);
	});

	it("only the citizen can look through their own relative's delegation", async () => {
		expect(await preview('relPlan', 'plan', 'read', actors.otherCitizen)).toBe('not_allowed');
		expect(await preview('relPlan', 'plan', 'read', actors.relPlan)).toBe('not_allowed');
		expect(await preview('relPlan', 'plan', 'read', actors.mentor)).toBe('not_allowed');
		// Another citizen's delegation named by this citizen: no such relation.
		await expect(
			authorize(database.db, actors.otherCitizen, ids.otherCitizen, 'plan', 'read', { viewAs: delegationIds.relPlan })
		).rejects.toMatchObject({ reason: 'no_relation' });
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

describe('operations matrix (the failed-jobs page)', () => {
	function operationsOutcome(actorKey: string | null, action: Action) {
		try {
			authorizeOperations(actorKey ? actors[actorKey] : null, 'jobs', action);
			return 'allow';
		} catch (error) {
			if (error instanceof AccessDenied) return error.reason;
			throw error;
		}
	}

	// prettier-ignore
	const OPERATIONS: Array<[actor: string | null, action: Action, expected: string]> = [
		['admin', 'read', 'allow'], ['admin', 'write', 'allow'],
		['citizen', 'read', 'not_allowed'], ['mentor', 'read', 'not_allowed'], ['caseworker', 'write', 'not_allowed'],
		['relAll', 'read', 'not_allowed'], [null, 'read', 'not_logged_in']
	];

	it.each(OPERATIONS)('%s → jobs %s: %s', (actor, action, expected) => {
		expect(operationsOutcome(actor, action)).toBe(expected);
	});

	it('needs Substantial assurance even for an administrator', () => {
		expect(() => authorizeOperations({ ...actors.admin, loa: 'low' }, 'jobs', 'read')).toThrow('assurance_too_low');
	});
});
