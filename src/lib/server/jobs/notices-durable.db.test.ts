import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import webpush from 'web-push';
import * as v from 'valibot';
import type { Db, OpenDatabase } from '../db';
import { createTestDb } from '../db/test-helpers';
import { loginIdentities, meetings, personRoles } from '../db/schema';
import { authorize } from '../policy';
import type { SessionUser } from '../auth/session';
import { changeMeetingSchema, newMeetingSchema } from '../../meetings/schemas';
import { parseForm } from '../../validation';
import { copenhagenDate } from '../../meetings/time';
import { saveSubscription, subscriptionSchema } from '../push/subscriptions';
import { browserKeys, decryptPush, startPushService } from '../../../../tests/support/web-push';
import { resetVapidCache } from '../push/vapid';
import { cancelMeeting, changeMeeting, scheduleMeetings } from '../meetings/service';
import { askForAnotherTime, chooseOffer, declineRequest, offerTimes } from '../meetings/reschedule';
import { jobIdFor } from './context';
import { getJobs, queueMeetingNoticeIn, startJobs, stopJobs } from './index';
import { meetingNoticeKey } from './meeting-notices';
import { QUEUES, type MeetingNoticeJob } from './queues';

/**
 * A notice to the citizen ("changed", "cancelled", times offered, a no) is queued in the same
 * transaction as the change it is about: committed together or not at all. So a server that dies
 * right after saving (before it could do anything more), or a database connection lost right
 * then, cannot lose the notice: another server sends it. Runs on the database under test
 * (PGlite, or PostgreSQL with scripts/with-postgres.sh), with the app's own job runner.
 */

const DAY = 86_400_000;
let database: OpenDatabase;
let service: Awaited<ReturnType<typeof startPushService>>;
const keys = browserKeys();
const saved = { ...process.env };
const people: Record<string, SessionUser> = {};
/** A server that saves changes but works no jobs (JOBS=0), like a web-only server. */
const SENDER = { JOBS: '0' };
/** A server that works jobs, polling often. */
const WORKER = { JOBS: '1', JOBS_POLL_SECONDS: '0.5' };

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

const grants = async () => ({
	staff: await authorize(database.db, people.lone, people.jonas.id, 'meetings', 'write'),
	own: await authorize(database.db, people.jonas, people.jonas.id, 'meetings', 'write')
});

/** A date `days` from today, as the forms give it. */
const dateIn = (days: number) => copenhagenDate(new Date(Date.now() + days * DAY));

async function newMeeting(days: number) {
	const { staff } = await grants();
	const parsed = parseForm(newMeetingSchema, {
		kind: 'individuel_samtale',
		date: dateIn(days),
		startTime: '10:00',
		endTime: '11:00',
		location: 'Jobcentret'
	});
	if (!parsed.ok) throw new Error('bad input');
	return (await scheduleMeetings(database.db, staff, parsed.data)).meetings[0];
}

async function moveMeeting(meetingId: string, days: number) {
	const [row] = await database.db.select().from(meetings).where(eq(meetings.id, meetingId));
	const parsed = parseForm(changeMeetingSchema, {
		kind: row.kind,
		date: dateIn(days),
		startTime: '12:00',
		endTime: '13:00',
		location: row.location ?? '',
		version: String(row.version)
	});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return changeMeeting(database.db, (await grants()).staff, meetingId, parsed.data);
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
	return Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);
}

/** The state of the notice's job in pg-boss's table, or null when there is none. */
async function jobState(db: Db, job: MeetingNoticeJob): Promise<string | null> {
	const id = jobIdFor(QUEUES.meetingNotices.name, meetingNoticeKey(job));
	const rows = rowsOf(await db.execute(sql`select state::text as state from pgboss.job where id = ${id}::uuid`));
	return (rows[0]?.state as string | undefined) ?? null;
}

/** Pushes that reached Jonas's phone about one meeting. */
const pushesAbout = (meetingId: string) =>
	service.received
		.filter((p) => p.path === '/push/jonas')
		.map((p) => JSON.parse(decryptPush(p.body, keys)) as { url: string; title: string })
		.filter((p) => p.url.startsWith(`/moeder/${meetingId}`));

beforeAll(async () => {
	const pair = webpush.generateVAPIDKeys();
	process.env.VAPID_PUBLIC_KEY = pair.publicKey;
	process.env.VAPID_PRIVATE_KEY = pair.privateKey;
	process.env.VAPID_SUBJECT = 'mailto:test@example.org';
	resetVapidCache();
	database = await createTestDb({ seeded: true });
	service = await startPushService();
	for (const subject of ['demo-lone', 'demo-jonas']) people[subject.slice(5)] = await user(subject);
	const subscription = v.parse(subscriptionSchema, {
		endpoint: `${service.origin}/push/jonas`,
		keys: { p256dh: keys.p256dh, auth: keys.auth }
	});
	await saveSubscription(database.db, people.jonas.id, subscription);
});

afterAll(async () => {
	await stopJobs(5000);
	await service?.close();
	await database?.close();
	process.env = saved;
	resetVapidCache();
});

describe('notices queued with the change they are about', () => {
	it('every answer to the citizen is queued by the save itself: moved, cancelled, times offered, a no, a time chosen', async () => {
		await startJobs(database, SENDER);
		const { staff, own } = await grants();

		const moved = await newMeeting(20);
		const change = await moveMeeting(moved.id, 21);
		expect(change.queued).toBe(true);
		expect(await jobState(database.db, { kind: 'changed', meetingId: moved.id, version: change.meeting.version })).toBe(
			'created'
		);

		const cancelled = await newMeeting(22);
		const cancel = await cancelMeeting(database.db, staff, cancelled.id, { version: 1, laterInSeries: false });
		expect(cancel.queued).toBe(true);
		expect(await jobState(database.db, { kind: 'cancelled', meetingId: cancelled.id })).toBe('created');

		const rebooked = await newMeeting(23);
		const asked = await askForAnotherTime(database.db, own, rebooked.id, { reasonChoice: 'ill', reason: null });
		const at = (days: number) => new Date(Date.now() + days * DAY);
		const offer = await offerTimes(database.db, staff, rebooked.id, {
			requestId: asked.id,
			times: [
				{ row: 1, startsAt: at(24), endsAt: new Date(at(24).getTime() + 3_600_000) },
				{ row: 2, startsAt: at(25), endsAt: new Date(at(25).getTime() + 3_600_000) }
			]
		});
		expect(offer.queued).toBe(true);
		expect(await jobState(database.db, { kind: 'offered', meetingId: rebooked.id, requestId: asked.id })).toBe(
			'created'
		);
		const chosen = await chooseOffer(database.db, own, rebooked.id, {
			requestId: asked.id,
			offerId: offer.offers[0].id
		});
		expect(chosen.queued).toBe(true);
		expect(
			await jobState(database.db, { kind: 'changed', meetingId: rebooked.id, version: chosen.meeting.version })
		).toBe('created');

		const kept = await newMeeting(26);
		const again = await askForAnotherTime(database.db, own, kept.id, { reasonChoice: 'ill', reason: null });
		const no = await declineRequest(database.db, staff, kept.id, { requestId: again.id, answer: 'Tiden bliver.' });
		expect(no.queued).toBe(true);
		expect(await jobState(database.db, { kind: 'declined', meetingId: kept.id, requestId: again.id })).toBe('created');
		await stopJobs(5000);
	});

	it('the server dies right after saving a change: another server tells the citizen, once', async () => {
		// Server A saves the new time; the notice is queued with it. A then dies at once: it never
		// gets to do anything after the save (the old code queued the notice only then).
		await startJobs(database, SENDER);
		const meeting = await newMeeting(30);
		const { meeting: saved } = await moveMeeting(meeting.id, 31);
		await stopJobs(5000);
		expect(getJobs()).toBeNull();
		const job = { kind: 'changed', meetingId: meeting.id, version: saved.version } as const;
		expect(await jobState(database.db, job)).toBe('created');

		// Server B works jobs: Jonas's phone hears of the new time, once.
		await startJobs(database, WORKER);
		await expect.poll(() => jobState(database.db, job), { timeout: 30_000, interval: 200 }).toBe('completed');
		expect(pushesAbout(meeting.id)).toEqual([expect.objectContaining({ title: 'Dit møde er ændret' })]);
		await stopJobs(5000);
	});

	it('a save that fails after its notice was queued leaves no notice (the job is part of the transaction)', async () => {
		await startJobs(database, SENDER);
		const meeting = await newMeeting(40);
		const job = { kind: 'cancelled', meetingId: meeting.id } as const;
		await expect(
			database.db.transaction(async (tx) => {
				expect(await queueMeetingNoticeIn(tx, job)).toBe(true);
				throw new Error('the connection broke before COMMIT');
			})
		).rejects.toThrow('the connection broke before COMMIT');
		expect(await jobState(database.db, job)).toBeNull();

		// The same, committed: the job is there.
		await database.db.transaction(async (tx) => {
			await queueMeetingNoticeIn(tx, job);
		});
		expect(await jobState(database.db, job)).toBe('created');
		await stopJobs(5000);
	});
});
