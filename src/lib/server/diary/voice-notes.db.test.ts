import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, diaryEntries, media, subgoalNotes } from '../db/schema';
import { AccessDenied, authorize } from '../policy';
import { mediaAccess } from '../policy/media';
import type { SessionUser } from '../auth/session';
import { planOverview } from '../plan/service';
import { replay, syncRequestSchema, type SyncAudio } from '../sync/service';
import { mediaToServe } from '../media/service';
import { mediaSection } from '../media/export';
import { setSharing } from './service';
import { addTopic, topicPage, topicsFor } from '../topics/service';
import { checkedAudio } from '../media/audio-check';
import { FieldError } from '../../errors';
import { demoUser } from '../../../../tests/support/demo-user';

/**
 * Voice notes end to end below the HTTP layer: a diary page and a delmål note sent from the outbox
 * with a real recording are stored once with it, in one transaction; a file that is not a
 * recording, or is too long, refuses the whole item and stores nothing; the recording is served
 * exactly as the page is shared (to Lone only while Sara shares it), and the note's with the plan.
 */

let database: OpenDatabase;
let sara: SessionUser;
let lone: SessionUser;
let subgoalId: string;
const webm = new Uint8Array(readFileSync('tests/fixtures/audio/opus-2s.webm'));

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	sara = await demoUser(database.db, 'demo-sara');
	lone = await demoUser(database.db, 'demo-lone');
	const plan = await planOverview(database.db, await authorize(database.db, sara, sara.id, 'plan', 'read'));
	subgoalId = plan.goals.flatMap((g) => g.subgoals)[0].id;
});
afterAll(async () => database?.close());

function send(
	item: { id: string; kind: string; payload: Record<string, unknown> },
	bytes: Uint8Array,
	type = 'audio/webm'
) {
	const { items } = v.parse(syncRequestSchema, { items: [item] });
	const audio: SyncAudio = { itemId: item.id, bytes, claimedType: type };
	return replay(database.db, sara, sara.id, items, audio);
}
const mediaOfRow = (id: string) => database.db.select().from(media).where(eq(media.subjectId, id));

describe('voice notes', () => {
	it('a diary page with a recording is stored once, with it; a replay stores nothing more', async () => {
		const item = { id: crypto.randomUUID(), kind: 'diary', payload: { mood: 4, text: null } };
		expect(await send(item, webm)).toEqual([{ id: item.id, status: 'stored' }]);
		expect(await send(item, webm)).toEqual([{ id: item.id, status: 'duplicate' }]);
		const rows = await mediaOfRow(item.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			kind: 'audio',
			contentType: 'audio/webm',
			subjectType: 'diary_entry',
			citizenId: sara.id,
			byteSize: webm.byteLength
		});
		expect(Math.abs(rows[0].durationMs! - 2000)).toBeLessThan(400);

		// In the citizen's export, with the page it belongs to and the sound itself.
		const part = (await mediaSection.load({ db: database.db, citizenId: sara.id, now: new Date() })).json(() => 'Sara');
		const exported = part.media.find((m) => m.id === rows[0].id);
		expect(exported).toMatchObject({
			kind: 'audio',
			contentType: 'audio/webm',
			belongsTo: { type: 'diary_entry', id: item.id }
		});
		expect(Buffer.from(exported!.base64, 'base64').equals(Buffer.from(webm))).toBe(true);
	});

	it('HTML named .webm, or three minutes: refused with a plain reason, neither text nor sound stored', async () => {
		const late = new Uint8Array([...webm, 0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
		const threeMinutes = new Uint8Array([...late, 0xe7, 0x84, 0x00, 0x02, 0xbf, 0x20, 0xa3, 0x84, 0x81, 0, 0, 0x80]);
		for (const [bytes, reason] of [
			[new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), 'voice.refused.notAudio'],
			[threeMinutes, 'voice.refused.tooLong']
		] as const) {
			const item = { id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: 'Det skal ikke gemmes halvt' } };
			expect(await send(item, bytes)).toEqual([{ id: item.id, status: 'invalid', reason }]);
			expect(await database.db.select().from(diaryEntries).where(eq(diaryEntries.id, item.id))).toEqual([]);
			expect(await mediaOfRow(item.id)).toEqual([]);
		}
	});

	it('a diary recording is served exactly as the page is shared: to Sara, to Lone only while shared', async () => {
		const item = { id: crypto.randomUUID(), kind: 'diary', payload: { mood: 2, text: 'Hør her' } };
		await send(item, webm);
		const [{ id: mediaId }] = await mediaOfRow(item.id);

		const own = await mediaAccess(database.db, sara, mediaId);
		expect((await mediaToServe(database.db, own)).contentType).toBe('audio/webm');
		await expect(mediaAccess(database.db, lone, mediaId)).rejects.toBeInstanceOf(AccessDenied);

		const write = await authorize(database.db, sara, sara.id, 'diary', 'write');
		await setSharing(database.db, write, item.id, lone.id, true);
		const asLone = await mediaAccess(database.db, lone, mediaId);
		expect(Buffer.from((await mediaToServe(database.db, asLone)).bytes).equals(Buffer.from(webm))).toBe(true);
		// Lone's read is in Sara's access log, naming the page it belongs to.
		const logged = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.actorId, lone.id), eq(accessLog.resourceId, item.id)));
		expect(logged.length).toBeGreaterThan(0);

		await setSharing(database.db, write, item.id, lone.id, false);
		await expect(mediaAccess(database.db, lone, mediaId)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('a delmål note may be only spoken; its recording goes with the plan (Lone reads the plan)', async () => {
		const item = { id: crypto.randomUUID(), kind: 'note', payload: { subgoalId, text: null } };
		expect(await send(item, webm)).toEqual([{ id: item.id, status: 'stored' }]);
		const [note] = await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.id, item.id));
		expect(note.text).toBe('');
		const [{ id: mediaId }] = await mediaOfRow(item.id);
		expect((await mediaAccess(database.db, lone, mediaId)).grant.resource).toBe('plan');

		// Without a recording a note still needs its text.
		const bare = { id: crypto.randomUUID(), kind: 'note', payload: { subgoalId, text: null } };
		const { items } = v.parse(syncRequestSchema, { items: [bare] });
		expect((await replay(database.db, sara, sara.id, items))[0]).toMatchObject({ status: 'invalid' });
	});

	it('a topic may be only spoken: Lone hears it with the topic, it goes with the photos after the meeting', async () => {
		const write = await authorize(database.db, sara, sara.id, 'topics', 'write');
		const { nextMeetingId } = await topicPage(database.db, write);
		const input = { meetingId: nextMeetingId!, text: null, private: false };
		await expect(addTopic(database.db, write, input, [])).rejects.toBeInstanceOf(FieldError);
		const topic = await addTopic(database.db, write, input, [], new Date(), checkedAudio(webm, 'audio/webm'));
		const read = await authorize(database.db, lone, sara.id, 'topics', 'read');
		const seen = (await topicsFor(database.db, read, [nextMeetingId!])).find((t) => t.id === topic.id);
		expect(seen).toMatchObject({ photos: [], audio: { id: expect.any(String) } });
		expect((await mediaAccess(database.db, lone, seen!.audio!.id)).grant.resource).toBe('topics');
		const [row] = await mediaOfRow(topic.id);
		expect(row.deleteAfter).not.toBeNull();
	});
});
