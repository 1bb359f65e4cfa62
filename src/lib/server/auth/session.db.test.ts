import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { people, personRoles, sessions } from '../db/schema';
import {
	INACTIVITY_MINUTES,
	createSession,
	deviceLabelFrom,
	endOtherSessions,
	endOwnSession,
	listSessions,
	validateSessionToken
} from './session';

let database: OpenDatabase;
let personId: string;
let otherId: string;
const t0 = new Date('2026-11-25T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

beforeAll(async () => {
	database = await createTestDb();
	const [sara, ali] = await database.db
		.insert(people)
		.values([
			{ displayName: 'Sara N', givenName: 'Sara' },
			{ displayName: 'Ali H', givenName: 'Ali' }
		])
		.returning();
	personId = sara.id;
	otherId = ali.id;
	await database.db.insert(personRoles).values({ personId, role: 'citizen' });
});
afterAll(async () => database?.close());

describe('sessions', () => {
	it('stores only a hash of the secret, and the token validates to the person with roles', async () => {
		const { token } = await createSession(
			database.db,
			{ personId, loa: 'substantial', deviceLabel: 'Chrome · Android' },
			t0
		);
		const [id, secret] = token.split('.');
		const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
		expect(row.secretHash).not.toContain(secret);
		expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
		const valid = await validateSessionToken(database.db, token, minutes(1));
		expect(valid?.user).toMatchObject({ id: personId, roles: ['citizen'], loa: 'substantial' });
	});

	it('refuses a tampered, malformed or unknown token', async () => {
		const { token } = await createSession(database.db, { personId, loa: 'substantial', deviceLabel: '' }, t0);
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(database.db, `${id}.${flipped}`, minutes(1))).toBeNull();
		expect(await validateSessionToken(database.db, 'garbage', minutes(1))).toBeNull();
		expect(await validateSessionToken(database.db, `${id}.${secret}.x`, minutes(1))).toBeNull();
		expect(await validateSessionToken(database.db, `${'a'.repeat(24)}.${secret}`, minutes(1))).toBeNull();
	});

	it('ends after the inactivity window and slides while in use', async () => {
		const { token } = await createSession(database.db, { personId, loa: 'substantial', deviceLabel: '' }, t0);
		// In use every 20 minutes: still valid after longer than one window.
		expect(await validateSessionToken(database.db, token, minutes(20))).not.toBeNull();
		expect(await validateSessionToken(database.db, token, minutes(40))).not.toBeNull();
		// Then nothing for longer than the window: gone, and the row is deleted.
		expect(await validateSessionToken(database.db, token, minutes(40 + INACTIVITY_MINUTES + 1))).toBeNull();
		const [id] = token.split('.');
		expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
	});

	it('lets a person end their own other sessions but not someone else’s', async () => {
		await database.db.delete(sessions);
		const current = await createSession(database.db, { personId, loa: 'substantial', deviceLabel: 'A' }, t0);
		const other = await createSession(database.db, { personId, loa: 'substantial', deviceLabel: 'B' }, t0);
		const foreign = await createSession(database.db, { personId: otherId, loa: 'substantial', deviceLabel: 'C' }, t0);
		expect(await endOwnSession(database.db, personId, foreign.session.id)).toBe(false);
		expect(await listSessions(database.db, personId)).toHaveLength(2);
		expect(await endOtherSessions(database.db, personId, current.session.id)).toBe(1);
		expect((await listSessions(database.db, personId)).map((s) => s.id)).toEqual([current.session.id]);
		expect(await validateSessionToken(database.db, other.token, minutes(1))).toBeNull();
		expect(await validateSessionToken(database.db, foreign.token, minutes(1))).not.toBeNull();
	});

	it('labels devices without keeping the user agent', () => {
		expect(
			deviceLabelFrom('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36')
		).toBe('Chrome · Android');
		expect(deviceLabelFrom(null)).toBe('');
	});
});
