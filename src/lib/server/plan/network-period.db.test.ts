import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import { createTestDb, SEEDED_AT_FIXED } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { courses, loginIdentities, meetings, personRoles, planChanges, planPeriods } from '../db/schema';
import { authorize, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError, StaleWriteError } from '../../errors';
import { newMeetingSchema } from '../../meetings/schemas';
import { utcToCopenhagen } from '../../meetings/time';
import { parseForm } from '../../validation';
import { agreedPlanPeriod, saveAgreed, scheduleMeetings } from '../meetings/service';
import { planOverview } from './service';

/**
 * "What we agreed" at a network meeting is the status of Borgerens Plan for the period the
 * meeting opens (DOMAIN.md): a new period from the meeting's day, or the one it is linked to.
 */

// The date the shared seeded template is seeded at (test-templates.ts).
const NOW = SEEDED_AT_FIXED;

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

const grant = <R extends Resource, A extends 'read' | 'write' = 'write'>(
	actor: string,
	citizen: string,
	resource: R,
	action: A = 'write' as A
) => authorize(database.db, users[actor], users[citizen].id, resource, action, { now: NOW });

async function schedule(actor: string, citizen: string, kind: 'netvaerksmoede' | 'walk_and_talk', date: string) {
	const parsed = parseForm(newMeetingSchema, { kind, date, startTime: '10:00', endTime: '11:30' });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const { meetings: rows } = await scheduleMeetings(
		database.db,
		await grant(actor, citizen, 'meetings'),
		parsed.data,
		NOW
	);
	return rows[0];
}

async function periodsOf(citizen: string) {
	return database.db
		.select({ period: planPeriods })
		.from(planPeriods)
		.innerJoin(courses, eq(courses.id, planPeriods.courseId))
		.where(eq(courses.citizenId, users[citizen].id))
		.orderBy(asc(planPeriods.startsOn))
		.then((rows) => rows.map((r) => r.period));
}

async function changesOf(entityId: string) {
	return database.db
		.select()
		.from(planChanges)
		.where(and(eq(planChanges.entityId, entityId), eq(planChanges.entity, 'plan_period')))
		.orderBy(desc(planChanges.createdAt));
}

/** Saves "what we agreed" as the staff page does: with the period token the page showed. */
async function agree(
	actor: string,
	citizen: string,
	meetingId: string,
	agreed: string,
	agreedEasy: string | null = null
) {
	const meetingsGrant = await grant(actor, citizen, 'meetings');
	const shown = await agreedPlanPeriod(database.db, meetingsGrant, meetingId, NOW);
	const [row] = await database.db.select().from(meetings).where(eq(meetings.id, meetingId));
	return saveAgreed(
		database.db,
		meetingsGrant,
		meetingId,
		{ agreed, agreedEasy, period: shown?.token ?? null, version: row.version },
		NOW,
		() => grant(actor, citizen, 'plan')
	);
}

beforeAll(async () => {
	database = await createTestDb({ seeded: NOW });
	for (const s of ['demo-jonas', 'demo-fatima', 'demo-lone', 'demo-peter', 'demo-henrik']) users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('what was agreed at a network meeting goes into the plan period', () => {
	let jonasMeeting = '';

	it('starts the first period on the day of the meeting, with the status, and the citizen sees it', async () => {
		expect(await periodsOf('demo-jonas')).toEqual([]);
		const meeting = await schedule('demo-lone', 'demo-jonas', 'netvaerksmoede', '2027-09-28');
		jonasMeeting = meeting.id;
		// The staff page asks with the read grant of its load; the citizen is never told a token.
		const read = (actor: string) => grant(actor, 'demo-jonas', 'meetings', 'read');
		const shown = await agreedPlanPeriod(database.db, await read('demo-lone'), meeting.id, NOW);
		expect(shown).toMatchObject({ mode: 'new', startsOn: '2027-09-28', begun: true });
		expect(await agreedPlanPeriod(database.db, await read('demo-jonas'), meeting.id, NOW)).toBeNull();

		const saved = await agree(
			'demo-lone',
			'demo-jonas',
			meeting.id,
			'Jonas søger to job om måneden. Næste netværksmøde er om tre måneder.',
			'Du søger to job hver måned.'
		);
		expect(saved).toMatchObject({ status: 'held', planPeriodId: saved.period!.id });
		const periods = await periodsOf('demo-jonas');
		expect(periods).toHaveLength(1);
		expect(periods[0]).toMatchObject({
			startsOn: '2027-09-28',
			endsOn: null,
			status: 'Jonas søger to job om måneden. Næste netværksmøde er om tre måneder.',
			statusEasy: 'Du søger to job hver måned.',
			version: 1
		});
		const changes = await changesOf(periods[0].id);
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ changedBy: users['demo-lone'].id, before: null });

		const plan = await planOverview(
			database.db,
			await grant('demo-jonas', 'demo-jonas', 'plan', 'read'),
			new Date('2027-10-01T10:00:00Z')
		);
		expect(plan.periods[0]).toMatchObject({ status: periods[0].status, statusEasy: 'Du søger to job hver måned.' });
	});

	it('writing it again changes the same period, with what it was before in the history', async () => {
		await agree('demo-lone', 'demo-jonas', jonasMeeting, 'Jonas søger tre job om måneden.');
		const periods = await periodsOf('demo-jonas');
		expect(periods).toHaveLength(1);
		// No easy text given: the old one would be out of date, so the plan shows the new text.
		expect(periods[0]).toMatchObject({ status: 'Jonas søger tre job om måneden.', statusEasy: null, version: 2 });
		const [latest] = await changesOf(periods[0].id);
		expect(latest.before).toMatchObject({
			status: 'Jonas søger to job om måneden. Næste netværksmøde er om tre måneder.'
		});
		expect(latest.after).toMatchObject({ status: 'Jonas søger tre job om måneden.' });
	});

	it('a save from a page that saw an older period is stale, and changes neither meeting nor plan', async () => {
		const meetingsGrant = await grant('demo-lone', 'demo-jonas', 'meetings');
		const seen = await agreedPlanPeriod(database.db, meetingsGrant, jonasMeeting, NOW);
		// Someone else writes the period first (through the plan, as the periods page does).
		await agree('demo-peter', 'demo-jonas', jonasMeeting, 'Peter skrev først.');
		const [row] = await database.db.select().from(meetings).where(eq(meetings.id, jonasMeeting));
		// The meeting version is the new one; only the period token is old.
		await expect(
			saveAgreed(
				database.db,
				meetingsGrant,
				jonasMeeting,
				{ agreed: 'Lone skrev bagefter.', period: seen!.token, version: row.version },
				NOW,
				() => grant('demo-lone', 'demo-jonas', 'plan')
			)
		).rejects.toBeInstanceOf(StaleWriteError);
		const [after] = await database.db.select().from(meetings).where(eq(meetings.id, jonasMeeting));
		expect(after.agreed).toBe('Peter skrev først.');
		expect((await periodsOf('demo-jonas'))[0].status).toBe('Peter skrev først.');
	});

	it('a later network meeting ends the running period and starts the next one, until the next network meeting', async () => {
		const before = await periodsOf('demo-fatima');
		const running = before.at(-1)!;
		expect(running.status).toBeTruthy();
		const meeting = await schedule('demo-henrik', 'demo-fatima', 'netvaerksmoede', '2027-09-30');
		await agree('demo-henrik', 'demo-fatima', meeting.id, 'Fatima starter i praktik i køkkenet på mandag.');
		const after = await periodsOf('demo-fatima');
		expect(after).toHaveLength(before.length + 1);
		const [closed, opened] = after.slice(-2);
		expect(closed).toMatchObject({ id: running.id, endsOn: '2027-09-30', status: running.status, version: 2 });
		// Fatima's next network meeting is planned: the new period runs until then.
		const [next] = await database.db
			.select({ startsAt: meetings.startsAt })
			.from(meetings)
			.where(and(eq(meetings.citizenId, users['demo-fatima'].id), eq(meetings.kind, 'netvaerksmoede')))
			.orderBy(desc(meetings.startsAt))
			.limit(1);
		expect(opened).toMatchObject({
			startsOn: '2027-09-30',
			endsOn: utcToCopenhagen(next.startsAt).date,
			status: 'Fatima starter i praktik i køkkenet på mandag.'
		});
		expect((await changesOf(closed.id))[0].after).toMatchObject({ endsOn: '2027-09-30' });
	});

	it('other meetings, and network meetings not held yet, leave the plan alone', async () => {
		const before = await periodsOf('demo-jonas');
		const walk = await schedule('demo-lone', 'demo-jonas', 'walk_and_talk', '2027-09-29');
		const saved = await agree('demo-lone', 'demo-jonas', walk.id, 'Vi gik en tur.');
		expect(saved.period).toBeNull();
		const coming = await schedule('demo-lone', 'demo-jonas', 'netvaerksmoede', '2027-12-01');
		const shown = await agreedPlanPeriod(
			database.db,
			await grant('demo-lone', 'demo-jonas', 'meetings'),
			coming.id,
			NOW
		);
		expect(shown).toMatchObject({ begun: false });
		expect((await agree('demo-lone', 'demo-jonas', coming.id, 'Skrevet for tidligt.')).period).toBeNull();
		expect(await periodsOf('demo-jonas')).toEqual(before);
	});

	it('a held network meeting is not saved without the policy’s plan grant', async () => {
		const meeting = await schedule('demo-lone', 'demo-jonas', 'netvaerksmoede', '2027-09-30');
		const meetingsGrant = await grant('demo-lone', 'demo-jonas', 'meetings');
		await expect(
			saveAgreed(database.db, meetingsGrant, meeting.id, { agreed: 'Uden plan.', version: 1 }, NOW)
		).rejects.toBeInstanceOf(DomainError);
		// A read grant for the plan is not a write grant: the compiler refuses it (tests/unit/grant-types.test.ts).
		const [row] = await database.db.select().from(meetings).where(eq(meetings.id, meeting.id));
		expect(row.agreed).toBeNull();
	});
});
