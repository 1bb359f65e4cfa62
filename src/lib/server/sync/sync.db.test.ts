import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	crisisPlans,
	diaryEntries,
	logComments,
	logEntries,
	loginIdentities,
	personRoles,
	subgoalNotes
} from '../db/schema';
import { seedDemo } from '../seed';
import { authorize } from '../policy';
import type { SessionUser } from '../auth/session';
import { formFields, parseForm } from '../../validation';
import { diaryEditSchema } from '../../diary/schemas';
import { logCommentSchema } from '../../logbook/schemas';
import { subgoalNoteSchema } from '../../plan/schemas';
import { editEntry, writeEntry } from '../diary/service';
import { commentOnEntry } from '../logbook/service';
import { addSubgoalNote } from '../plan/citizen-actions';
import { planOverview } from '../plan/service';
import { formAction } from '../forms/form-action';
import { saveCrisisPlanOf } from '../crisis/service';
import { crisisPlanSchema } from '../../crisis/schemas';
import { redirect } from '@sveltejs/kit';
import { replay, syncRequestSchema } from './service';
import * as v from 'valibot';

let database: OpenDatabase;
let mette: SessionUser;
let subgoalId: string;

/** Text as a broken clipboard or an attacker sends it: NUL, a bell, CR LF and a right-to-left override. */
const DIRTY = 'Godt\u0000 i\u0007 dag\r\nmed \u202eSara\u202c';
const CLEAN = 'Godt i dag\nmed Sara';

beforeAll(async () => {
	database = await createTestDb();
	await seedDemo(database.db, { issuer: 'http://idp.test' });
	const [identity] = await database.db.select().from(loginIdentities).where(eq(loginIdentities.subject, 'demo-mette'));
	const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	mette = {
		id: identity.personId,
		displayName: 'Mette',
		givenName: 'Mette',
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
	const plan = await planOverview(database.db, await authorize(database.db, mette, mette.id, 'plan', 'read'));
	subgoalId = plan.goals.flatMap((g) => g.subgoals)[0].id;
});
afterAll(async () => database?.close());

const diaryItem = (text: string | number, id: string = crypto.randomUUID()) => ({
	id,
	kind: 'diary',
	payload: { mood: 3, text }
});

describe('the outbox replay answers per entry', () => {
	it('one bad entry among good ones: the good are stored, the bad refused with a reason; a replay says "already stored"', async () => {
		const items = [
			diaryItem('Første gode side'),
			diaryItem('x'.repeat(20_000)),
			diaryItem('Anden gode side med 😀'),
			{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 9 } },
			{ id: crypto.randomUUID(), kind: 'spaceship', payload: {} },
			{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: { nested: true } } },
			diaryItem('Tredje gode side')
		];
		const batch = v.parse(syncRequestSchema, { items });
		const first = await replay(database.db, mette, mette.id, batch.items);
		expect(first.map((r) => [r.status, r.reason])).toEqual([
			['stored', undefined],
			['invalid', 'validation.tooLong'],
			['stored', undefined],
			['invalid', 'validation.moodNeeded'],
			['invalid', 'validation.unknown'],
			['invalid', 'validation.unknown'],
			['stored', undefined]
		]);
		for (const [index, stored] of [
			[0, true],
			[1, false],
			[2, true],
			[6, true]
		] as const) {
			const rows = await database.db.select().from(diaryEntries).where(eq(diaryEntries.id, items[index].id));
			expect(rows, `item ${index}`).toHaveLength(stored ? 1 : 0);
		}

		const again = await replay(database.db, mette, mette.id, batch.items);
		expect(again.map((r) => r.status)).toEqual([
			'duplicate',
			'invalid',
			'duplicate',
			'invalid',
			'invalid',
			'invalid',
			'duplicate'
		]);
	});

	it('a NUL in an entry is cleaned and stored (PostgreSQL refuses it raw: that was the 500)', async () => {
		const grant = await authorize(database.db, mette, mette.id, 'diary', 'write');
		await expect(
			writeEntry(database.db, grant, {
				id: crypto.randomUUID(),
				mood: 3,
				text: 'a\u0000b',
				copingStrategyId: null,
				subgoalId: null,
				writtenFor: null
			})
		).rejects.toThrow();

		const item = diaryItem(DIRTY);
		const good = diaryItem('Efter den med NUL');
		const results = await replay(database.db, mette, mette.id, [item, good]);
		expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
		const [row] = await database.db.select().from(diaryEntries).where(eq(diaryEntries.id, item.id));
		expect(row.text).toBe(CLEAN);
		// The phone sends the same dirty text again after a lost answer: the same entry, not a conflict.
		expect((await replay(database.db, mette, mette.id, [item]))[0].status).toBe('duplicate');
	});

	it('an id already used for other content is refused as a conflict, with a reason', async () => {
		const id = crypto.randomUUID();
		await replay(database.db, mette, mette.id, [diaryItem('Først', id)]);
		const [result] = await replay(database.db, mette, mette.id, [diaryItem('Noget andet', id)]);
		expect(result).toMatchObject({ status: 'conflict', reason: 'validation.conflict' });
	});
});

/** A form post as the browser sends it. */
function post(fields: Record<string, string>): Request {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	return new Request('http://app.test/', { method: 'POST', body: form });
}

describe('NUL, control and bidi characters through the forms are cleaned and stored', () => {
	it('/plan?/note', async () => {
		const grant = await authorize(database.db, mette, mette.id, 'plan', 'write');
		const result = await formAction(
			{ request: post({ subgoalId, text: DIRTY }) },
			{
				action: 'note',
				schema: subgoalNoteSchema,
				target: 'subgoalId',
				run: (data) => addSubgoalNote(database.db, grant, { ...data, id: data.id ?? crypto.randomUUID() })
			}
		);
		expect(result).toMatchObject({ done: true });
		const notes = await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.subgoalId, subgoalId));
		expect(notes.map((n) => n.text)).toContain(CLEAN);
	});

	it('/logbog?/comment', async () => {
		const [entry] = await database.db.select().from(logEntries).where(eq(logEntries.citizenId, mette.id));
		const grant = await authorize(database.db, mette, mette.id, 'log', 'write');
		const parsed = parseForm(
			logCommentSchema,
			formFields(await post({ entryId: entry.id, text: DIRTY }).formData()).values
		);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) await commentOnEntry(database.db, grant, parsed.data);
		const comments = await database.db
			.select()
			.from(logComments)
			.where(and(eq(logComments.entryId, entry.id), isNotNull(logComments.text)));
		expect(comments.map((c) => c.text)).toContain(CLEAN);
	});

	it('/kriseplan/rediger?/plan', async () => {
		const grant = await authorize(database.db, mette, mette.id, 'crisis_plan', 'write');
		const [before] = await database.db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, mette.id));
		const saved = formAction(
			{ request: post({ warningSigns: DIRTY, whatHelps: '\u0000', version: String(before?.version ?? 1) }) },
			{
				action: 'plan',
				schema: crisisPlanSchema,
				run: async (data) => {
					await saveCrisisPlanOf(database.db, grant, data);
					redirect(303, '/kriseplan');
				}
			}
		);
		await expect(saved).rejects.toMatchObject({ status: 303, location: '/kriseplan' });
		const [after] = await database.db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, mette.id));
		expect([after.warningSigns, after.whatHelps]).toEqual([CLEAN, '']);
	});

	it('editing a diary entry', async () => {
		const item = diaryItem('Før');
		await replay(database.db, mette, mette.id, [item]);
		const grant = await authorize(database.db, mette, mette.id, 'diary', 'write');
		const values = formFields(await post({ mood: '4', text: DIRTY, version: '1' }).formData()).values;
		const parsed = parseForm(diaryEditSchema, { ...values, id: item.id });
		expect(parsed.ok).toBe(true);
		if (parsed.ok) await editEntry(database.db, grant, parsed.data);
		const [row] = await database.db.select().from(diaryEntries).where(eq(diaryEntries.id, item.id));
		expect(row.text).toBe(CLEAN);
	});
});
