import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import webpush from 'web-push';
import * as v from 'valibot';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	consents,
	loginAttempts,
	loginIdentities,
	meetings,
	notificationDeliveries,
	personRoles,
	rateLimitHits,
	relativeDelegations,
	sessions
} from '../db/schema';
import { seedDemo } from '../seed';
import { authorize, authorizeOperations } from '../policy';
import type { SessionUser } from '../auth/session';
import { newMeetingSchema } from '../../meetings/schemas';
import { parseForm } from '../../validation';
import { saveSubscription, subscriptionSchema } from '../push/subscriptions';
import { browserKeys, decryptPush, startPushService } from '../../../../tests/support/web-push';
import { resetVapidCache } from '../push/vapid';
import { scheduleMeetings } from '../meetings/service';
import { askForAnotherTime, chooseOffer, declineRequest, offerTimes } from '../meetings/reschedule';
import { createMetrics } from '../metrics';
import { JobRunner } from './runner';
import { DEAD_LETTER_QUEUE, QUEUES } from './queues';
import { meetingReminderSweep, sendMeetingNoticeJob } from './meeting-notices';
import { expiryReminderSweep } from './expiry-notices';
import { accessLogRetention, cleanup } from './cleanup';
import { failedJobs, retryFailedJob } from './failed';

/**
 * The job runner on pg-boss, against the database under test (PGlite by default, PostgreSQL with
 * scripts/with-postgres.sh) and a push service on loopback that records what arrives. The workers
 * poll every half second; the tests wait for the outcome, never for a time.
 */

const SEEDED = new Date('2027-01-04T08:00:00Z');
/** Tuesday 19 October 2027, 10:00 in Copenhagen. */
const MEETING_AT = new Date('2027-10-19T08:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

let clock = new Date(SEEDED);
let database: OpenDatabase;
let runner: JobRunner;
let service: Awaited<ReturnType<typeof startPushService>>;
const metrics = createMetrics();
const jonasKeys = browserKeys();
const saraKeys = browserKeys();
const ids: Record<string, string> = {};
const saved = { ...process.env };

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

async function subscribe(personId: string, path: string, keys: ReturnType<typeof browserKeys>) {
	const subscription = v.parse(subscriptionSchema, {
		endpoint: `${service.origin}${path}`,
		keys: { p256dh: keys.p256dh, auth: keys.auth }
	});
	await saveSubscription(database.db, personId, subscription);
}

const pushesTo = (path: string) => service.received.filter((p) => p.path === path);

async function job(queue: string, id: string) {
	const [found] = await runner.boss.findJobs(queue, { id });
	return found;
}

/** Waits until the job has finished (completed, or failed for good) and returns it. */
async function finished(queue: string, id: string) {
	await expect
		.poll(async () => (await job(queue, id))?.state, { timeout: 20_000, interval: 100 })
		.toMatch(/^(completed|failed)$/);
	return job(queue, id);
}

/** Waits for the dead-letter copy of a job. */
async function deadLetterOf(sourceId: string) {
	let found;
	await expect
		.poll(
			async () => {
				found = (await runner.boss.findJobs(DEAD_LETTER_QUEUE)).find((j) => j.sourceId === sourceId);
				return Boolean(found);
			},
			{ timeout: 30_000, interval: 100 }
		)
		.toBe(true);
	return found!;
}

async function deliveries(prefix: string) {
	return database.db
		.select()
		.from(notificationDeliveries)
		.where(like(notificationDeliveries.key, `${prefix}%`));
}

beforeAll(async () => {
	const pair = webpush.generateVAPIDKeys();
	process.env.VAPID_PUBLIC_KEY = pair.publicKey;
	process.env.VAPID_PRIVATE_KEY = pair.privateKey;
	process.env.VAPID_SUBJECT = 'mailto:test@example.org';
	resetVapidCache();
	database = await createTestDb();
	await seedDemo(database.db, { issuer: 'http://idp.test', now: SEEDED });
	service = await startPushService();
	const jonas = await user('demo-jonas');
	const sara = await user('demo-sara');
	ids.jonas = jonas.id;
	ids.sara = sara.id;
	const lone = await user('demo-lone');
	const grant = await authorize(database.db, lone, jonas.id, 'meetings', 'write', { now: SEEDED });
	const parsed = parseForm(newMeetingSchema, {
		kind: 'netvaerksmoede',
		date: '2027-10-19',
		startTime: '10:00',
		endTime: '11:00',
		location: 'Torvet 3'
	});
	if (!parsed.ok) throw new Error('bad input');
	ids.meeting = (await scheduleMeetings(database.db, grant, parsed.data, SEEDED)).meetings[0].id;
	await subscribe(jonas.id, '/push/jonas', jonasKeys);
	await subscribe(sara.id, '/push/sara', saraKeys);
	runner = new JobRunner({
		database,
		config: { workers: true, poolSize: 2, pollSeconds: 0.5, reminderSweepSeconds: null, accessLogRetentionDays: 730 },
		metrics,
		now: () => clock,
		retry: { retryLimit: 1, retryDelay: 1 },
		schedules: false
	});
	await runner.start();
});

afterAll(async () => {
	await runner?.stop(5000);
	await service?.close();
	await database?.close();
	process.env = saved;
	resetVapidCache();
});

describe('meeting reminders', () => {
	it('the day before: "Husk dit møde i morgen" with what and when, sent once', async () => {
		clock = new Date(MEETING_AT.getTime() - DAY + MINUTE);
		expect(await meetingReminderSweep(runner.context())).toEqual({ due: 1, sent: 1 });
		expect(await meetingReminderSweep(runner.context())).toEqual({ due: 1, sent: 0 });
		await expect.poll(() => pushesTo('/push/jonas').length, { timeout: 20_000 }).toBe(1);
		const payload = JSON.parse(decryptPush(pushesTo('/push/jonas')[0].body, jonasKeys));
		expect(payload).toMatchObject({ title: 'Husk dit møde i morgen', url: `/moeder/${ids.meeting}` });
		expect(payload.body).toMatch(/^Netværksmøde .*19\. oktober kl\. 10[.:]00\.$/);
		await expect
			.poll(() => deliveries(`meeting-reminder:${ids.meeting}:1440:`))
			.toEqual([expect.objectContaining({ personId: ids.jonas, kind: 'meeting_reminder' })]);
	});

	it('the sweep finds a reminder due, and a second sweep adds no second job', async () => {
		// Jonas keeps the default: the day before and an hour before.
		clock = new Date(MEETING_AT.getTime() - 60 * MINUTE + MINUTE);
		const first = await meetingReminderSweep(runner.context());
		expect(first).toEqual({ due: 1, sent: 1 });
		expect(await meetingReminderSweep(runner.context())).toEqual({ due: 1, sent: 0 });
		await expect.poll(() => pushesTo('/push/jonas').length, { timeout: 20_000 }).toBe(2);
		const payload = JSON.parse(decryptPush(pushesTo('/push/jonas')[1].body, jonasKeys));
		expect(payload).toMatchObject({ title: 'Dit møde begynder snart', url: `/moeder/${ids.meeting}` });
		await expect
			.poll(() => deliveries(`meeting-reminder:${ids.meeting}:60:`))
			.toEqual([expect.objectContaining({ personId: ids.jonas, kind: 'meeting_reminder' })]);
	});

	it('the same job run twice (and twice at once) sends one push', async () => {
		const data = {
			kind: 'reminder',
			meetingId: ids.meeting,
			minutesBefore: 60,
			startsAt: MEETING_AT.toISOString()
		};
		// Sent with pg-boss's own ids, so the queue does not de-duplicate: only the delivery key does.
		const again = (await runner.boss.send(QUEUES.meetingNotices.name, data))!;
		const twinA = (await runner.boss.send(QUEUES.meetingNotices.name, data))!;
		const twinB = (await runner.boss.send(QUEUES.meetingNotices.name, data))!;
		for (const id of [again, twinA, twinB]) {
			const done = await finished(QUEUES.meetingNotices.name, id);
			expect(done.state).toBe('completed');
			expect(done.output).toEqual({ skipped: 'already_sent' });
		}
		expect(pushesTo('/push/jonas')).toHaveLength(2);
	});

	it('two copies of a new notice at once: one sends, the other waits its turn and then sends nothing', async () => {
		await database.db.update(meetings).set({ status: 'changed', version: 2 }).where(eq(meetings.id, ids.meeting));
		const data = { kind: 'changed', meetingId: ids.meeting, version: 2 };
		const [a, b] = await Promise.all([
			runner.boss.send(QUEUES.meetingNotices.name, data),
			runner.boss.send(QUEUES.meetingNotices.name, data)
		]);
		const outputs = [];
		for (const id of [a!, b!]) {
			const done = await finished(QUEUES.meetingNotices.name, id);
			expect(done.state).toBe('completed');
			outputs.push(done.output);
		}
		expect(outputs).toContainEqual({ skipped: 'already_sent' });
		expect(outputs).toContainEqual({ sent: 1, removed: 0, failed: 0 });
		expect(pushesTo('/push/jonas')).toHaveLength(3);
		expect(JSON.parse(decryptPush(pushesTo('/push/jonas')[2].body, jonasKeys)).title).toBe('Dit møde er ændret');
		// Sent by key (as the staff page does), the same notice is not even queued again.
		expect(await sendMeetingNoticeJob(runner, { kind: 'changed', meetingId: ids.meeting, version: 2 })).not.toBeNull();
		expect(await sendMeetingNoticeJob(runner, { kind: 'changed', meetingId: ids.meeting, version: 2 })).toBeNull();
	});

	it('a push service that fails: tried again, then the dead letters, with the key given back', async () => {
		service.answerWith(500);
		await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, ids.meeting));
		const id = (await sendMeetingNoticeJob(runner, { kind: 'cancelled', meetingId: ids.meeting }))!;
		const dead = await deadLetterOf(id);
		expect(dead.sourceName).toBe(QUEUES.meetingNotices.name);
		expect(dead.sourceOutput).toEqual({ reason: 'push_failed' });
		expect((await job(QUEUES.meetingNotices.name, id)).retryCount).toBe(1);
		expect(await deliveries(`meeting-cancelled:${ids.meeting}`)).toEqual([]);

		// The admin page says it plainly, and its retry sends it once the push service is back.
		const admin = await user('demo-admin');
		const read = authorizeOperations(admin, 'jobs', 'read');
		const listed = (await failedJobs(database.db, read, runner)).find((j) => j.id === dead.id);
		expect(listed).toMatchObject({
			state: 'dead',
			kind: 'meetingCancelled',
			forName: 'Jonas',
			tries: 2,
			reason: 'push_failed'
		});
		service.answerWith(201);
		const before = pushesTo('/push/jonas').length;
		expect(await retryFailedJob(authorizeOperations(admin, 'jobs', 'write'), runner, dead.id)).toBe(true);
		await expect.poll(() => pushesTo('/push/jonas').length, { timeout: 20_000 }).toBe(before + 1);
		expect(JSON.parse(decryptPush(pushesTo('/push/jonas').at(-1)!.body, jonasKeys)).title).toBe('Dit møde er aflyst');
		expect(await retryFailedJob(authorizeOperations(admin, 'jobs', 'write'), runner, dead.id)).toBe(false);
		expect(() => authorizeOperations({ ...admin, roles: ['caseworker'] }, 'jobs', 'read')).toThrow('not_allowed');
	});
});

describe('answers to "I need another time"', () => {
	/** A meeting of Jonas's on 16 November 2027 at 13:00, and his request for another time. */
	async function askedMeeting(day: string) {
		const lone = await user('demo-lone');
		const jonas = await user('demo-jonas');
		const staff = await authorize(database.db, lone, ids.jonas, 'meetings', 'write', { now: clock });
		const own = await authorize(database.db, jonas, ids.jonas, 'meetings', 'write', { now: clock });
		const parsed = parseForm(newMeetingSchema, {
			kind: 'individuel_samtale',
			date: day,
			startTime: '13:00',
			endTime: '14:00',
			location: 'Jobcentret'
		});
		if (!parsed.ok) throw new Error('bad input');
		const meetingId = (await scheduleMeetings(database.db, staff, parsed.data, clock)).meetings[0].id;
		const request = await askForAnotherTime(database.db, own, meetingId, { reasonChoice: 'ill', reason: null }, clock);
		return { staff, own, meetingId, requestId: request.id };
	}
	const at = (iso: string) => new Date(iso);

	it('times offered: one push, in his reading mode, that opens the page to pick a time; sent twice, still one', async () => {
		clock = new Date('2027-11-01T09:00:00Z');
		const { staff, meetingId, requestId } = await askedMeeting('2027-11-16');
		await offerTimes(
			database.db,
			staff,
			meetingId,
			{
				requestId,
				times: [
					{ row: 1, startsAt: at('2027-11-17T12:00:00Z'), endsAt: at('2027-11-17T13:00:00Z') },
					{ row: 2, startsAt: at('2027-11-18T12:00:00Z'), endsAt: at('2027-11-18T13:00:00Z') }
				]
			},
			clock
		);
		const before = pushesTo('/push/jonas').length;
		const job = { kind: 'offered' as const, meetingId, requestId };
		const id = (await sendMeetingNoticeJob(runner, job))!;
		expect(await sendMeetingNoticeJob(runner, job)).toBeNull();
		expect((await finished(QUEUES.meetingNotices.name, id)).state).toBe('completed');
		expect(pushesTo('/push/jonas')).toHaveLength(before + 1);
		const payload = JSON.parse(decryptPush(pushesTo('/push/jonas').at(-1)!.body, jonasKeys));
		expect(payload).toEqual({
			title: 'Du kan vælge en ny tid',
			// Jonas reads in easy-read: the short words.
			body: 'Vælg en ny tid i appen.',
			url: `/moeder/${meetingId}/ny-tid`,
			tag: `meeting-${meetingId}`
		});
		expect(await deliveries(`meeting-offered:${requestId}`)).toEqual([
			expect.objectContaining({ personId: ids.jonas, kind: 'meeting_offered' })
		]);
	});

	it('a time already chosen before the job runs: nothing is sent', async () => {
		clock = new Date('2027-11-01T09:00:00Z');
		const { staff, own, meetingId, requestId } = await askedMeeting('2027-11-23');
		const { offers } = await offerTimes(
			database.db,
			staff,
			meetingId,
			{
				requestId,
				times: [
					{ row: 1, startsAt: at('2027-11-24T12:00:00Z'), endsAt: at('2027-11-24T13:00:00Z') },
					{ row: 2, startsAt: at('2027-11-25T12:00:00Z'), endsAt: at('2027-11-25T13:00:00Z') }
				]
			},
			clock
		);
		await chooseOffer(database.db, own, meetingId, { requestId, offerId: offers[0].id }, clock);
		const before = pushesTo('/push/jonas').length;
		const id = (await sendMeetingNoticeJob(runner, { kind: 'offered', meetingId, requestId }))!;
		const done = await finished(QUEUES.meetingNotices.name, id);
		expect(done.output).toEqual({ skipped: 'answered_already' });
		expect(pushesTo('/push/jonas')).toHaveLength(before);
	});

	it('a no: the push says the meeting stays and opens the answer; the message itself is not in it', async () => {
		clock = new Date('2027-11-01T09:00:00Z');
		const { staff, meetingId, requestId } = await askedMeeting('2027-11-30');
		const answer = 'Vi holder fast i tiden, fordi lægen kommer med.';
		await declineRequest(database.db, staff, meetingId, { requestId, answer }, clock);
		const before = pushesTo('/push/jonas').length;
		const id = (await sendMeetingNoticeJob(runner, { kind: 'declined', meetingId, requestId }))!;
		expect((await finished(QUEUES.meetingNotices.name, id)).state).toBe('completed');
		expect(pushesTo('/push/jonas')).toHaveLength(before + 1);
		const text = decryptPush(pushesTo('/push/jonas').at(-1)!.body, jonasKeys);
		expect(JSON.parse(text)).toMatchObject({
			title: 'Svar om dit møde',
			body: 'Mødet bliver, som det var. Læs svaret i appen.',
			url: `/moeder/${meetingId}/ny-tid`
		});
		expect(text).not.toContain('lægen');
		// "Offered" for a request that was declined is not wanted: nothing goes out.
		const wrong = (await sendMeetingNoticeJob(runner, { kind: 'offered', meetingId, requestId }))!;
		expect((await finished(QUEUES.meetingNotices.name, wrong)).output).toEqual({ skipped: 'answered_already' });
		expect(pushesTo('/push/jonas')).toHaveLength(before + 1);
	});
});

describe('forged payloads', () => {
	it.each([
		[QUEUES.meetingNotices.name, { kind: 'reminder', meetingId: "x'; drop table meetings; --", minutesBefore: 60 }],
		[
			QUEUES.meetingNotices.name,
			{ kind: 'changed', meetingId: '00000000-0000-4000-8000-000000000000', version: 1, to: 'x' }
		],
		[QUEUES.expiryNotices.name, { subject: 'everyone', id: '00000000-0000-4000-8000-000000000000', daysBefore: 30 }],
		[QUEUES.cleanup.name, { everything: true }]
	])('%s %j goes to the dead letters at once, and nothing is done', async (queue, data) => {
		const pushes = service.received.length;
		const [{ count: rowsBefore }] = await database.db.select({ count: sql<number>`count(*)::int` }).from(meetings);
		const id = (await runner.boss.send(queue, data))!;
		const dead = await deadLetterOf(id);
		expect(dead.sourceOutput).toEqual({ reason: 'invalid_payload' });
		expect(dead.sourceRetryCount).toBe(0);
		expect(service.received).toHaveLength(pushes);
		const [{ count: rowsAfter }] = await database.db.select({ count: sql<number>`count(*)::int` }).from(meetings);
		expect(rowsAfter).toBe(rowsBefore);
		const admin = await user('demo-admin');
		const listed = (await failedJobs(database.db, authorizeOperations(admin, 'jobs', 'read'), runner)).find(
			(j) => j.id === dead.id
		);
		expect(listed).toMatchObject({ reason: 'invalid_payload', forName: null, tries: 1 });
	});
});

describe('expiry reminders', () => {
	it("30 and 7 days before a relative's access ends, the citizen is told once each", async () => {
		const [delegation] = await database.db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, ids.sara));
		clock = new Date(delegation.expiresAt.getTime() - 29 * DAY);
		expect(await expiryReminderSweep(runner.context())).toEqual({ due: 1, sent: 1 });
		expect(await expiryReminderSweep(runner.context())).toEqual({ due: 1, sent: 0 });
		await expect.poll(() => pushesTo('/push/sara').length, { timeout: 20_000 }).toBe(1);
		const first = JSON.parse(decryptPush(pushesTo('/push/sara')[0].body, saraKeys));
		// Sara reads in easy-read mode; the notice names no one.
		expect(first).toMatchObject({ title: 'En pårørendes adgang slutter snart', url: '/paaroerende' });
		expect(first.body).toMatch(/^Din pårørende kan se dine sider til .+\. Du kan gøre tiden længere\.$/);
		expect(first.body).not.toContain('Jens');

		clock = new Date(delegation.expiresAt.getTime() - 6 * DAY);
		expect(await expiryReminderSweep(runner.context())).toEqual({ due: 1, sent: 1 });
		await expect.poll(() => pushesTo('/push/sara').length, { timeout: 20_000 }).toBe(2);
		await expect
			.poll(async () => (await deliveries(`delegation-expiry:${delegation.id}:`)).map((d) => d.kind))
			.toEqual(['delegation_expiry', 'delegation_expiry']);
	});

	it('a consent about to end; a renewed one is not reminded on the old date', async () => {
		const expiresAt = new Date(clock.getTime() + 20 * DAY);
		const [consent] = await database.db
			.insert(consents)
			.values({
				citizenId: ids.sara,
				purpose: 'share_with_job_consultant',
				textKey: 'consent.share_with_job_consultant',
				textVersion: 1,
				textShown: 'test',
				givenAt: new Date(clock.getTime() - 100 * DAY),
				expiresAt
			})
			.returning();
		const before = pushesTo('/push/sara').length;
		const sweep = await expiryReminderSweep(runner.context());
		expect(sweep.sent).toBe(1);
		await expect.poll(() => pushesTo('/push/sara').length, { timeout: 20_000 }).toBe(before + 1);
		expect(JSON.parse(decryptPush(pushesTo('/push/sara').at(-1)!.body, saraKeys))).toMatchObject({
			title: 'Et samtykke slutter snart',
			url: '/samtykke'
		});
		// Renewed before its 7-day notice went: that notice (for the old date) sends nothing.
		await database.db
			.update(consents)
			.set({ expiresAt: new Date(expiresAt.getTime() + 365 * DAY) })
			.where(eq(consents.id, consent.id));
		const id = (await runner.send(
			QUEUES.expiryNotices.name,
			{ subject: 'consent', id: consent.id, daysBefore: 7, expiresAt: expiresAt.toISOString() },
			'test-renewed'
		))!;
		expect((await finished(QUEUES.expiryNotices.name, id)).output).toEqual({ skipped: 'renewed' });
		expect(pushesTo('/push/sara')).toHaveLength(before + 1);
	});
});

describe('cleanup', () => {
	it('removes what has run out, and a second run removes nothing more', async () => {
		clock = new Date();
		const past = new Date(Date.now() - DAY);
		const future = new Date(Date.now() + DAY);
		await database.db.insert(sessions).values([
			{ id: 'ended', secretHash: 'x', personId: ids.jonas, loa: 'substantial', expiresAt: past },
			{ id: 'live', secretHash: 'x', personId: ids.jonas, loa: 'substantial', expiresAt: future }
		]);
		await database.db.insert(loginAttempts).values([
			{ state: 'old', nonce: 'n', codeVerifier: 'c', browserHash: 'h', expiresAt: past },
			{ state: 'new', nonce: 'n', codeVerifier: 'c', browserHash: 'h', expiresAt: future }
		]);
		const invitation = {
			citizenId: ids.sara,
			label: 'test',
			scopes: ['plan' as const],
			status: 'pending' as const,
			invitationHash: 'hash',
			expiresAt: new Date(Date.now() + 300 * DAY)
		};
		await database.db.insert(relativeDelegations).values([
			{ ...invitation, label: 'ran out', invitationExpiresAt: past },
			{ ...invitation, label: 'long gone', invitationExpiresAt: new Date(Date.now() - 40 * DAY) },
			{ ...invitation, label: 'open', invitationExpiresAt: future }
		]);
		await database.db.insert(rateLimitHits).values([
			{ bucket: 'login', key: 'a', windowStart: past, count: 3, expiresAt: past },
			{ bucket: 'login', key: 'b', windowStart: past, count: 3, expiresAt: future }
		]);
		const first = await cleanup(runner.context());
		expect(first).toEqual({ sessions: 1, loginAttempts: 1, invitationCodes: 2, invitations: 1, rateLimitHits: 1 });
		expect(await cleanup(runner.context())).toEqual({
			sessions: 0,
			loginAttempts: 0,
			invitationCodes: 0,
			invitations: 0,
			rateLimitHits: 0
		});
		const left = await database.db
			.select({ label: relativeDelegations.label, hash: relativeDelegations.invitationHash })
			.from(relativeDelegations)
			.where(and(eq(relativeDelegations.citizenId, ids.sara), eq(relativeDelegations.status, 'pending')));
		expect(left.sort((a, b) => a.label.localeCompare(b.label))).toEqual([
			{ label: 'open', hash: 'hash' },
			{ label: 'ran out', hash: null }
		]);
		expect((await database.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toContain('live');
	});

	it('works through the queue too', async () => {
		const id = (await runner.boss.send(QUEUES.cleanup.name, {}))!;
		const done = await finished(QUEUES.cleanup.name, id);
		expect(done.state).toBe('completed');
		expect(done.output).toMatchObject({ sessions: 0, loginAttempts: 0 });
	});
});

describe('access-log retention', () => {
	it('deletes rows older than two years and keeps the rest; again deletes nothing', async () => {
		const at = (days: number) => sql`now() - make_interval(days => ${days})`;
		const row = { citizenId: ids.sara, actorId: ids.jonas, actorRole: 'mentor' as const, action: 'read' as const };
		await database.db.insert(accessLog).values([
			{ ...row, resource: 'retention-old', at: at(1100) },
			{ ...row, resource: 'retention-old', at: at(800) },
			{ ...row, resource: 'retention-young', at: at(700) }
		]);
		const count = async (resource: string) =>
			(await database.db.select().from(accessLog).where(eq(accessLog.resource, resource))).length;
		expect(await accessLogRetention(runner.context())).toEqual({ deleted: 2, days: 730 });
		expect(await count('retention-old')).toBe(0);
		expect(await count('retention-young')).toBe(1);
		expect(await accessLogRetention(runner.context())).toEqual({ deleted: 0, days: 730 });
	});

	it('keeps rows for a longer configured period', async () => {
		const longer = { ...runner.context(), config: { ...runner.context().config, accessLogRetentionDays: 1000 } };
		const row = { citizenId: ids.sara, actorId: ids.jonas, actorRole: 'mentor' as const, action: 'read' as const };
		await database.db.insert(accessLog).values([
			{ ...row, resource: 'retention-1100', at: sql`now() - interval '1100 days'` },
			{ ...row, resource: 'retention-900', at: sql`now() - interval '900 days'` }
		]);
		expect(await accessLogRetention(longer)).toEqual({ deleted: 1, days: 1000 });
		const left = await database.db.select().from(accessLog).where(like(accessLog.resource, 'retention-%00'));
		expect(left.map((r) => r.resource)).toEqual(['retention-900']);
	});
});

describe('a server with JOBS=0', () => {
	it('sends jobs that a working server works, and works none itself', async () => {
		const sender = new JobRunner({
			database,
			config: {
				workers: false,
				poolSize: 1,
				pollSeconds: 0.5,
				reminderSweepSeconds: null,
				accessLogRetentionDays: 730
			},
			schedules: false
		});
		await sender.start();
		try {
			expect(sender.started).toBe(true);
			expect(sender.boss.getWipData()).toEqual([]);
			const id = (await sender.send(QUEUES.cleanup.name, {}))!;
			expect((await finished(QUEUES.cleanup.name, id)).state).toBe('completed');
		} finally {
			await sender.stop(5000);
		}
		expect(sender.started).toBe(false);
		// The working server is not disturbed by the other one stopping.
		expect(runner.started).toBe(true);
	});
});

describe('metrics from the runner', () => {
	it('counts completed and failed jobs by queue and reason, and reads queue depths', async () => {
		const text = await metrics.text();
		expect(text).toMatch(/jobs_completed_total\{queue="meeting-notices"\} [1-9]/);
		expect(text).toMatch(/jobs_failed_total\{queue="meeting-notices",reason="push_failed"\} [1-9]/);
		expect(text).toMatch(/jobs_failed_total\{queue="cleanup",reason="invalid_payload"\} 1/);
		expect(text).toMatch(/jobs_queue_depth\{queue="failed-jobs",state="queued"\} [1-9]/);
		expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
	});
});
