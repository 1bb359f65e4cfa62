import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { createTestDb, SEEDED_AT_FIXED } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { loginIdentities, meetings, personRoles, pushSubscriptions } from '../db/schema';
import { authorize } from '../policy';
import type { SessionUser } from '../auth/session';
import { parsePushPayload } from '../../meetings/push-payload';
import { newMeetingSchema } from '../../meetings/schemas';
import { parseForm } from '../../validation';
import { sendMeetingNotice } from '../push/send';
import { saveSubscription, subscriptionSchema } from '../push/subscriptions';
import { browserKeys, decryptPush, startPushService } from '../../../../tests/support/web-push';
import { resetVapidCache, vapidDetails } from '../push/vapid';
import { scheduleMeetings } from './service';
import * as v from 'valibot';

/** Web Push end to end, against a push service on loopback that records what arrives. */

// The date the shared seeded template is seeded at (test-templates.ts).
const NOW = SEEDED_AT_FIXED;
let database: OpenDatabase;
let service: Awaited<ReturnType<typeof startPushService>>;
let jonas: SessionUser;
let meetingId: string;
const keys = browserKeys();
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

beforeAll(async () => {
	// Keys from the environment, so the test writes nothing to .data/.
	const pair = webpush.generateVAPIDKeys();
	process.env.VAPID_PUBLIC_KEY = pair.publicKey;
	process.env.VAPID_PRIVATE_KEY = pair.privateKey;
	process.env.VAPID_SUBJECT = 'mailto:test@example.org';
	resetVapidCache();
	database = await createTestDb({ seeded: NOW });
	service = await startPushService();
	jonas = await user('demo-jonas');
	const lone = await user('demo-lone');
	const grant = await authorize(database.db, lone, jonas.id, 'meetings', 'write', { now: NOW });
	const parsed = parseForm(newMeetingSchema, {
		kind: 'netvaerksmoede',
		date: '2027-10-19',
		startTime: '10:00',
		endTime: '11:00',
		location: 'Torvet 3'
	});
	if (!parsed.ok) throw new Error('bad input');
	meetingId = (await scheduleMeetings(database.db, grant, parsed.data, NOW)).meetings[0].id;
});

afterAll(async () => {
	await service?.close();
	await database?.close();
	process.env = saved;
	resetVapidCache();
});

describe('sendMeetingNotice', () => {
	it('sends nothing when the citizen has no subscription', async () => {
		expect(await sendMeetingNotice(database.db, meetingId, 'changed')).toEqual({ sent: 0, removed: 0, failed: 0 });
		expect(service.received).toHaveLength(0);
	});

	it('posts an encrypted, signed notice in the citizen’s language and reading mode', async () => {
		const subscription = v.parse(subscriptionSchema, {
			endpoint: `${service.origin}/push/jonas-phone`,
			keys: { p256dh: keys.p256dh, auth: keys.auth }
		});
		await saveSubscription(database.db, jonas.id, subscription);
		const result = await sendMeetingNotice(database.db, meetingId, 'changed');
		expect(result).toEqual({ sent: 1, removed: 0, failed: 0 });
		const [push] = service.received;
		expect(push.path).toBe('/push/jonas-phone');
		expect(push.headers['content-encoding']).toBe('aes128gcm');
		expect(push.headers.authorization).toMatch(/^vapid t=.+, k=/);
		expect(push.headers.authorization).toContain(vapidDetails().publicKey);
		expect(Number(push.headers.ttl)).toBeGreaterThan(0);
		const payload = parsePushPayload(JSON.parse(decryptPush(push.body, keys)));
		// Jonas reads in easy-read mode (seeded): the easy body, with the Danish time of the meeting.
		expect(payload).toEqual({
			title: 'Dit møde er ændret',
			body: expect.stringMatching(/^Ny tid: tirsdag (den )?19\. oktober kl\. 10[.:]00\.$/),
			url: `/moeder/${meetingId}`,
			tag: `meeting-${meetingId}`
		});
	});

	it('words a reminder by how long before it is', async () => {
		await sendMeetingNotice(database.db, meetingId, 'reminder', { minutesBefore: 60 });
		const payload = JSON.parse(decryptPush(service.received.at(-1)!.body, keys));
		expect(payload.title).toBe('Dit møde begynder snart');
		expect(payload.body).toMatch(/^Netværksmøde kl\. 10[.:]00\.$/);
	});

	it('sends no reminder for a cancelled meeting, but does say it is cancelled', async () => {
		await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meetingId));
		const before = service.received.length;
		expect((await sendMeetingNotice(database.db, meetingId, 'reminder', { minutesBefore: 60 })).sent).toBe(0);
		expect((await sendMeetingNotice(database.db, meetingId, 'cancelled')).sent).toBe(1);
		expect(service.received).toHaveLength(before + 1);
		expect(JSON.parse(decryptPush(service.received.at(-1)!.body, keys)).title).toBe('Dit møde er aflyst');
	});

	it('forgets a subscription the push service says is gone', async () => {
		service.answerWith(410);
		expect(await sendMeetingNotice(database.db, meetingId, 'cancelled')).toEqual({ sent: 0, removed: 1, failed: 0 });
		const left = await database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, jonas.id));
		expect(left).toEqual([]);
		service.answerWith(201);
	});

	it('counts a push service that fails, and keeps the subscription', async () => {
		await saveSubscription(database.db, jonas.id, {
			endpoint: `${service.origin}/push/again`,
			keys: { p256dh: keys.p256dh, auth: keys.auth }
		});
		service.answerWith(500);
		expect(await sendMeetingNotice(database.db, meetingId, 'cancelled')).toEqual({ sent: 0, removed: 0, failed: 1 });
		const left = await database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, jonas.id));
		expect(left).toHaveLength(1);
		service.answerWith(201);
	});
});
