import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, gt, max } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, diaryEntries, diaryEntryVersions, loginIdentities, personRoles } from '../db/schema';
import { AccessDenied, authorize, type Action, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError, StaleWriteError } from '../../errors';
import { commentOnEntry, logFor, markSeen, writeLogEntry } from '../logbook/service';
import {
	diaryPage,
	editEntry,
	entriesSharedWith,
	moodStrip,
	ownEntries,
	setSharing,
	sharedEntry,
	writeEntry
} from './service';
import { diaryFormOptions } from './form-options';
import { shareTargets } from './share-targets';

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
const grant = <R extends Resource, A extends Action>(actor: string, citizen: string, resource: R, action: A) =>
	authorize(database.db, users[actor], users[citizen].id, resource, action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-mette', 'demo-sara', 'demo-birgitte', 'demo-lone', 'demo-jens', 'demo-peter'])
		users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('diary', () => {
	it('stores an entry once, however often the device sends it', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'diary', 'write');
		const id = crypto.randomUUID();
		const entry = {
			id,
			mood: 4 as const,
			text: 'Jeg fik handlet ind.',
			copingStrategyId: null,
			subgoalId: null,
			writtenFor: null
		};
		const results = [
			await writeEntry(database.db, g, entry),
			await writeEntry(database.db, g, entry),
			await writeEntry(database.db, g, entry)
		];
		expect(results.map((r) => r.created)).toEqual([true, false, false]);
		expect(await database.db.select().from(diaryEntries).where(eq(diaryEntries.id, id))).toHaveLength(1);
	});

	it('refuses an id reused for other content, another citizen’s id, and an unknown delmål', async () => {
		const mette = await grant('demo-mette', 'demo-mette', 'diary', 'write');
		const id = crypto.randomUUID();
		await writeEntry(database.db, mette, {
			id,
			mood: 3,
			text: 'Første',
			copingStrategyId: null,
			subgoalId: null,
			writtenFor: null
		});
		await expect(
			writeEntry(database.db, mette, {
				id,
				mood: 3,
				text: 'Anden',
				copingStrategyId: null,
				subgoalId: null,
				writtenFor: null
			})
		).rejects.toMatchObject({
			code: 'conflict'
		});
		const sara = await grant('demo-sara', 'demo-sara', 'diary', 'write');
		await expect(
			writeEntry(database.db, sara, {
				id,
				mood: 3,
				text: 'Første',
				copingStrategyId: null,
				subgoalId: null,
				writtenFor: null
			})
		).rejects.toMatchObject({
			code: 'conflict'
		});
		await expect(
			writeEntry(database.db, mette, {
				id: crypto.randomUUID(),
				mood: 2,
				text: 'x',
				copingStrategyId: null,
				subgoalId: crypto.randomUUID(),
				writtenFor: null
			})
		).rejects.toBeInstanceOf(DomainError);
	});

	it('keeps the earlier version when an entry is edited; a stale edit is refused', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'diary', 'write');
		const id = crypto.randomUUID();
		await writeEntry(database.db, g, {
			id,
			mood: 2,
			text: 'Svær dag.',
			copingStrategyId: null,
			subgoalId: null,
			writtenFor: null
		});
		await editEntry(database.db, g, { id, mood: 3, text: 'Svær dag, men bedre om aftenen.', version: 1 });
		await expect(editEntry(database.db, g, { id, mood: 1, text: 'gammel', version: 1 })).rejects.toBeInstanceOf(
			StaleWriteError
		);
		const versions = await database.db.select().from(diaryEntryVersions).where(eq(diaryEntryVersions.entryId, id));
		expect(versions.map((v) => [v.version, v.text])).toEqual([[1, 'Svær dag.']]);
	});

	it('is private until shared; sharing and unsharing change what the professional sees on the next read', async () => {
		const mette = await grant('demo-mette', 'demo-mette', 'diary', 'write');
		const id = crypto.randomUUID();
		await writeEntry(database.db, mette, {
			id,
			mood: 5,
			text: 'Privat glæde.',
			copingStrategyId: null,
			subgoalId: null,
			writtenFor: null
		});
		const birgitteRead = () => grant('demo-birgitte', 'demo-mette', 'diary', 'read');
		expect((await entriesSharedWith(database.db, await birgitteRead())).map((e) => e.id)).not.toContain(id);

		await setSharing(database.db, mette, id, users['demo-birgitte'].id, true);
		expect(await sharedEntry(database.db, await birgitteRead(), id)).toMatchObject({ text: 'Privat glæde.' });
		const own = await ownEntries(database.db, await grant('demo-mette', 'demo-mette', 'diary', 'read'));
		expect(own.entries.find((e) => e.id === id)?.sharedWith.map((s) => s.id)).toEqual([users['demo-birgitte'].id]);

		await setSharing(database.db, mette, id, users['demo-birgitte'].id, false);
		expect(await sharedEntry(database.db, await birgitteRead(), id)).toBeNull();

		// Only people around the citizen can be chosen: not a mentor from elsewhere.
		await expect(setSharing(database.db, mette, id, users['demo-lone'].id, true)).rejects.toMatchObject({
			code: 'invalid'
		});
	});

	it('a professional’s read of the shared diary is in the access log; the citizen’s own is not', async () => {
		// The access log is append-only: count only the rows this test adds.
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		await grant('demo-mette', 'demo-mette', 'diary', 'read');
		await grant('demo-birgitte', 'demo-mette', 'diary', 'read');
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(gt(accessLog.id, last ?? 0));
		expect(rows.map((r) => [r.actorRole, r.resource])).toEqual([['support_worker', 'diary']]);
	});

	it('a relative without the shared-diary scope is refused; only the citizen may write', async () => {
		await expect(grant('demo-jens', 'demo-sara', 'diary', 'read')).rejects.toBeInstanceOf(AccessDenied);
		const birgitte = await grant('demo-birgitte', 'demo-mette', 'diary', 'read');
		await expect(ownEntries(database.db, birgitte)).rejects.toBeInstanceOf(DomainError);
	});

	it('draws the last four weeks as one face per day', async () => {
		const strip = await moodStrip(database.db, await grant('demo-mette', 'demo-mette', 'diary', 'read'));
		expect(strip).toHaveLength(28);
		expect(strip.filter((d) => d.mood !== null).length).toBeGreaterThan(3);
	});
});

describe('log', () => {
	it('is visible to the citizen, new until seen, and takes the citizen’s disagreement', async () => {
		const write = await grant('demo-birgitte', 'demo-mette', 'log', 'write');
		const entry = await writeLogEntry(database.db, write, {
			subgoalId: null,
			text: 'Mette ringede selv til lægen i dag.'
		});
		const citizenRead = await grant('demo-mette', 'demo-mette', 'log', 'read');
		const first = await logFor(database.db, citizenRead);
		expect(first.find((e) => e.id === entry.id)).toMatchObject({ isNew: true, author: expect.any(String) });
		await markSeen(database.db, citizenRead, [entry.id]);
		expect((await logFor(database.db, citizenRead)).find((e) => e.id === entry.id)?.isNew).toBe(false);

		const citizenWrite = await grant('demo-mette', 'demo-mette', 'log', 'write');
		await commentOnEntry(database.db, citizenWrite, {
			entryId: entry.id,
			text: 'Det var faktisk min søster, der ringede.',
			disagrees: true
		});
		const seenByProfessional = await logFor(database.db, await grant('demo-birgitte', 'demo-mette', 'log', 'read'));
		expect(seenByProfessional.find((e) => e.id === entry.id)?.comments).toEqual([
			expect.objectContaining({ disagrees: true, text: 'Det var faktisk min søster, der ringede.' })
		]);
	});

	it('only professionals write log entries', async () => {
		const citizenWrite = await grant('demo-mette', 'demo-mette', 'log', 'write');
		await expect(writeLogEntry(database.db, citizenWrite, { subgoalId: null, text: 'x' })).rejects.toBeInstanceOf(
			DomainError
		);
	});

	it('the diary page reads what its parts read one by one, with and without a delmål filter', async () => {
		const read = await grant('demo-sara', 'demo-sara', 'diary', 'read');
		const write = await grant('demo-sara', 'demo-sara', 'diary', 'write');
		const { subgoals } = await diaryFormOptions(database.db, users['demo-sara'].id);
		expect(subgoals.length).toBeGreaterThan(0);
		const entry = (subgoalId: string | null, text: string) => ({
			id: crypto.randomUUID(),
			mood: 3 as const,
			text,
			copingStrategyId: null,
			subgoalId,
			writtenFor: null
		});
		await writeEntry(database.db, write, entry(subgoals[0].id, 'Om delmålet'));
		await writeEntry(database.db, write, entry(null, 'Om noget andet'));
		const now = new Date();
		for (const subgoalId of [null, subgoals[0].id]) {
			const page = await diaryPage(database.db, read, { subgoalId, now });
			expect(page.own).toEqual(await ownEntries(database.db, read, { subgoalId }));
			expect(page.strip).toEqual(await moodStrip(database.db, read, { subgoalId, now }));
			expect(page.targets).toEqual(await shareTargets(database.db, users['demo-sara'].id, now));
			expect(page.options).toEqual(await diaryFormOptions(database.db, users['demo-sara'].id));
			const texts = page.own.entries.map((e) => e.text);
			expect(texts).toContain('Om delmålet');
			expect(texts.includes('Om noget andet')).toBe(subgoalId === null);
		}
	});
});
