import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt, lt, ne } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, media, meetings, topics } from '../db/schema';
import { AccessDenied, authorize } from '../policy';
import { mediaAccess } from '../policy/media';
import type { SessionUser } from '../auth/session';
import { checkImage } from '../media/image-check';
import { checkedAudio } from '../media/audio-check';
import { accessLogFor } from '../access/service';
import { topicRetentionDays } from '../media/limits';
import { writeMeetingChange } from '../meetings/service';
import { demoUser } from '../../../../tests/support/demo-user';
import { DomainError, FieldError } from '../../errors';
import { addTopic, deleteTopic, editTopic, markTalkedAbout, setAgreedAnswers, topicPage, topicsFor } from './service';

/**
 * "Det vil jeg gerne tale om" against the seeded database: Sara brings words and a photo to her
 * next meeting; Lone (her mentor, first in line: her contact person) and Peter (caseworker) see
 * it, a private one only Lone; Jens (her father, with the meetings scope) never. Bad input stores
 * nothing. Photos go some days after the meeting, also when the meeting moves.
 */

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const jpeg = new Uint8Array(readFileSync('tests/support/media/letter.jpg'));
const DAY = 86_400_000;
const photo = () => checkImage(jpeg);
const webm = new Uint8Array(readFileSync('tests/fixtures/audio/opus-2s.webm'));
const voice = () => checkedAudio(webm, 'audio/webm');

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-lone', 'demo-peter', 'demo-jens', 'demo-ali'])
		users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

const grant = <A extends 'read' | 'write'>(who: string, action: A) =>
	authorize(database.db, users[who], users['demo-sara'].id, 'topics', action);
const sara = () => grant('demo-sara', 'write');

async function meetingOf(citizen: string, when: 'next' | 'past') {
	const now = new Date();
	const [row] = await database.db
		.select()
		.from(meetings)
		.where(
			and(
				eq(meetings.citizenId, users[citizen].id),
				ne(meetings.status, 'cancelled'),
				when === 'next' ? gt(meetings.startsAt, now) : lt(meetings.endsAt, now)
			)
		)
		.orderBy(asc(meetings.startsAt))
		.limit(1);
	return row;
}

async function stored() {
	const [t, m] = await Promise.all([database.db.select().from(topics), database.db.select().from(media)]);
	return { topics: t.length, media: m.length };
}

describe('topics', () => {
	it('Sara adds words and a photo to her next meeting; Lone and Peter see it, Jens never', async () => {
		const next = await meetingOf('demo-sara', 'next');
		const page = await topicPage(database.db, await sara());
		// The next meeting not yet begun is among the choices (the one going on now is too).
		expect(page.meetings.map((m) => m.id)).toContain(next.id);
		const topic = await addTopic(
			database.db,
			await sara(),
			{ meetingId: next.id, text: 'Brev fra kommunen', private: false },
			[photo()]
		);
		for (const who of ['demo-lone', 'demo-peter']) {
			// The seed brings words to this meeting too: the new topic is found by its id.
			const seen = (await topicsFor(database.db, await grant(who, 'read'), [next.id])).find((t) => t.id === topic.id)!;
			expect(seen).toMatchObject({ id: topic.id, text: 'Brev fra kommunen', talkedAbout: false });
			expect(seen.photos).toHaveLength(1);
		}
		await expect(grant('demo-jens', 'read')).rejects.toBeInstanceOf(AccessDenied);
		const [row] = await database.db.select().from(media).where(eq(media.subjectId, topic.id));
		expect(row.deleteAfter?.getTime()).toBe(next.startsAt.getTime() + topicRetentionDays() * DAY);
	});

	it('a private topic and its photo: Sara and Lone (contact person) see it, Peter does not, and his try is logged as refused', async () => {
		const next = await meetingOf('demo-sara', 'next');
		const topic = await addTopic(
			database.db,
			await sara(),
			{ meetingId: next.id, text: 'Min økonomi', private: true },
			[photo()]
		);
		const ids = async (who: string) =>
			(await topicsFor(database.db, await grant(who, 'read'), [next.id])).map((t) => t.id);
		expect(await ids('demo-sara')).toContain(topic.id);
		expect(await ids('demo-lone')).toContain(topic.id);
		expect(await ids('demo-peter')).not.toContain(topic.id);
		const [picture] = await database.db.select().from(media).where(eq(media.subjectId, topic.id));
		await expect(mediaAccess(database.db, users['demo-lone'], picture.id)).resolves.toMatchObject({
			mediaId: picture.id
		});
		await expect(mediaAccess(database.db, users['demo-peter'], picture.id)).rejects.toBeInstanceOf(AccessDenied);
		await expect(mediaAccess(database.db, users['demo-jens'], picture.id)).rejects.toBeInstanceOf(AccessDenied);
		const log = await database.db
			.select({ actor: accessLog.actorId, outcome: accessLog.outcome, resource: accessLog.resource })
			.from(accessLog)
			.where(eq(accessLog.resourceId, topic.id));
		expect(log).toEqual(
			expect.arrayContaining([
				{ actor: users['demo-lone'].id, outcome: 'done', resource: 'topics' },
				{ actor: users['demo-peter'].id, outcome: 'refused', resource: 'topics' }
			])
		);
		// Sara's own look leaves no row.
		await mediaAccess(database.db, users['demo-sara'], picture.id);
		expect(log.filter((l) => l.actor === users['demo-sara'].id)).toEqual([]);
	});

	it('refuses bad input and stores nothing: another citizen’s meeting, a past one, no words and no photo, too many photos', async () => {
		const before = await stored();
		const [alis, past, next] = await Promise.all([
			meetingOf('demo-ali', 'next'),
			meetingOf('demo-sara', 'past'),
			meetingOf('demo-sara', 'next')
		]);
		const add = async (meetingId: string, text: string | null, photos = [photo()]) =>
			addTopic(database.db, await sara(), { meetingId, text, private: false }, photos).then(
				() => 'stored',
				(cause: unknown) =>
					cause instanceof FieldError ? cause.message : cause instanceof DomainError ? cause.code : cause
			);
		expect(await add(alis.id, 'Hej')).toBe('not_found');
		expect(await add(crypto.randomUUID(), 'Hej')).toBe('not_found');
		expect(await add(past.id, 'Hej')).toBe('topics.errors.meetingOver');
		expect(await add(next.id, null, [])).toBe('topics.errors.empty');
		expect(await add(next.id, 'Fire billeder', [photo(), photo(), photo(), photo()])).toBe(
			'media.refused.too_many_files'
		);
		expect(await stored()).toEqual(before);
	});

	it('only a professional marks talked about and links what was agreed; an unknown topic changes nothing', async () => {
		const next = await meetingOf('demo-sara', 'next');
		const topic = await addTopic(
			database.db,
			await sara(),
			{ meetingId: next.id, text: 'Tandlæge', private: false },
			[]
		);
		await expect(
			markTalkedAbout(database.db, await sara(), next.id, { topicId: topic.id, talked: true })
		).rejects.toMatchObject({ code: 'not_found' });
		const lone = await grant('demo-lone', 'write');
		await markTalkedAbout(database.db, lone, next.id, { topicId: topic.id, talked: true });
		await setAgreedAnswers(database.db, lone, next.id, [topic.id]);
		let [seen] = (await topicsFor(database.db, await sara(), [next.id])).filter((t) => t.id === topic.id);
		expect(seen).toMatchObject({ talkedAbout: true, answeredByAgreed: true });
		await expect(setAgreedAnswers(database.db, lone, next.id, [crypto.randomUUID()])).rejects.toMatchObject({
			code: 'not_found'
		});
		// In Sara's access log it reads as a topic write, never as a meeting's date under a topic's words.
		await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'meetings', 'read', {
			resourceId: next.id
		});
		await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'topics', 'write', { resourceId: next.id });
		const log = await accessLogFor(
			database.db,
			await authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'access_log', 'read')
		);
		expect(log.rows.slice(0, 2).map((r) => r.what)).toEqual(['write.topics', 'read.meetingsDated']);
		await markTalkedAbout(database.db, lone, next.id, { topicId: topic.id, talked: false });
		[seen] = (await topicsFor(database.db, await sara(), [next.id])).filter((t) => t.id === topic.id);
		expect(seen).toMatchObject({ talkedAbout: false, answeredByAgreed: true });
	});

	it('a photo taken away, the meeting moved, the topic deleted: the photos follow', async () => {
		const next = await meetingOf('demo-sara', 'next');
		const topic = await addTopic(database.db, await sara(), { meetingId: next.id, text: 'Regning', private: false }, [
			photo(),
			photo()
		]);
		const photos = () => database.db.select().from(media).where(eq(media.subjectId, topic.id));
		const [first] = await photos();
		await editTopic(
			database.db,
			await sara(),
			topic.id,
			{ meetingId: next.id, text: 'Regning', private: false, removePhotos: [first.id] },
			[]
		);
		expect(await photos()).toHaveLength(1);
		const later = new Date(next.startsAt.getTime() + 7 * DAY);
		await database.db.transaction((tx) =>
			writeMeetingChange(tx, next, { startsAt: later, endsAt: new Date(later.getTime() + 3_600_000) })
		);
		expect((await photos())[0].deleteAfter?.getTime()).toBe(later.getTime() + topicRetentionDays() * DAY);
		await deleteTopic(database.db, await sara(), topic.id);
		expect(await photos()).toEqual([]);
	});

	it('a recording added when changing a topic: its own limit of one, never in the way of the three photos', async () => {
		const next = await meetingOf('demo-sara', 'next');
		const input = { meetingId: next.id, text: 'Lejen', private: false };
		const topic = await addTopic(database.db, await sara(), input, [photo(), photo(), photo()]);
		const change = async (removePhotos: string[], audio?: ReturnType<typeof voice>) =>
			editTopic(database.db, await sara(), topic.id, { ...input, removePhotos }, [], new Date(), audio);
		const kinds = async () =>
			(await database.db.select().from(media).where(eq(media.subjectId, topic.id))).map((m) => m.kind).sort();
		// Three photos already: the recording still goes in.
		await change([], voice());
		expect(await kinds()).toEqual(['audio', 'image', 'image', 'image']);
		// A second one is refused plainly, and nothing changes.
		const refused = await change([], voice()).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(FieldError);
		expect(refused).toMatchObject({ field: 'audio', message: 'topics.errors.oneRecording' });
		expect(await kinds()).toEqual(['audio', 'image', 'image', 'image']);
		// The old one taken away in the same post: the new one takes its place.
		const [old] = (await topicsFor(database.db, await sara(), [next.id])).filter((t) => t.id === topic.id);
		await change([old.audio!.id], voice());
		const [now] = (await topicsFor(database.db, await sara(), [next.id])).filter((t) => t.id === topic.id);
		expect(now.audio?.id).not.toBe(old.audio!.id);
		expect(now.photos).toHaveLength(3);
		await deleteTopic(database.db, await sara(), topic.id);
	});

	it('the policy: the citizen and her professionals read and write topics; a relative and another citizen never', async () => {
		const decide = (who: string, action: 'read' | 'write') =>
			authorize(database.db, users[who], users['demo-sara'].id, 'topics', action).then(
				(g) => g.relation.kind,
				(cause: unknown) => (cause instanceof AccessDenied ? cause.reason : cause)
			);
		expect(await decide('demo-sara', 'write')).toBe('self');
		expect(await decide('demo-lone', 'write')).toBe('professional');
		expect(await decide('demo-peter', 'read')).toBe('professional');
		expect(await decide('demo-jens', 'read')).toBe('not_allowed');
		expect(await decide('demo-ali', 'read')).toBe('no_relation');
	});
});
