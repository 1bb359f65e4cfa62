import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, SEEDED_AT_FIXED } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { loginIdentities, organisations, personRoles } from '../db/schema';
import { AccessDenied, authorizeOperations, type OperationsGrant } from '../policy';
import type { SessionUser } from '../auth/session';
import { MAX_VIDEO_HOSTS } from '../../meetings/video-hosts';
import { addVideoHost, removeVideoHost, videoHostsOf } from './video-hosts';

// The date the shared seeded template is seeded at (test-templates.ts).
const NOW = SEEDED_AT_FIXED;
let database: OpenDatabase;

async function user(subject: string): Promise<SessionUser> {
	const [identity] = await database.db.select().from(loginIdentities).where(eq(loginIdentities.subject, subject));
	const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	return {
		id: identity.personId,
		displayName: subject,
		givenName: subject,
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
}

async function orgId(name: string) {
	const [row] = await database.db.select().from(organisations).where(eq(organisations.name, name));
	return row.id;
}

let admin: OperationsGrant<'video_hosts', 'write'>;
const users: Record<string, SessionUser> = {};

beforeAll(async () => {
	database = await createTestDb({ seeded: NOW });
	for (const s of ['demo-lone', 'demo-sara', 'demo-jens']) users[s] = await user(s);
	admin = authorizeOperations(await user('demo-admin'), 'video_hosts', 'write');
});
afterAll(async () => database?.close());

describe('the video allow-list', () => {
	it('is changed only by administrators', async () => {
		for (const subject of ['demo-lone', 'demo-sara', 'demo-jens'])
			expect(() => authorizeOperations(users[subject], 'video_hosts', 'read'), subject).toThrow(AccessDenied);
		const lone = await user('demo-lone');
		expect(() => authorizeOperations(lone, 'video_hosts', 'write')).toThrow(AccessDenied);
		expect(() =>
			authorizeOperations({ ...(lone as SessionUser), roles: ['admin'], loa: 'low' }, 'video_hosts', 'read')
		).toThrow(AccessDenied);
	});

	it('lists the administrator’s own organisations, and never another’s', async () => {
		const listed = await videoHostsOf(database.db, admin);
		expect(listed.map((o) => o.name)).toEqual(['Center for Psykiatri, Ådal Kommune', 'Jobcenter Ådal', 'Ådal Kommune']);
		expect(listed[1].hosts).toEqual(['video.kommune.dk', 'meet.kommune.dk']);
		const cbr = await orgId('Center for Beskæftigelse og Rehabilitering (CBR)');
		await expect(addVideoHost(database.db, admin, cbr, 'evil.example')).rejects.toMatchObject({ code: 'not_found' });
		await expect(removeVideoHost(database.db, admin, cbr, 'video.kommune.dk')).rejects.toMatchObject({
			code: 'not_found'
		});
		const [row] = await database.db.select().from(organisations).where(eq(organisations.id, cbr));
		expect(row.videoHostAllowlist).toEqual(['video.kommune.dk', 'meet.kommune.dk']);
	});

	// A read grant cannot write: the compiler refuses it (tests/unit/grant-types.test.ts).
	it('adds a host once and removes it', async () => {
		const jobcenter = await orgId('Jobcenter Ådal');
		expect(await addVideoHost(database.db, admin, jobcenter, 'video.region.dk')).toMatchObject({ added: true });
		expect(await addVideoHost(database.db, admin, jobcenter, 'video.region.dk')).toMatchObject({ added: false });
		let [row] = await database.db.select().from(organisations).where(eq(organisations.id, jobcenter));
		expect(row.videoHostAllowlist).toEqual(['meet.kommune.dk', 'video.kommune.dk', 'video.region.dk']);

		expect(await removeVideoHost(database.db, admin, jobcenter, 'video.region.dk')).toMatchObject({ removed: true });
		[row] = await database.db.select().from(organisations).where(eq(organisations.id, jobcenter));
		expect(row.videoHostAllowlist).toEqual(['meet.kommune.dk', 'video.kommune.dk']);
	});

	it('holds at most a fixed number of hosts', async () => {
		const kommune = await orgId('Ådal Kommune');
		for (let i = 0; i < MAX_VIDEO_HOSTS - 2; i++) await addVideoHost(database.db, admin, kommune, `v${i}.kommune.dk`);
		await expect(addVideoHost(database.db, admin, kommune, 'one-more.kommune.dk')).rejects.toMatchObject({
			code: 'conflict'
		});
		const [row] = await database.db.select().from(organisations).where(eq(organisations.id, kommune));
		expect(row.videoHostAllowlist).toHaveLength(MAX_VIDEO_HOSTS);
	});
});
