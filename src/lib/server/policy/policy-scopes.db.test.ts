import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { careAssignments, organisations, people, personRoles, relativeDelegations } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { DELEGATION_SCOPES, type DelegationScope, type Role } from '../../domain';
import { AccessDenied, RESOURCES, authorize, type Action, type Resource } from './index';

/**
 * A relative's access, every scope × every feature × every state of the delegation, read and
 * write. One relative per (scope, state) holds exactly that one scope. The expected outcome is
 * worked out here from a table written by hand, independent of the policy's own tables:
 * - a delegation that is not active is refused with its state, whatever is asked;
 * - an active one allows reading exactly the features of its scope, refuses other features
 *   that relatives can have with scope_missing, all other data with not_allowed, and every write.
 */

const STATES = ['pending', 'active', 'paused', 'expired', 'revoked'] as const;
type State = (typeof STATES)[number];

/** Which scope opens which feature for a relative (hand-written; the policy must agree). */
const FEATURE_SCOPE: Partial<Record<Resource, DelegationScope>> = {
	plan: 'plan',
	people: 'plan',
	meetings: 'meetings',
	diary: 'diary_shared',
	log: 'log',
	video: 'join_video',
	/** "Look at it together", when the citizen invites them into a session (the session is checked too). */
	together: 'join_video',
	/** Min dag: the citizen's routines and what was done, with the scope the citizen gives for it. */
	routines: 'min_dag'
};

let database: OpenDatabase;
const now = new Date('2026-11-25T10:00:00Z');
const future = new Date('2027-11-25T10:00:00Z');
const past = new Date('2026-01-01T10:00:00Z');
let citizenId = '';
const actors = new Map<string, SessionUser>();
const delegations = new Map<string, string>();

async function person(key: string, role: Role, organisationId: string | null = null) {
	const [row] = await database.db.insert(people).values({ displayName: key, givenName: key }).returning();
	await database.db.insert(personRoles).values({ personId: row.id, role, organisationId });
	const actor: SessionUser = { id: row.id, displayName: key, givenName: key, roles: [role], loa: 'substantial' };
	actors.set(key, actor);
	return actor;
}

const key = (scope: DelegationScope, state: State) => `${scope}/${state}`;

beforeAll(async () => {
	database = await createTestDb();
	citizenId = (await person('citizen', 'citizen')).id;
	for (const scope of DELEGATION_SCOPES) {
		for (const state of STATES) {
			const relative = await person(key(scope, state), 'relative');
			const [row] = await database.db
				.insert(relativeDelegations)
				.values({
					citizenId,
					relativeId: relative.id,
					label: key(scope, state),
					scopes: [scope],
					status: state === 'expired' ? 'active' : state,
					acceptedAt: past,
					confirmedAt: state === 'pending' ? null : past,
					expiresAt: state === 'expired' ? past : future,
					revokedAt: state === 'revoked' ? past : null
				})
				.returning();
			delegations.set(key(scope, state), row.id);
		}
	}
	const [org] = await database.db.insert(organisations).values({ name: 'Jobcenter', kind: 'jobcentre' }).returning();
	for (const role of ['mentor', 'caseworker'] as const) {
		const professional = await person(role, role, org.id);
		await database.db
			.insert(careAssignments)
			.values({ citizenId, professionalId: professional.id, role, startsOn: '2026-01-01' });
	}
});
afterAll(async () => database?.close());

async function outcome(actor: SessionUser, resource: Resource, action: Action, viewAs?: string) {
	try {
		await authorize(database.db, actor, citizenId, resource, action, { now, viewAs });
		return 'allow';
	} catch (error) {
		if (error instanceof AccessDenied) return error.reason;
		throw error;
	}
}

function expected(scope: DelegationScope, state: State, resource: Resource, action: Action) {
	if (state !== 'active') return `delegation_${state}`;
	const needed = FEATURE_SCOPE[resource];
	if (action === 'write' || !needed) return 'not_allowed';
	return needed === scope ? 'allow' : 'scope_missing';
}

const CASES = DELEGATION_SCOPES.flatMap((scope) =>
	STATES.flatMap((state) =>
		RESOURCES.flatMap((resource) =>
			(['read', 'write'] as const).map((action) => [scope, state, resource, action] as const)
		)
	)
);

describe('relative: scope × feature × state', () => {
	it('covers every scope, state, feature and action', () => {
		expect(CASES).toHaveLength(DELEGATION_SCOPES.length * STATES.length * RESOURCES.length * 2);
		// Every scope opens at least one feature, so no scope is a switch that does nothing.
		for (const scope of DELEGATION_SCOPES) expect(Object.values(FEATURE_SCOPE)).toContain(scope);
	});

	it.each(CASES)('%s, %s → %s %s', async (scope, state, resource, action) => {
		expect(await outcome(actors.get(key(scope, state))!, resource, action)).toBe(
			expected(scope, state, resource, action)
		);
		// "See what my relative sees": the citizen looking through this delegation gets the same answer.
		expect(await outcome(actors.get('citizen')!, resource, action, delegations.get(key(scope, state)))).toBe(
			expected(scope, state, resource, action)
		);
	});

	it('a relative with every scope still never sees consents, other relatives, the access log or the export', async () => {
		const all = await person('all-scopes', 'relative');
		await database.db.insert(relativeDelegations).values({
			citizenId,
			relativeId: all.id,
			label: 'all',
			scopes: [...DELEGATION_SCOPES],
			status: 'active',
			confirmedAt: past,
			expiresAt: future
		});
		for (const resource of ['consents', 'relatives', 'access_log', 'export', 'record_requests', 'health_info'] as const)
			expect(await outcome(all, resource, 'read')).toBe('not_allowed');
		for (const resource of ['plan', 'people', 'meetings', 'diary', 'log', 'video'] as const)
			expect(await outcome(all, resource, 'read')).toBe('allow');
	});

	it('pausing, resuming and revoking take effect on the very next request', async () => {
		const actor = actors.get(key('plan', 'active'))!;
		const where = and(eq(relativeDelegations.relativeId, actor.id), eq(relativeDelegations.citizenId, citizenId));
		expect(await outcome(actor, 'plan', 'read')).toBe('allow');
		await database.db.update(relativeDelegations).set({ status: 'paused' }).where(where);
		expect(await outcome(actor, 'plan', 'read')).toBe('delegation_paused');
		await database.db.update(relativeDelegations).set({ status: 'active' }).where(where);
		expect(await outcome(actor, 'plan', 'read')).toBe('allow');
		await database.db.update(relativeDelegations).set({ status: 'revoked', revokedAt: now }).where(where);
		expect(await outcome(actor, 'plan', 'read')).toBe('delegation_revoked');
	});
});

describe('the citizen’s own consent pages and aktindsigt', () => {
	// prettier-ignore
	const TABLE: Array<[actor: string, resource: Resource, action: Action, expected: string]> = [
		['citizen', 'consents', 'read', 'allow'], ['citizen', 'relatives', 'write', 'allow'], ['citizen', 'export', 'read', 'allow'],
		['citizen', 'record_requests', 'write', 'allow'], ['citizen', 'access_log', 'read', 'allow'],
		['mentor', 'relatives', 'read', 'not_allowed'], ['mentor', 'export', 'read', 'not_allowed'], ['mentor', 'consents', 'read', 'not_allowed'],
		['mentor', 'record_requests', 'read', 'not_allowed'], ['mentor', 'video', 'read', 'allow'],
		['caseworker', 'record_requests', 'read', 'allow'], ['caseworker', 'record_requests', 'write', 'allow'],
		['caseworker', 'export', 'read', 'not_allowed'], ['caseworker', 'relatives', 'read', 'not_allowed']
	];
	it.each(TABLE)('%s → %s %s: %s', async (actor, resource, action, result) => {
		expect(await outcome(actors.get(actor)!, resource, action)).toBe(result);
	});
});
