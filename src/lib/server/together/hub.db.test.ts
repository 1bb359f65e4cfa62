import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import { openDatabase, type OpenDatabase } from '../db';
import { loginIdentities, personRoles, subgoals, goals, courses } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { TogetherHub } from './hub';
import { togetherStream } from './stream';
import { acceptTogether, endTogether, sendTogetherEvent, startTogether } from './service';

/**
 * The real-time path across app servers: an event written (and NOTIFYed) through one database
 * handle reaches the SSE streams of people connected through another. On PostgreSQL
 * (`bash scripts/with-postgres.sh npx vitest run src/lib/server/together/hub.db.test.ts`) the two
 * handles are two connection pools, as two app servers would have; on PGlite, which is one
 * process's database, both are the same handle.
 */

let writer: OpenDatabase;
let reader: OpenDatabase;
const twoHandles = Boolean(process.env.TEST_DATABASE_URL);
const users: Record<string, SessionUser> = {};
let hub: TogetherHub;
let subgoalId: string;

async function user(subject: string): Promise<SessionUser> {
	const [identity] = await writer.db.select().from(loginIdentities).where(eq(loginIdentities.subject, subject));
	const roles = await writer.db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	return {
		id: identity.personId,
		displayName: subject,
		givenName: subject,
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
}

/** Reads a stream's text until `done(text)` holds (the test's own timeout is the limit). */
function streamReader(stream: ReadableStream<Uint8Array>) {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let closed = false;
	return {
		get text() {
			return text;
		},
		get closed() {
			return closed;
		},
		async until(done: (text: string) => boolean) {
			while (!done(text) && !closed) {
				const { value, done: end } = await reader.read();
				if (end) closed = true;
				else text += decoder.decode(value, { stream: true });
			}
			return text;
		},
		cancel: () => reader.cancel()
	};
}

const openStream = (
	who: string,
	lastEventId: number | null = null,
	extra: Partial<Parameters<typeof togetherStream>[0]> = {}
) =>
	streamReader(
		togetherStream({
			db: reader.db,
			hub,
			user: users[who],
			lastEventId,
			stillLoggedIn: async () => true,
			heartbeatMs: 60_000,
			...extra
		})
	);

beforeAll(async () => {
	writer = await createTestDb({ seeded: true });
	reader = twoHandles ? await openDatabase({ url: writer.url, poolSize: 2 }) : writer;
	hub = new TogetherHub(reader);
	for (const s of ['demo-sara', 'demo-lone', 'demo-ali']) users[s] = await user(s);
	const [row] = await writer.db
		.select({ id: subgoals.id })
		.from(subgoals)
		.innerJoin(goals, eq(goals.id, subgoals.goalId))
		.innerJoin(courses, eq(courses.id, goals.courseId))
		.where(eq(courses.citizenId, users['demo-sara'].id))
		.limit(1);
	subgoalId = row.id;
});

afterAll(async () => {
	await hub?.close();
	if (twoHandles) await reader?.close();
	await writer?.close();
});

describe(`together events across ${twoHandles ? 'two database handles (PostgreSQL)' : 'one PGlite handle'}`, () => {
	it('reach the streams of the participants on the other handle, with ids to resume from', async () => {
		const sara = openStream('demo-sara');
		const lone = openStream('demo-lone');
		await sara.until((t) => t.includes('event: hello'));
		await lone.until((t) => t.includes('event: hello'));
		expect(sara.text).toContain(`"me":"${users['demo-sara'].id}"`);

		const session = await startTogether(writer.db, users['demo-lone'], users['demo-sara'].id);
		await sara.until((t) => t.includes('"kind":"invited"'));
		expect(sara.text).toMatch(/id: \d+\ndata: \{"seq":\d+,"sessionId":"[^"]+","kind":"invited"/);
		expect(sara.text).toContain('"professionalName":"Lone"');

		await acceptTogether(writer.db, users['demo-sara'], session.id);
		await lone.until((t) => t.includes('"kind":"accepted"'));

		const sent = await sendTogetherEvent(writer.db, users['demo-lone'], session.id, {
			kind: 'highlight',
			target: 'subgoal',
			id: subgoalId
		});
		await sara.until((t) => t.includes(`id: ${sent.seq}\n`));
		const line = sara.text.split('\n').find((l) => l.startsWith(`data: {"seq":${sent.seq},`))!;
		expect(JSON.parse(line.slice(6))).toMatchObject({
			kind: 'highlight',
			payload: { target: 'subgoal', id: subgoalId }
		});

		// A reconnect with Last-Event-ID gets what came after, from the database.
		const invitedSeq = Number(/id: (\d+)\ndata: [^\n]*"kind":"invited"/.exec(sara.text)![1]);
		const again = openStream('demo-sara', invitedSeq);
		await again.until((t) => t.includes(`id: ${sent.seq}\n`));
		expect(again.text.indexOf('event: hello')).toBeLessThan(again.text.indexOf('"kind":"accepted"'));
		expect(again.text).not.toContain('"kind":"invited"');

		await endTogether(writer.db, users['demo-sara'], session.id);
		await lone.until((t) => t.includes('"kind":"ended"'));
		for (const s of [sara, lone, again]) await s.cancel();
	});

	it('holds one listener per stream and lets go of it when the stream is cancelled or aborted', async () => {
		const before = hub.size;
		const abort = new AbortController();
		const ali = openStream('demo-ali', null, { signal: abort.signal });
		const sara = openStream('demo-sara');
		await ali.until((t) => t.includes('event: hello'));
		await sara.until((t) => t.includes('event: hello'));
		expect(hub.size).toBe(before + 2);
		abort.abort();
		await ali.until(() => false);
		expect(ali.closed).toBe(true);
		await sara.cancel();
		expect(hub.size).toBe(before);
	});

	it('a server that stops ends its streams without bye (the browser reconnects elsewhere), and new ones at once', async () => {
		const own = new TogetherHub(reader);
		const stream = (who: string) =>
			streamReader(
				togetherStream({
					db: reader.db,
					hub: own,
					user: users[who],
					lastEventId: null,
					stillLoggedIn: async () => true,
					heartbeatMs: 60_000
				})
			);
		const sara = stream('demo-sara');
		const lone = stream('demo-lone');
		await sara.until((t) => t.includes('event: hello'));
		await lone.until((t) => t.includes('event: hello'));
		expect(own.size).toBe(2);

		expect(own.endStreams()).toBe(2);
		await sara.until(() => false);
		await lone.until(() => false);
		expect([sara.closed, lone.closed]).toEqual([true, true]);
		expect(sara.text).not.toContain('event: bye');
		expect(own.size).toBe(0);

		// Opened while the server is going: ends without a hello, and without listening again.
		const late = stream('demo-ali');
		await late.until(() => false);
		expect(late.closed).toBe(true);
		expect(late.text).not.toContain('event: hello');
		expect(own.size).toBe(0);
		await own.close();
	});

	it('says bye and closes when the login behind it has ended', async () => {
		const sara = openStream('demo-sara', null, { stillLoggedIn: async () => false, heartbeatMs: 5 });
		const text = await sara.until(() => false);
		expect(sara.closed).toBe(true);
		expect(text).toContain('event: bye\ndata: {"reason":"session"}');
	});
});
