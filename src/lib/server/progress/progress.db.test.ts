import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createTestDb, seededAt } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { accessLog, loginIdentities, personRoles, planChanges, subgoals } from '../db/schema';
import { seedClock } from '../seed/time';
import { AccessDenied, authorize, type Action, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../../errors';
import { saveSubgoal } from '../plan/authoring';
import { setSubgoalStatus } from '../plan/citizen-actions';
import { completionTimes, moodsByWeek, progressOf, weekOf } from './service';

/**
 * "Mine skridt": the numbers come from the plan (done of all delmål in the current course), the
 * order and dates from the plan's history, and only people the policy lets read the plan see them.
 */

// The seed is placed around the real "now" (the run's start, when the shared template was seeded):
// the plan's history written by the tests has real timestamps.
const NOW = seededAt();
const clock = seedClock(NOW);
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

const grant = <R extends Resource = 'plan', A extends Action = 'read'>(
	actor: string,
	citizen: string,
	resource: R = 'plan' as R,
	action: A = 'read' as A
) => authorize(database.db, users[actor], users[citizen].id, resource, action, { now: NOW });

async function subgoalTitled(title: string) {
	const [row] = await database.db.select().from(subgoals).where(eq(subgoals.title, title));
	return row;
}

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-ali', 'demo-jens', 'demo-lone', 'demo-peter', 'demo-nina'])
		users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('completion times from the plan history', () => {
	const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
	it('takes the last time a delmål became done; an edit that keeps it done does not move it', () => {
		const times = completionTimes([
			{ entityId: 'a', before: null, after: { status: 'not_started', title: 'A' }, createdAt: at(0) },
			{ entityId: 'a', before: { status: 'working_on_it' }, after: { status: 'done' }, createdAt: at(10) },
			{
				entityId: 'a',
				before: { status: 'done', title: 'A' },
				after: { status: 'done', title: 'A!' },
				createdAt: at(20)
			},
			{ entityId: 'b', before: { status: 'not_started' }, after: { status: 'done' }, createdAt: at(5) },
			{ entityId: 'b', before: { status: 'done' }, after: { status: 'working_on_it' }, createdAt: at(6) },
			{ entityId: 'c', before: { status: 'done' }, after: { status: 'working_on_it' }, createdAt: at(1) },
			{ entityId: 'c', before: { status: 'working_on_it' }, after: { status: 'done' }, createdAt: at(30) }
		]);
		expect(Object.fromEntries(times)).toEqual({ a: at(10), c: at(30) });
	});
});

describe('progress of the demo citizen Sara', () => {
	it('counts every delmål of her plan and puts the done ones in the order she did them, with when', async () => {
		const progress = await progressOf(database.db, await grant('demo-sara', 'demo-sara'));
		expect(progress.total).toBe(9);
		expect(progress.done).toBe(3);
		expect(progress.steps.map((s) => [s.title, s.completedAt])).toEqual([
			['Skrive ned, hvad jeg er god til', clock.ago(44, '15:00').toISOString()],
			['Sige det til Lone, når noget er svært', clock.ago(29, '15:00').toISOString()],
			['Bruge en ugeplan på telefonen', clock.ago(19, '15:00').toISOString()]
		]);
		expect(progress.steps[2]).toMatchObject({ titleEasy: 'Bruge en ugeplan', goalTitle: 'Få styr på min uge' });
	});

	it('a delmål done today becomes the last step; moved back, it leaves the path again', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'plan', 'write');
		const alarm = await subgoalTitled('Sætte en alarm før hver aftale');
		const done = await setSubgoalStatus(database.db, sara, {
			subgoalId: alarm.id,
			status: 'done',
			version: alarm.version
		});
		let progress = await progressOf(database.db, await grant('demo-sara', 'demo-sara'));
		expect([progress.done, progress.total]).toEqual([4, 9]);
		expect(progress.steps.at(-1)?.id).toBe(alarm.id);
		const [change] = await database.db
			.select()
			.from(planChanges)
			.where(eq(planChanges.entityId, alarm.id))
			.orderBy(planChanges.createdAt);
		expect(progress.steps.at(-1)?.completedAt).toBe(change.createdAt.toISOString());

		await setSubgoalStatus(database.db, sara, { subgoalId: alarm.id, status: 'working_on_it', version: done.version });
		progress = await progressOf(database.db, await grant('demo-sara', 'demo-sara'));
		expect([progress.done, progress.total]).toEqual([3, 9]);
		expect(progress.steps.map((s) => s.id)).not.toContain(alarm.id);
	});

	it('a professional editing a done delmål does not move its step', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'plan', 'write');
		const list = await subgoalTitled('Skrive ned, hvad jeg er god til');
		await saveSubgoal(database.db, lone, {
			id: list.id,
			goalId: list.goalId,
			title: list.title,
			titleEasy: 'Skrive det, jeg er god til',
			status: 'done',
			nextStep: list.nextStep,
			nextStepEasy: list.nextStepEasy,
			dueOn: null,
			inFocus: false,
			version: list.version
		});
		const progress = await progressOf(database.db, await grant('demo-lone', 'demo-sara'));
		expect(progress.steps[0]).toMatchObject({
			id: list.id,
			titleEasy: 'Skrive det, jeg er god til',
			completedAt: clock.ago(44, '15:00').toISOString()
		});
	});

	it('a new delmål adds to the count, not to the steps', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'plan', 'write');
		const list = await subgoalTitled('Skrive ned, hvad jeg er god til');
		await saveSubgoal(database.db, lone, {
			goalId: list.goalId,
			title: 'Ringe til gartneriet selv',
			titleEasy: null,
			status: 'not_started',
			nextStep: null,
			nextStepEasy: null,
			dueOn: null,
			inFocus: false
		});
		const progress = await progressOf(database.db, await grant('demo-sara', 'demo-sara'));
		expect([progress.done, progress.total]).toEqual([3, 10]);
	});
});

describe('who may see it', () => {
	it('Jens (plan scope) and Sara’s professionals through the policy, each read logged', async () => {
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		const seenBy = async (subject: string) => (await progressOf(database.db, await grant(subject, 'demo-sara'))).done;
		expect(await seenBy('demo-jens')).toBe(3);
		expect(await seenBy('demo-peter')).toBe(3);
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-sara'].id), gt(accessLog.id, last ?? 0)));
		expect(rows.map((r) => [r.actorRole, r.resource])).toEqual([
			['relative', 'plan'],
			['caseworker', 'plan']
		]);
	});

	it('refuses anyone else, and a grant for other data', async () => {
		for (const [subject, reason] of [
			['demo-nina', 'no_relation'],
			['demo-ali', 'no_relation']
		] as const)
			await expect(grant(subject, 'demo-sara')).rejects.toMatchObject({ reason });
		await expect(grant('demo-jens', 'demo-sara', 'diary')).rejects.toBeInstanceOf(AccessDenied);
		// Progress from a meetings grant: the compiler refuses it (tests/unit/grant-types.test.ts).
	});

	it('each person sees only their own plan: Ali’s numbers are Ali’s', async () => {
		const ali = await progressOf(database.db, await grant('demo-ali', 'demo-ali'));
		const sara = await progressOf(database.db, await grant('demo-sara', 'demo-sara'));
		expect(ali.steps.map((s) => s.id).some((id) => sara.steps.some((t) => t.id === id))).toBe(false);
	});
});

describe('diary moods beside the path', () => {
	it('the rounded average mood per week, only for the weeks asked', async () => {
		const diary = await grant('demo-sara', 'demo-sara', 'diary');
		// Sara's seeded diary: days ago and mood, each written at 20:30.
		const seeded: Array<[number, number]> = [
			[26, 2],
			[23, 3],
			[19, 3],
			[15, 4],
			[11, 2],
			[8, 4],
			[6, 5],
			[3, 3],
			[1, 4]
		];
		const byWeek = new Map<string, number[]>();
		for (const [days, mood] of seeded) {
			const week = weekOf(clock.ago(days, '20:30'));
			byWeek.set(week, [...(byWeek.get(week) ?? []), mood]);
		}
		const weeks = [...byWeek.keys()];
		const far = weekOf(clock.ago(300, '12:00'));
		const moods = await moodsByWeek(database.db, diary, [...weeks, far], NOW);
		expect(Object.fromEntries(moods)).toEqual(
			Object.fromEntries(
				weeks.map((w) => [w, Math.round(byWeek.get(w)!.reduce((a, b) => a + b) / byWeek.get(w)!.length)])
			)
		);
		expect(moods.has(far)).toBe(false);
	});

	it('weeks begin on Monday in Danish time', () => {
		expect(weekOf('2027-10-01T08:00:00Z')).toBe('2027-09-27'); // a Friday
		expect(weekOf('2027-09-26T21:30:00Z')).toBe('2027-09-20'); // Sunday 26th, 23:30 in Denmark
		expect(weekOf('2027-09-26T22:30:00Z')).toBe('2027-09-27'); // Monday 27th, 00:30 in Denmark
		expect(weekOf('2027-03-28T21:59:00Z')).toBe('2027-03-22'); // Sunday 23:59, summer time began that night
	});

	it('the diary is private: nobody but Sara gets her moods', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'diary');
		await expect(moodsByWeek(database.db, lone, ['2027-09-20'], NOW)).rejects.toBeInstanceOf(DomainError);
	});
});
