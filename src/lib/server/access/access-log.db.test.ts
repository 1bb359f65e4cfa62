import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, consentDecisions, diaryEntries, loginIdentities, personRoles } from '../db/schema';
import { authorize } from '../policy';
import type { SessionUser } from '../auth/session';
import { recordDecision } from '../consent/decisions';
import { accessLogFor } from './service';

/** "Who has seen my data": what the citizen sees, and that the rows cannot be rewritten. */

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};

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

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-jens', 'demo-lone', 'demo-ali']) users[s] = await user(s);
});
afterAll(async () => database?.close());

/** The database error underneath drizzle's wrapper (PGlite and postgres.js both carry the message). */
async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'accepted';
	} catch (error) {
		const e = error as { message?: string; cause?: { message?: string } };
		return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
	}
}

describe('access log page', () => {
	it('lists reads by others, newest first, with who, role and what, a page at a time', async () => {
		const sara = users['demo-sara'].id;
		const base = Date.parse('2026-11-20T10:00:00Z');
		for (let i = 0; i < 25; i++) {
			await authorize(
				database.db,
				users[i % 2 ? 'demo-jens' : 'demo-lone'],
				sara,
				i % 3 ? 'plan' : 'meetings',
				'read',
				{
					now: new Date(base + i * 60_000)
				}
			);
		}
		// The citizen's own reads are not in the log.
		await authorize(database.db, users['demo-sara'], sara, 'plan', 'read');

		const own = await authorize(database.db, users['demo-sara'], sara, 'access_log', 'read');
		const first = await accessLogFor(database.db, own, { page: 1 });
		expect(first.total).toBe(25);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(20);
		// The last read (i = 24) first: Lone looked at the meetings; before her, Jens at the plan.
		expect(first.rows[0]).toMatchObject({ who: 'Lone Berg', role: 'mentor', what: 'read.meetings' });
		expect(first.rows[1]).toMatchObject({ who: 'Jens Nielsen', role: 'relative', what: 'read.plan' });
		const times = first.rows.map((r) => r.at);
		expect([...times].sort().reverse()).toEqual(times);
		const second = await accessLogFor(database.db, own, { page: 2 });
		expect(second.rows).toHaveLength(5);
		expect(second.rows.at(-1)?.at).toBe(new Date(base).toISOString());
		// A page past the end shows the last page.
		expect((await accessLogFor(database.db, own, { page: 99 })).page).toBe(2);
	});

	it('names a diary page by its date only, and never another citizen’s', async () => {
		const sara = users['demo-sara'].id;
		const [entry] = await database.db.select().from(diaryEntries).where(eq(diaryEntries.citizenId, sara)).limit(1);
		await authorize(database.db, users['demo-lone'], sara, 'diary', 'read', { resourceId: entry.id });
		await authorize(database.db, users['demo-lone'], sara, 'diary', 'read', { resourceId: crypto.randomUUID() });
		const own = await authorize(database.db, users['demo-sara'], sara, 'access_log', 'read');
		const [unknown, dated] = (await accessLogFor(database.db, own)).rows;
		expect(dated).toMatchObject({ what: 'read.diaryDated', on: entry.writtenFor.toISOString() });
		expect(unknown).toMatchObject({ what: 'read.diary', on: null });
	});

	it('is only for the citizen', async () => {
		const sara = users['demo-sara'].id;
		await expect(authorize(database.db, users['demo-lone'], sara, 'access_log', 'read')).rejects.toMatchObject({
			reason: 'not_allowed'
		});
		await expect(authorize(database.db, users['demo-jens'], sara, 'access_log', 'read')).rejects.toMatchObject({
			reason: 'not_allowed'
		});
	});
});

describe('append-only (database trigger)', () => {
	it('refuses UPDATE of any access-log row', async () => {
		const [row] = await database.db.select().from(accessLog).limit(1);
		const message = await refusal(
			database.db.update(accessLog).set({ resource: 'nothing' }).where(eq(accessLog.id, row.id))
		);
		expect(message).toMatch(/append-only/);
		const [after] = await database.db.select().from(accessLog).where(eq(accessLog.id, row.id));
		expect(after.resource).toBe(row.resource);
	});

	it('refuses DELETE of rows younger than 2 years, and TRUNCATE', async () => {
		const before = (await database.db.select().from(accessLog)).length;
		expect(await refusal(database.db.delete(accessLog))).toMatch(/kept for 2 years/);
		expect(await refusal(database.db.execute(sql`truncate access_log`))).toMatch(/append-only/);
		expect((await database.db.select().from(accessLog)).length).toBe(before);
	});

	it('lets rows older than the retention period go (for the retention job)', async () => {
		const sara = users['demo-sara'].id;
		const old = new Date(Date.now() - 3 * 365 * 86_400_000);
		await database.db.insert(accessLog).values({
			citizenId: sara,
			actorId: users['demo-lone'].id,
			actorRole: 'mentor',
			action: 'read',
			resource: 'plan',
			at: old
		});
		const gone = await database.db
			.delete(accessLog)
			.where(sql`${accessLog.at} < now() - interval '2 years'`)
			.returning();
		expect(gone).toHaveLength(1);
	});

	it('keeps the history of consent decisions the same way', async () => {
		const decision = await recordDecision(database.db, {
			citizenId: users['demo-ali'].id,
			actorId: users['demo-ali'].id,
			kind: 'relative_invited'
		});
		expect(
			await refusal(
				database.db
					.update(consentDecisions)
					.set({ kind: 'relative_revoked' })
					.where(eq(consentDecisions.id, decision.id))
			)
		).toMatch(/append-only/);
		expect(await refusal(database.db.delete(consentDecisions).where(eq(consentDecisions.id, decision.id)))).toMatch(
			/kept for 2 years/
		);
	});
});
