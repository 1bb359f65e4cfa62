import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { consentSupporters, loginIdentities, people, personRoles, relativeDelegations } from '../db/schema';
import { authorize, canRead, relativeHasScope } from '../policy';
import { delegationsOfRelative } from '../people/repository';
import type { SessionUser } from '../auth/session';
import { decisionsOf } from '../consent/decisions';
import { demoUser } from '../../../../tests/support/demo-user';
import { hashInvitationCode, looksLikeInvitationCode, newInvitationCode } from './invitation-code';
import {
	acceptInvitation,
	changeRelative,
	changeScopes,
	createRelativeFromInvitation,
	invitationByCode,
	inviteRelative,
	relativesOf,
	renewRelative,
	revokeRelative
} from './service';

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const own = <A extends 'read' | 'write'>(subject: string, action: A) =>
	authorize(database.db, users[subject], users[subject].id, 'relatives', action);
const karen = { issuer: 'http://idp.test', subject: 'demo-karen', name: 'Karen Madsen', givenName: 'Karen' };

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-ali', 'demo-sara', 'demo-jens', 'demo-lone', 'demo-mette'])
		users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

async function asUser(personId: string): Promise<SessionUser> {
	const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, personId));
	return { id: personId, displayName: 'x', givenName: 'x', roles: roles.map((r) => r.role), loa: 'substantial' };
}

describe('invitation codes', () => {
	it('are 10 symbols without look-alikes, typed in any case and with or without the dash', () => {
		const code = newInvitationCode();
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
		expect(looksLikeInvitationCode(code.toLowerCase().replace('-', ' '))).toBe(true);
		expect(hashInvitationCode(code.toLowerCase().replace('-', ''))).toBe(hashInvitationCode(code));
		expect(looksLikeInvitationCode('ABCDE-FGHI1')).toBe(false);
		expect(new Set(Array.from({ length: 200 }, newInvitationCode)).size).toBe(200);
	});
});

describe('a relative from invitation to revocation', () => {
	let code = '';
	let delegationId = '';
	let karenId = '';

	it('the citizen invites: only the hash is stored, valid 7 days, access for 12 months by default', async () => {
		const now = new Date(Date.now() - 60_000);
		const result = await inviteRelative(
			database.db,
			await own('demo-ali', 'write'),
			{ label: 'Min søster', scopes: ['plan'] },
			now
		);
		code = result.code;
		delegationId = result.delegation.id;
		const [row] = await database.db.select().from(relativeDelegations).where(eq(relativeDelegations.id, delegationId));
		expect(row.invitationHash).toBe(hashInvitationCode(code));
		expect(JSON.stringify(row)).not.toContain(code.replace('-', ''));
		expect(row.invitationExpiresAt?.getTime()).toBe(now.getTime() + 7 * 86_400_000);
		const inAYear = new Date(now);
		inAYear.setUTCMonth(inAYear.getUTCMonth() + 12);
		expect(row.expiresAt).toEqual(inAYear);
		expect(row).toMatchObject({ status: 'pending', relativeId: null, scopes: ['plan'] });
		const [listed] = await relativesOf(database.db, await own('demo-ali', 'read'), now);
		expect(listed).toMatchObject({ id: delegationId, state: 'invited', name: null });
	});

	it('the code shows who invited, and is refused after 7 days', async () => {
		expect(await invitationByCode(database.db, code)).toMatchObject({ citizenGivenName: 'Ali', scopes: ['plan'] });
		expect(await invitationByCode(database.db, code, new Date(Date.now() + 8 * 86_400_000))).toBeNull();
		expect(await invitationByCode(database.db, 'AAAAA-AAAAA')).toBeNull();
	});

	it('an unknown person logging in with the code gets a person, a login and the relative role; pending until confirmed', async () => {
		const id = await createRelativeFromInvitation(database.db, code, karen);
		expect(id).toBeTruthy();
		karenId = id!;
		const [identity] = await database.db.select().from(loginIdentities).where(eq(loginIdentities.personId, karenId));
		expect(identity).toMatchObject({ issuer: karen.issuer, subject: karen.subject });
		const [person] = await database.db.select().from(people).where(eq(people.id, karenId));
		expect(person).toMatchObject({ displayName: 'Karen Madsen', givenName: 'Karen' });
		const [row] = await database.db.select().from(relativeDelegations).where(eq(relativeDelegations.id, delegationId));
		expect(row).toMatchObject({ relativeId: karenId, invitationHash: null, status: 'pending' });
		expect(row.acceptedAt).not.toBeNull();
		const karenUser = await asUser(karenId);
		expect(karenUser.roles).toEqual(['relative']);
		await expect(authorize(database.db, karenUser, users['demo-ali'].id, 'plan', 'read')).rejects.toMatchObject({
			reason: 'delegation_pending'
		});
		// One use only.
		expect(await createRelativeFromInvitation(database.db, code, { ...karen, subject: 'someone-else' })).toBeNull();
		expect(await acceptInvitation(database.db, code, users['demo-jens'].id)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('the citizen confirms: the relative sees exactly the chosen scope', async () => {
		expect((await relativesOf(database.db, await own('demo-ali', 'read')))[0].state).toBe('accepted');
		await changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'confirm');
		const karenUser = await asUser(karenId);
		expect(await canRead(database.db, karenUser, users['demo-ali'].id, 'plan')).toBe(true);
		expect(await canRead(database.db, karenUser, users['demo-ali'].id, 'meetings')).toBe(false);
		// Pressing confirm again is a conflict, not a second confirmation.
		await expect(
			changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'confirm')
		).rejects.toMatchObject({
			code: 'conflict'
		});
	});

	it('scopes can change, the access can be renewed, paused and resumed; each holds on the next request', async () => {
		const karenUser = await asUser(karenId);
		await changeScopes(database.db, await own('demo-ali', 'write'), delegationId, ['plan', 'meetings']);
		expect(await canRead(database.db, karenUser, users['demo-ali'].id, 'meetings')).toBe(true);
		const renewed = await renewRelative(database.db, await own('demo-ali', 'write'), delegationId, 6);
		const months = (renewed.expiresAt.getTime() - Date.now()) / (30.44 * 86_400_000);
		expect(months).toBeGreaterThan(5.8);
		expect(months).toBeLessThan(6.2);
		await changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'pause');
		await expect(authorize(database.db, karenUser, users['demo-ali'].id, 'plan', 'read')).rejects.toMatchObject({
			reason: 'delegation_paused'
		});
		await changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'resume');
		expect(await canRead(database.db, karenUser, users['demo-ali'].id, 'plan')).toBe(true);
	});

	it('revoking refuses the very next request, and the history keeps every decision', async () => {
		const karenUser = await asUser(karenId);
		await changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'revoke');
		await expect(authorize(database.db, karenUser, users['demo-ali'].id, 'plan', 'read')).rejects.toMatchObject({
			reason: 'delegation_revoked',
			status: 403
		});
		await expect(
			changeRelative(database.db, await own('demo-ali', 'write'), delegationId, 'resume')
		).rejects.toMatchObject({
			code: 'conflict'
		});
		const kinds = (await decisionsOf(database.db, users['demo-ali'].id)).map((d) => d.kind).reverse();
		expect(kinds).toEqual([
			'relative_invited',
			'relative_accepted',
			'relative_confirmed',
			'relative_scopes_changed',
			'relative_renewed',
			'relative_paused',
			'relative_resumed',
			'relative_revoked'
		]);
		const accepted = (await decisionsOf(database.db, users['demo-ali'].id)).find((d) => d.kind === 'relative_accepted');
		expect(accepted?.actorId).toBe(karenId);
	});

	it('a known person accepts with their own login; a citizen’s login and one’s own code are refused', async () => {
		const { code: forJens } = await inviteRelative(database.db, await own('demo-mette', 'write'), {
			label: 'Nabo',
			scopes: ['meetings']
		});
		expect(await acceptInvitation(database.db, forJens, users['demo-mette'].id)).toEqual({ ok: false, reason: 'own' });
		expect(await acceptInvitation(database.db, forJens, users['demo-sara'].id)).toEqual({
			ok: false,
			reason: 'citizen'
		});
		const accepted = await acceptInvitation(database.db, forJens, users['demo-jens'].id);
		expect(accepted).toMatchObject({ ok: true, citizenId: users['demo-mette'].id });
		// Jens keeps Sara's access; Mette's waits for her yes.
		expect(await canRead(database.db, users['demo-jens'], users['demo-sara'].id, 'plan')).toBe(true);
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-mette'].id, 'meetings', 'read')
		).rejects.toMatchObject({
			reason: 'delegation_pending'
		});
	});

	it('a professional cannot accept: their account is the organisation’s, not a private relative’s', async () => {
		const { code: forLone, delegation } = await inviteRelative(database.db, await own('demo-sara', 'write'), {
			label: 'Ven',
			scopes: ['plan']
		});
		expect(await acceptInvitation(database.db, forLone, users['demo-lone'].id)).toEqual({
			ok: false,
			reason: 'professional'
		});
		const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, users['demo-lone'].id));
		expect(roles.map((r) => r.role)).toEqual(['mentor']);
		// The invitation is untouched: the private person it was meant for can still use it.
		const [row] = await database.db.select().from(relativeDelegations).where(eq(relativeDelegations.id, delegation.id));
		expect(row.relativeId).toBeNull();
		expect(await invitationByCode(database.db, forLone)).not.toBeNull();
	});

	it('confirming a new access replaces an earlier one for the same relative', async () => {
		const sara = await own('demo-sara', 'write');
		const { code: second } = await inviteRelative(database.db, sara, { label: 'Far', scopes: ['plan', 'log'] });
		const accepted = await acceptInvitation(database.db, second, users['demo-jens'].id);
		if (!accepted.ok) throw new Error('not accepted');
		await changeRelative(database.db, sara, accepted.delegationId, 'confirm');
		const rows = await database.db
			.select()
			.from(relativeDelegations)
			.where(
				and(
					eq(relativeDelegations.citizenId, users['demo-sara'].id),
					eq(relativeDelegations.relativeId, users['demo-jens'].id)
				)
			);
		expect(rows.map((r) => r.status).sort()).toEqual(['active', 'revoked']);
		expect(await canRead(database.db, users['demo-jens'], users['demo-sara'].id, 'log')).toBe(true);
	});

	it('only the citizen manages their relatives', async () => {
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'relatives', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
		await expect(
			authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'relatives', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
	});
});

describe('a relative stopped and invited again', () => {
	const jensSees = () => delegationsOfRelative(database.db, users['demo-jens'].id);
	const isSupporter = async () =>
		(
			await database.db.select().from(consentSupporters).where(eq(consentSupporters.citizenId, users['demo-sara'].id))
		).filter((s) => s.supporterId === users['demo-jens'].id && !s.revokedAt).length > 0;
	const inForce = async () =>
		(await relativesOf(database.db, await own('demo-sara', 'read'))).find(
			(r) => r.name === 'Jens Nielsen' && r.state === 'active'
		)!;

	it('uses the new access: one row per citizen, and the policy takes the delegation in force', async () => {
		const sara = await own('demo-sara', 'write');
		const before = await inForce();
		expect(before.alsoSupporter).toBe(true);
		// Stopped, keeping him as her bisidder.
		const stopped = await revokeRelative(database.db, sara, before.id, { keepSupporter: true });
		expect(stopped.supporterEnded).toBe(false);
		expect(await isSupporter()).toBe(true);
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'plan', 'read')
		).rejects.toMatchObject({ reason: 'delegation_revoked' });

		const { code } = await inviteRelative(database.db, sara, { label: 'Far', scopes: ['plan', 'meetings'] });
		const accepted = await acceptInvitation(database.db, code, users['demo-jens'].id);
		if (!accepted.ok) throw new Error('not accepted');
		// Waiting for her yes: Jens's list has Sara once, with the new access (not the stopped one).
		expect((await jensSees()).filter((d) => d.citizenId === users['demo-sara'].id)).toMatchObject([
			{ id: accepted.delegationId, status: 'pending' }
		]);
		await changeRelative(database.db, sara, accepted.delegationId, 'confirm');

		const rows = (await jensSees()).filter((d) => d.citizenId === users['demo-sara'].id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id: accepted.delegationId, status: 'active' });
		expect(new Set((await jensSees()).map((d) => d.citizenId)).size).toBe((await jensSees()).length);
		const grant = await authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'plan', 'read');
		expect(grant.relation).toMatchObject({ kind: 'relative', delegationId: accepted.delegationId });
		expect(await relativeHasScope(database.db, users['demo-jens'].id, users['demo-sara'].id, 'meetings')).toBe(true);
		// Sara's own list keeps the history: one row per delegation, the stopped one among the ended.
		const list = await relativesOf(database.db, await own('demo-sara', 'read'));
		expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
		expect(list.find((r) => r.id === before.id)?.state).toBe('revoked');
	});

	it('stopping a relative ends their supporter role too, unless the citizen keeps it', async () => {
		const sara = await own('demo-sara', 'write');
		const stoette = () =>
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'consent_questions', 'read');
		await expect(stoette()).resolves.toMatchObject({ relation: { kind: 'supporter' } });
		const current = await inForce();
		expect(current.alsoSupporter).toBe(true);
		const stopped = await revokeRelative(database.db, sara, current.id);
		expect(stopped.supporterEnded).toBe(true);
		expect(await isSupporter()).toBe(false);
		await expect(stoette()).rejects.toMatchObject({ status: 403, reason: 'delegation_revoked' });
		const history = await decisionsOf(database.db, users['demo-sara'].id);
		expect(history.filter((d) => d.kind === 'supporter_removed')).toHaveLength(1);
	});
});
