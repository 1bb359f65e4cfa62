import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, inArray, max } from 'drizzle-orm';
import { createTestDb, seededAt } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	careAssignments,
	loginIdentities,
	meetingParticipants,
	meetings,
	personRoles,
	planChanges,
	relativeDelegations,
	subgoalNotes,
	subgoals,
	togetherEvents,
	togetherSessions
} from '../db/schema';
import { AccessDenied, authorize } from '../policy';
import type { SessionUser } from '../auth/session';
import { planOverview } from '../plan/service';
import { accessLogFor } from '../access/service';
import { TOGETHER_LIMITS } from '../../together/types';
import type { TogetherEventInput } from '../../together/schemas';
import { rule } from '../rate-limit';
import {
	acceptTogether,
	catchUp,
	countTogetherAttempt,
	declineTogether,
	endTogether,
	inviteRelativeToTogether,
	sendTogetherEvent,
	startTogether,
	togetherHistory,
	TogetherError,
	togetherTopicMarked
} from './service';

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
// The seed's "now": the run's start, when the shared template was seeded.
const now = seededAt();
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
let videoMeetingId: string;
let placeMeetingId: string;

async function user(subject: string): Promise<SessionUser> {
	const [identity] = await database.db.select().from(loginIdentities).where(eq(loginIdentities.subject, subject));
	const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	const name = subject.replace('demo-', '');
	return {
		id: identity.personId,
		displayName: name,
		givenName: name,
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
}

/** A refusal's code: TogetherError's or the policy's reason. */
async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'allowed';
	} catch (cause) {
		if (cause instanceof TogetherError) return cause.code;
		if (cause instanceof AccessDenied) return cause.reason;
		throw cause;
	}
}

async function subgoalsOf(subject: string) {
	const grant = await authorize(database.db, users[subject], users[subject].id, 'plan', 'read');
	return (await planOverview(database.db, grant)).goals.flatMap((g) => g.subgoals.map((s) => ({ ...s, goalId: g.id })));
}

/** As the start forms do (the policy is asked inside). */
async function start(who: string, citizenId: string, meetingId: string | null, at: Date) {
	return startTogether(database.db, users[who], citizenId, meetingId, at);
}

const eventCount = async (sessionId: string) =>
	(await database.db.select().from(togetherEvents).where(eq(togetherEvents.sessionId, sessionId))).length;

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-ali', 'demo-lone', 'demo-nina', 'demo-peter', 'demo-jens'])
		users[s] = await user(s);
	const saras = await database.db.select().from(meetings).where(eq(meetings.citizenId, users['demo-sara'].id));
	videoMeetingId = saras.find((m) => m.kind === 'video_bostoette')!.id;
	placeMeetingId = saras.find((m) => !m.videoUrl && m.status === 'planned')!.id;
});
afterAll(async () => database?.close());

describe('starting and accepting', () => {
	it('the seed has a video meeting with Lone going on now', async () => {
		const [meeting] = await database.db.select().from(meetings).where(eq(meetings.id, videoMeetingId));
		expect(meeting.startsAt.getTime()).toBeLessThan(now.getTime());
		expect(meeting.endsAt.getTime()).toBeGreaterThan(now.getTime());
		expect(meeting.videoUrl).toMatch(/^https:\/\/video\.kommune\.dk\//);
	});

	it('Lone starts from the video meeting, Sara accepts; both steps are in the access log and the plan history', async () => {
		const [{ lastLog }] = await database.db.select({ lastLog: max(accessLog.id) }).from(accessLog);
		const session = await start('demo-lone', users['demo-sara'].id, videoMeetingId, now);
		expect(session.status).toBe('invited');
		expect(session.professionalId).toBe(users['demo-lone'].id);
		expect(session.invitationExpiresAt.getTime() - now.getTime()).toBe(TOGETHER_LIMITS.invitationMinutes * 60_000);

		// Starting again gives the same open session, not a second one.
		const again = await start('demo-lone', users['demo-sara'].id, null, later(5));
		expect(again.id).toBe(session.id);

		// Pointing before Sara has said yes is refused.
		const [first] = await subgoalsOf('demo-sara');
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-lone'],
					session.id,
					{ kind: 'highlight', target: 'subgoal', id: first.id },
					later(6)
				)
			)
		).toBe('not_active');
		// The one who started cannot accept for the other.
		expect(await refusal(acceptTogether(database.db, users['demo-lone'], session.id, later(7)))).toBe('not_active');

		const accepted = await acceptTogether(database.db, users['demo-sara'], session.id, later(10));
		expect(accepted.status).toBe('active');

		const log = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-sara'].id), gt(accessLog.id, lastLog ?? 0)));
		expect(log.map((r) => [r.actorId, r.resource, r.action, r.detail])).toContainEqual([
			users['demo-lone'].id,
			'together',
			'write',
			'together_invite'
		]);
		// Sara's own yes is not in her access log: it answers "who other than me".
		expect(log.filter((r) => r.actorId === users['demo-sara'].id)).toEqual([]);
		const history = await database.db
			.select()
			.from(planChanges)
			.where(eq(planChanges.entityId, session.id))
			.orderBy(planChanges.createdAt);
		expect(history.map((h) => [h.entity, h.changedBy, (h.after as { status: string }).status])).toEqual([
			['together_session', users['demo-lone'].id, 'invited'],
			['together_session', users['demo-sara'].id, 'active']
		]);
		await endTogether(database.db, users['demo-sara'], session.id, later(20));
		const afterEnd = await database.db
			.select()
			.from(planChanges)
			.where(eq(planChanges.entityId, session.id))
			.orderBy(planChanges.createdAt);
		expect(afterEnd.map((h) => [h.changedBy, (h.after as { status: string }).status]).at(-1)).toEqual([
			users['demo-sara'].id,
			'ended'
		]);
	});

	it('Lone ends it: the end is in Sara’s access log (Lone wrote) and in the plan history', async () => {
		const session = await start('demo-lone', users['demo-sara'].id, videoMeetingId, later(30));
		await acceptTogether(database.db, users['demo-sara'], session.id, later(31));
		const [{ lastLog }] = await database.db.select({ lastLog: max(accessLog.id) }).from(accessLog);
		const ended = await endTogether(database.db, users['demo-lone'], session.id, later(32));
		expect([ended.status, ended.endedBy]).toEqual(['ended', users['demo-lone'].id]);
		const log = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-sara'].id), gt(accessLog.id, lastLog ?? 0)));
		expect(log.map((r) => [r.actorId, r.resource, r.action, r.detail])).toEqual([
			[users['demo-lone'].id, 'together', 'write', 'together_end']
		]);
		const history = await database.db
			.select()
			.from(planChanges)
			.where(eq(planChanges.entityId, session.id))
			.orderBy(planChanges.createdAt);
		expect(history.map((h) => [h.changedBy, (h.after as { status: string }).status])).toEqual([
			[users['demo-lone'].id, 'invited'],
			[users['demo-sara'].id, 'active'],
			[users['demo-lone'].id, 'ended']
		]);
	});

	it('Sara starts from her plan during the support time; Lone is found from the meeting; Lone may decline', async () => {
		const session = await start('demo-sara', users['demo-sara'].id, null, later(30));
		expect(session.professionalId).toBe(users['demo-lone'].id);
		expect(session.meetingId).toBe(videoMeetingId);
		const declined = await declineTogether(database.db, users['demo-lone'], session.id, later(40));
		expect(declined.status).toBe('declined');
		expect(await refusal(acceptTogether(database.db, users['demo-lone'], session.id, later(41)))).toBe('ended');
	});

	it('refuses a start without a video meeting on now, from a professional not assigned, and for another citizen', async () => {
		const sara = users['demo-sara'].id;
		expect(await refusal(start('demo-lone', sara, placeMeetingId, now))).toBe('no_video_meeting');
		expect(await refusal(start('demo-lone', sara, null, later(6 * 3600)))).toBe('no_video_meeting');
		expect(await refusal(start('demo-nina', sara, null, now))).toBe('no_relation');
		expect(await refusal(start('demo-ali', sara, null, now))).toBe('no_relation');
		expect(await refusal(start('demo-jens', sara, null, now))).toBe('not_allowed');
		const open = await database.db
			.select()
			.from(togetherSessions)
			.where(and(eq(togetherSessions.citizenId, sara), inArray(togetherSessions.status, ['invited', 'active'])));
		expect(open).toEqual([]);
	});

	it('an invitation expires: accepting it later is refused and changes nothing', async () => {
		const session = await start('demo-lone', users['demo-sara'].id, null, later(60));
		const tooLate = later(60 + TOGETHER_LIMITS.invitationMinutes * 60 + 1);
		expect(await refusal(acceptTogether(database.db, users['demo-sara'], session.id, tooLate))).toBe('expired');
		const [row] = await database.db.select().from(togetherSessions).where(eq(togetherSessions.id, session.id));
		expect(row.status).toBe('invited');
		expect(row.acceptedAt).toBeNull();
		// A new start tidies it up and makes a fresh invitation.
		const fresh = await start('demo-lone', users['demo-sara'].id, null, tooLate);
		expect(fresh.id).not.toBe(session.id);
		const [old] = await database.db.select().from(togetherSessions).where(eq(togetherSessions.id, session.id));
		expect(old.status).toBe('expired');
		await endTogether(database.db, users['demo-lone'], fresh.id, tooLate);
	});

	it('another professional in the meeting finds the citizen busy with Lone', async () => {
		await database.db
			.insert(meetingParticipants)
			.values({ meetingId: videoMeetingId, personId: users['demo-peter'].id, response: 'coming' });
		const session = await start('demo-lone', users['demo-sara'].id, null, later(100));
		expect(await refusal(start('demo-peter', users['demo-sara'].id, videoMeetingId, later(101)))).toBe('busy');
		await endTogether(database.db, users['demo-lone'], session.id, later(102));
		await database.db
			.delete(meetingParticipants)
			.where(
				and(eq(meetingParticipants.meetingId, videoMeetingId), eq(meetingParticipants.personId, users['demo-peter'].id))
			);
	});
});

describe('while together mode runs', () => {
	let sessionId: string;
	const t0 = later(200);
	const at = (s: number) => new Date(t0.getTime() + s * 1000);

	beforeAll(async () => {
		const session = await start('demo-lone', users['demo-sara'].id, null, t0);
		await acceptTogether(database.db, users['demo-sara'], session.id, at(1));
		sessionId = session.id;
	});

	it('Lone points at a delmål and at a goal; nothing in the plan changes', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const before = await subgoalsOf('demo-sara');
		const sent = await sendTogetherEvent(
			database.db,
			users['demo-lone'],
			sessionId,
			{ kind: 'highlight', target: 'subgoal', id: first.id },
			at(2)
		);
		expect(sent.payload).toEqual({ target: 'subgoal', id: first.id });
		await sendTogetherEvent(
			database.db,
			users['demo-lone'],
			sessionId,
			{ kind: 'highlight', target: 'goal', id: first.goalId },
			at(3)
		);
		expect(await subgoalsOf('demo-sara')).toEqual(before);
		const seen = await catchUp(database.db, users['demo-sara'], sessionId, 0);
		expect(seen.filter((m) => m.kind === 'highlight').map((m) => [m.sender.name, m.payload.id])).toEqual([
			['Lone', first.id],
			['Lone', first.goalId]
		]);
	});

	it("a topic Lone marks talked about tells Sara's screen; someone outside the session marks nothing", async () => {
		const marked: string[] = [];
		const mark = (who: string) => async () => void marked.push(who);
		await togetherTopicMarked(database.db, users['demo-lone'], sessionId, mark('lone'), at(3));
		const seen = await catchUp(database.db, users['demo-sara'], sessionId, 0);
		expect(seen.filter((m) => m.kind === 'topic').map((m) => [m.sender.name, m.payload])).toEqual([['Lone', {}]]);
		expect(await refusal(togetherTopicMarked(database.db, users['demo-peter'], sessionId, mark('peter'), at(3)))).toBe(
			'not_found'
		);
		expect(marked).toEqual(['lone']);
	});

	it('Sara writes a note: it is saved once, named, in the plan history; a resend changes nothing', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const id = crypto.randomUUID();
		const input = {
			kind: 'note' as const,
			subgoalId: first.id,
			id,
			text: 'Vi talte om alarmen.',
			version: first.version
		};
		const sent = await sendTogetherEvent(database.db, users['demo-sara'], sessionId, input, at(4));
		expect(sent.payload).toMatchObject({
			subgoalId: first.id,
			note: { id, text: 'Vi talte om alarmen.', author: 'sara' }
		});
		await sendTogetherEvent(database.db, users['demo-sara'], sessionId, input, at(5));
		expect(await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.id, id))).toHaveLength(1);
		const history = await database.db
			.select()
			.from(planChanges)
			.where(and(eq(planChanges.entityId, first.id), eq(planChanges.entity, 'subgoal')));
		expect(history.filter((h) => (h.after as { noteId?: string }).noteId === id)).toHaveLength(1);
	});

	it('Lone writes a next step: new version, easy-read variant cleared, access log and history', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const [{ lastLog }] = await database.db.select({ lastLog: max(accessLog.id) }).from(accessLog);
		const sent = await sendTogetherEvent(
			database.db,
			users['demo-lone'],
			sessionId,
			{ kind: 'next_step', subgoalId: first.id, nextStep: 'Sæt alarmen til kl. 8.', version: first.version },
			at(6)
		);
		expect(sent.payload).toEqual({
			subgoalId: first.id,
			nextStep: 'Sæt alarmen til kl. 8.',
			version: first.version + 1
		});
		const [row] = await database.db.select().from(subgoals).where(eq(subgoals.id, first.id));
		expect([row.nextStep, row.nextStepEasy, row.version, row.updatedBy]).toEqual([
			'Sæt alarmen til kl. 8.',
			null,
			first.version + 1,
			users['demo-lone'].id
		]);
		const log = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-sara'].id), gt(accessLog.id, lastLog ?? 0)));
		expect(log.map((r) => [r.actorId, r.resource, r.action, r.resourceId, r.detail])).toEqual([
			[users['demo-lone'].id, 'plan', 'write', first.id, 'together_next_step']
		]);
		const [change] = await database.db
			.select()
			.from(planChanges)
			.where(eq(planChanges.entityId, first.id))
			.orderBy(desc(planChanges.createdAt))
			.limit(1);
		expect(change.after).toEqual({ nextStep: 'Sæt alarmen til kl. 8.' });
	});

	it('a stale delmål version is refused with what is there now, and nothing changes', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const events = await eventCount(sessionId);
		const notes = (await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.subgoalId, first.id))).length;
		for (const input of [
			{ kind: 'next_step' as const, subgoalId: first.id, nextStep: 'Gammel tekst', version: first.version - 1 },
			{
				kind: 'note' as const,
				subgoalId: first.id,
				id: crypto.randomUUID(),
				text: 'For sent',
				version: first.version - 1
			}
		]) {
			try {
				await sendTogetherEvent(database.db, users['demo-sara'], sessionId, input, at(7));
				expect.unreachable();
			} catch (cause) {
				expect(cause).toBeInstanceOf(TogetherError);
				expect((cause as TogetherError).code).toBe('stale');
				expect((cause as TogetherError).current).toEqual({
					subgoalId: first.id,
					version: first.version,
					nextStep: first.nextStep
				});
			}
		}
		const [row] = await database.db.select().from(subgoals).where(eq(subgoals.id, first.id));
		expect([row.nextStep, row.version]).toEqual([first.nextStep, first.version]);
		expect((await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.subgoalId, first.id))).length).toBe(
			notes
		);
		expect(await eventCount(sessionId)).toBe(events);
	});

	it('an event about another citizen’s plan is refused', async () => {
		const [alis] = await subgoalsOf('demo-ali');
		const events = await eventCount(sessionId);
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-lone'],
					sessionId,
					{ kind: 'highlight', target: 'subgoal', id: alis.id },
					at(8)
				)
			)
		).toBe('not_in_plan');
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-lone'],
					sessionId,
					{ kind: 'next_step', subgoalId: alis.id, nextStep: 'Nej', version: alis.version },
					at(8)
				)
			)
		).toBe('not_in_plan');
		const [row] = await database.db.select().from(subgoals).where(eq(subgoals.id, alis.id));
		expect(row.nextStep).toBe(alis.nextStep);
		expect(await eventCount(sessionId)).toBe(events);
	});

	it('someone outside the session is told it does not exist, even when assigned to the citizen', async () => {
		const [first] = await subgoalsOf('demo-sara');
		for (const who of ['demo-peter', 'demo-nina', 'demo-ali'])
			expect(
				await refusal(
					sendTogetherEvent(
						database.db,
						users[who],
						sessionId,
						{ kind: 'highlight', target: 'subgoal', id: first.id },
						at(9)
					)
				)
			).toBe('not_found');
		expect(await refusal(catchUp(database.db, users['demo-peter'], sessionId, 0))).toBe('not_found');
		expect(await refusal(endTogether(database.db, users['demo-peter'], sessionId, at(9)))).toBe('not_found');
	});

	it('a flood is cut off at the limit: every attempt counts, also refused and simultaneous ones', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const [alis] = await subgoalsOf('demo-ali');
		const { limit, windowSeconds } = rule('together');
		// One second into a window of the "together" limit, after every other time in this file.
		const windowMs = windowSeconds * 1000;
		const t = new Date(Math.ceil(at(1000).getTime() / windowMs) * windowMs + 1000);
		// As the routes do it: count the attempt, then send.
		const attempt = (who: string, input: TogetherEventInput, session = sessionId) =>
			refusal(
				(async () => {
					await countTogetherAttempt(database.db, users[who], t);
					return sendTogetherEvent(database.db, users[who], session, input, t);
				})()
			);
		const point = { kind: 'highlight' as const, target: 'subgoal' as const, id: first.id };
		const events = await eventCount(sessionId);

		// Three refused attempts: a stale version, a delmål from Ali's plan, a session that is not there.
		expect(
			await attempt('demo-lone', {
				kind: 'next_step',
				subgoalId: first.id,
				nextStep: 'Gammel',
				version: first.version - 1
			})
		).toBe('stale');
		expect(await attempt('demo-lone', { kind: 'highlight', target: 'subgoal', id: alis.id })).toBe('not_in_plan');
		expect(await attempt('demo-lone', point, crypto.randomUUID())).toBe('not_found');

		// Then many at once (on PostgreSQL through several connections): only the rest of the
		// limit gets through, the others are refused with the end of the window, nothing more stored.
		const results = await Promise.all(Array.from({ length: limit + 10 }, () => attempt('demo-lone', point)));
		expect(results.filter((r) => r === 'allowed')).toHaveLength(limit - 3);
		expect(results.filter((r) => r === 'flood')).toHaveLength(13);
		expect(await eventCount(sessionId)).toBe(events + limit - 3);
		try {
			await countTogetherAttempt(database.db, users['demo-lone'], t);
			expect.unreachable();
		} catch (cause) {
			expect((cause as TogetherError).code).toBe('flood');
			expect((cause as TogetherError).retry).toEqual({
				retryAt: new Date(t.getTime() - 1000 + windowMs),
				retryAfterSeconds: windowSeconds - 1
			});
		}

		// Sara is counted on her own; and in the next window, Lone may point again.
		expect(await attempt('demo-sara', { kind: 'highlight', target: 'goal', id: first.goalId })).toBe('allowed');
		const next = new Date(t.getTime() + windowMs);
		await countTogetherAttempt(database.db, users['demo-lone'], next);
		expect(await refusal(sendTogetherEvent(database.db, users['demo-lone'], sessionId, point, next))).toBe('allowed');
	});

	it('a relative joins only with the join_video scope, may point, and may not write', async () => {
		const sara = users['demo-sara'].id;
		const jens = users['demo-jens'].id;
		expect(await refusal(inviteRelativeToTogether(database.db, users['demo-lone'], sessionId, jens, at(200)))).toBe(
			'not_allowed'
		);
		expect(await refusal(inviteRelativeToTogether(database.db, users['demo-sara'], sessionId, jens, at(200)))).toBe(
			'scope_missing'
		);
		const where = and(eq(relativeDelegations.citizenId, sara), eq(relativeDelegations.relativeId, jens));
		const [delegation] = await database.db.select().from(relativeDelegations).where(where);
		await database.db
			.update(relativeDelegations)
			.set({ scopes: [...delegation.scopes, 'join_video'] })
			.where(where);
		const updated = await inviteRelativeToTogether(database.db, users['demo-sara'], sessionId, jens, at(201));
		expect(updated.relativeId).toBe(jens);

		const [first] = await subgoalsOf('demo-sara');
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-jens'],
					sessionId,
					{ kind: 'highlight', target: 'subgoal', id: first.id },
					at(202)
				)
			)
		).toBe('allowed');
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-jens'],
					sessionId,
					{ kind: 'note', subgoalId: first.id, id: crypto.randomUUID(), text: 'Hej', version: first.version },
					at(203)
				)
			)
		).toBe('not_allowed');
		expect(await refusal(endTogether(database.db, users['demo-jens'], sessionId, at(203)))).toBe('not_allowed');
		// Notes are between the citizen and the professionals: Jens's catch-up has none.
		const seen = await catchUp(database.db, users['demo-jens'], sessionId, 0);
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.filter((m) => m.kind === 'note')).toEqual([]);

		// Without the scope, Jens is refused on his very next event.
		await database.db.update(relativeDelegations).set({ scopes: delegation.scopes }).where(where);
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-jens'],
					sessionId,
					{ kind: 'highlight', target: 'subgoal', id: first.id },
					at(204)
				)
			)
		).toBe('scope_missing');
	});

	it('Sara ends it with one tap; Lone’s next event is refused and nothing more is stored', async () => {
		const [first] = await subgoalsOf('demo-sara');
		const ended = await endTogether(database.db, users['demo-sara'], sessionId, at(300));
		expect([ended.status, ended.endedBy]).toEqual(['ended', users['demo-sara'].id]);
		const events = await eventCount(sessionId);
		for (const input of [
			{ kind: 'highlight' as const, target: 'subgoal' as const, id: first.id },
			{ kind: 'next_step' as const, subgoalId: first.id, nextStep: 'Efter slut', version: first.version }
		])
			expect(await refusal(sendTogetherEvent(database.db, users['demo-lone'], sessionId, input, at(301)))).toBe(
				'ended'
			);
		expect(await eventCount(sessionId)).toBe(events);
		// Ending twice is harmless.
		expect((await endTogether(database.db, users['demo-sara'], sessionId, at(302))).status).toBe('ended');
		expect(await eventCount(sessionId)).toBe(events);
		const [row] = await database.db.select().from(subgoals).where(eq(subgoals.id, first.id));
		expect(row.nextStep).toBe(first.nextStep);
	});

	it('Lone losing her assignment is refused on her very next event', async () => {
		const session = await start('demo-lone', users['demo-sara'].id, null, at(400));
		await acceptTogether(database.db, users['demo-sara'], session.id, at(401));
		const [first] = await subgoalsOf('demo-sara');
		const where = and(
			eq(careAssignments.citizenId, users['demo-sara'].id),
			eq(careAssignments.professionalId, users['demo-lone'].id)
		);
		const [assignment] = await database.db.select().from(careAssignments).where(where);
		await database.db.update(careAssignments).set({ endsOn: '2000-01-01' }).where(where);
		expect(
			await refusal(
				sendTogetherEvent(
					database.db,
					users['demo-lone'],
					session.id,
					{ kind: 'highlight', target: 'subgoal', id: first.id },
					at(402)
				)
			)
		).toBe('no_relation');
		await database.db.update(careAssignments).set({ endsOn: assignment.endsOn }).where(where);
		await endTogether(database.db, users['demo-sara'], session.id, at(403));
	});
});

describe('what the citizen is shown afterwards', () => {
	const t = later(3000);
	const at = (s: number) => new Date(t.getTime() + s * 1000);

	it('each of Lone’s steps is one access-log row saying what it was; Sara’s own steps are in none', async () => {
		const sara = users['demo-sara'];
		const lone = users['demo-lone'];
		const [{ lastLog }] = await database.db.select({ lastLog: max(accessLog.id) }).from(accessLog);
		// Sara asks, Lone says no thank you; Sara asks again, Lone says yes; both write; Lone stops.
		const first = await start('demo-sara', sara.id, null, at(0));
		await declineTogether(database.db, lone, first.id, at(1));
		const second = await start('demo-sara', sara.id, null, at(2));
		await acceptTogether(database.db, lone, second.id, at(3));
		const [subgoal] = await subgoalsOf('demo-sara');
		const note = (who: SessionUser, text: string, s: number) =>
			sendTogetherEvent(
				database.db,
				who,
				second.id,
				{ kind: 'note', subgoalId: subgoal.id, id: crypto.randomUUID(), text, version: subgoal.version },
				at(s)
			);
		await note(sara, 'Sara skriver.', 4);
		await note(lone, 'Lone skriver.', 5);
		await sendTogetherEvent(
			database.db,
			lone,
			second.id,
			{ kind: 'highlight', target: 'subgoal', id: subgoal.id },
			at(6)
		);
		await endTogether(database.db, lone, second.id, at(7));

		const log = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, sara.id), gt(accessLog.id, lastLog ?? 0)))
			.orderBy(accessLog.id);
		// Pointing shows and changes nothing new: no row.
		expect(log.map((r) => [r.actorId === lone.id ? 'Lone' : 'other', r.resource, r.detail])).toEqual([
			['Lone', 'together', 'together_decline'],
			['Lone', 'together', 'together_accept'],
			['Lone', 'plan', 'together_note'],
			['Lone', 'together', 'together_end']
		]);

		// On Sara's access log page, in plain words.
		const grant = await authorize(database.db, sara, sara.id, 'access_log', 'read');
		const page = await accessLogFor(database.db, grant);
		expect(page.rows.slice(0, 4).map((r) => [r.who, r.what, r.action])).toEqual([
			[expect.any(String), 'detail.together_end', 'write'],
			[expect.any(String), 'detail.together_note', 'write'],
			[expect.any(String), 'detail.together_accept', 'write'],
			[expect.any(String), 'detail.together_decline', 'write']
		]);

		// And the sessions themselves, hers included: the one that ran, from Lone's yes to the stop.
		const history = await togetherHistory(database.db, grant, at(8));
		expect(history[0]).toEqual({
			id: second.id,
			with: 'Lone',
			relative: null,
			from: at(3).toISOString(),
			until: at(7).toISOString(),
			state: 'ended'
		});
		expect(history.map((h) => h.id)).not.toContain(first.id);
		// Only Sara sees her sessions like this.
		const lones = await authorize(database.db, lone, sara.id, 'plan', 'read');
		expect(await refusal(togetherHistory(database.db, lones))).toBe('not_allowed');
	});

	it('a session that is running, and one that ran out without a stop, say so', async () => {
		const sara = users['demo-sara'];
		const session = await start('demo-lone', sara.id, null, at(100));
		await acceptTogether(database.db, sara, session.id, at(101));
		const grant = await authorize(database.db, sara, sara.id, 'access_log', 'read');
		expect((await togetherHistory(database.db, grant, at(102)))[0]).toMatchObject({
			id: session.id,
			until: null,
			state: 'running'
		});
		const muchLater = new Date(at(101).getTime() + (TOGETHER_LIMITS.activeHours * 3600 + 1) * 1000);
		expect((await togetherHistory(database.db, grant, muchLater))[0]).toMatchObject({
			id: session.id,
			until: null,
			state: 'ranOut'
		});
	});
});
