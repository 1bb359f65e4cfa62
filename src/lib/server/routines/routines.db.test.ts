import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	loginIdentities,
	media,
	personRoles,
	relativeDelegations,
	routineSteps,
	routineTicks,
	routines
} from '../db/schema';
import { mediaAccess } from '../policy/media';
import { checkImage } from '../media/image-check';
import { mediaSection } from '../media/export';
import { AccessDenied, authorize, type Action, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError, FieldError } from '../../errors';
import { stepSchema, tickSchema } from '../../routines/schemas';
import { replay } from '../sync/service';
import {
	addRoutine,
	addStep,
	dayOf,
	editStep,
	removeRoutine,
	removeStep,
	routinesOf,
	snoozeStep,
	tickStep,
	weeklyDoneRates
} from './service';
import { dueStepReminders } from './reminders';
import { routineNoticeJob, routineReminderSweep } from '../jobs/routine-notices';
import type { JobContext } from '../jobs/context';
import { copenhagenDate } from '../../meetings/time';

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
const grant = <R extends Resource, A extends Action>(actor: string, citizen: string, resource: R, action: A) =>
	authorize(database.db, users[actor], users[citizen].id, resource, action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-mette', 'demo-sara', 'demo-birgitte', 'demo-lone', 'demo-jens']) users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('Min dag: making routines', () => {
	it('Mette has the morning routine she made with Birgitte (the demo seed)', async () => {
		const list = await routinesOf(database.db, await grant('demo-mette', 'demo-mette', 'routines', 'read'));
		expect(list.map((r) => r.name)).toContain('Morgen');
		const morning = list.find((r) => r.name === 'Morgen')!;
		expect(morning.steps.map((s) => s.time)).toEqual(['07:00', null, null, '07:30', null, '08:00']);
	});

	it('Birgitte makes a routine with Mette; her work is in Mette’s access log', async () => {
		const g = await grant('demo-birgitte', 'demo-mette', 'routines', 'write');
		const routine = await addRoutine(database.db, g, { name: 'Efter arbejde', reminders: false });
		await addStep(database.db, g, { routineId: routine.id, text: 'Læg nøglerne', icon: 'key-round', time: '16:00' });
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-mette'].id), eq(accessLog.resource, 'routines')));
		expect(rows.some((r) => r.actorId === users['demo-birgitte'].id && r.action === 'write')).toBe(true);
	});

	it('refuses a professional not assigned, and a relative without the Min dag scope', async () => {
		await expect(grant('demo-lone', 'demo-mette', 'routines', 'read')).rejects.toThrow(AccessDenied);
		// Jens may see Sara's plan and meetings, not her day.
		await expect(grant('demo-jens', 'demo-sara', 'routines', 'read')).rejects.toMatchObject({
			reason: 'scope_missing'
		});
		await expect(grant('demo-jens', 'demo-sara', 'routines', 'write')).rejects.toThrow(AccessDenied);
	});

	it('checks every step: a time like 25:00, an unknown icon, 20,000 characters; control and bidi characters are dropped', () => {
		const base = { routineId: crypto.randomUUID(), text: 'Tag piller', icon: 'pill', time: '07:30' };
		expect(v.safeParse(stepSchema, { ...base, time: '25:00' }).success).toBe(false);
		expect(v.safeParse(stepSchema, { ...base, time: '7:3' }).success).toBe(false);
		expect(v.safeParse(stepSchema, { ...base, icon: 'skull' }).success).toBe(false);
		expect(v.safeParse(stepSchema, { ...base, text: 'x'.repeat(20_000) }).success).toBe(false);
		const cleaned = v.parse(stepSchema, { ...base, text: 'Tag\u0000 piller\u202E', time: '' });
		expect(cleaned).toMatchObject({ text: 'Tag piller', time: null });
	});

	it('stops at 10 routines and 30 steps, and stores nothing more', async () => {
		const g = await grant('demo-sara', 'demo-sara', 'routines', 'write');
		const made = [];
		for (let i = 0; i < 10; i++) made.push(await addRoutine(database.db, g, { name: `R${i}`, reminders: false }));
		await expect(addRoutine(database.db, g, { name: 'R10', reminders: false })).rejects.toBeInstanceOf(FieldError);
		for (let i = 0; i < 30; i++)
			await addStep(database.db, g, { routineId: made[0].id, text: `S${i}`, icon: 'sun', time: null });
		await expect(
			addStep(database.db, g, { routineId: made[0].id, text: 'S30', icon: 'sun', time: null })
		).rejects.toBeInstanceOf(FieldError);
		const rows = await database.db.select().from(routines).where(eq(routines.citizenId, users['demo-sara'].id));
		expect(rows).toHaveLength(10);
		const steps = await database.db.select().from(routineSteps).where(eq(routineSteps.routineId, made[0].id));
		expect(steps).toHaveLength(30);
	});

	it('a step in another citizen’s routine is "not found", and nothing is stored', async () => {
		const mettes = await routinesOf(database.db, await grant('demo-mette', 'demo-mette', 'routines', 'read'));
		const g = await grant('demo-sara', 'demo-sara', 'routines', 'write');
		const before = await database.db.select().from(routineSteps).where(eq(routineSteps.routineId, mettes[0].id));
		await expect(
			addStep(database.db, g, { routineId: mettes[0].id, text: 'Hej', icon: 'sun', time: null })
		).rejects.toMatchObject({ code: 'not_found' });
		const after = await database.db.select().from(routineSteps).where(eq(routineSteps.routineId, mettes[0].id));
		expect(after).toHaveLength(before.length);
	});
});

describe('Min dag: a photo for a step', () => {
	const jpeg = () => checkImage(new Uint8Array(readFileSync('tests/support/media/letter.jpg')));
	const mediaOfStep = (stepId: string) =>
		database.db.select({ id: media.id }).from(media).where(eq(media.subjectId, stepId));
	const sees = (who: string, mediaId: string) =>
		mediaAccess(database.db, users[who], mediaId).then(
			() => true,
			() => false
		);

	it('is seen by the citizen, her professional, and a relative only with the Min dag scope', async () => {
		const g = await grant('demo-sara', 'demo-sara', 'routines', 'write');
		// One of the ten routines made above (empty): Sara has no room for more.
		const routine = (await routinesOf(database.db, g)).find((r) => r.name === 'R1')!;
		const step = await addStep(
			database.db,
			g,
			{ routineId: routine.id, text: 'Tænd maskinen', icon: 'coffee', time: null },
			jpeg()
		);
		const [{ id }] = await mediaOfStep(step.id);
		const listed = await routinesOf(database.db, g);
		expect(listed.find((r) => r.id === routine.id)?.steps[0].photoId).toBe(id);
		expect(await sees('demo-sara', id)).toBe(true);
		expect(await sees('demo-lone', id)).toBe(true);
		expect(await sees('demo-mette', id)).toBe(false);
		// In Sara's export, through the media section.
		const exported = (await mediaSection.load({ db: database.db, citizenId: g.citizenId, now: new Date() })).json(
			() => 'Sara'
		);
		expect(exported.media.find((m) => m.id === id)?.belongsTo).toEqual({ type: 'routine_step', id: step.id });
		// Jens is Sara's relative without the Min dag scope; with it he sees the photo.
		expect(await sees('demo-jens', id)).toBe(false);
		const where = and(
			eq(relativeDelegations.citizenId, users['demo-sara'].id),
			eq(relativeDelegations.relativeId, users['demo-jens'].id)
		);
		const [delegation] = await database.db.select().from(relativeDelegations).where(where);
		await database.db
			.update(relativeDelegations)
			.set({ scopes: [...delegation.scopes, 'min_dag'] })
			.where(where);
		try {
			expect(await sees('demo-jens', id)).toBe(true);
		} finally {
			await database.db.update(relativeDelegations).set({ scopes: delegation.scopes }).where(where);
		}
	});

	it('keeps one photo per step: a new one replaces it, "remove" takes it away, and it goes with the step or routine', async () => {
		const g = await grant('demo-sara', 'demo-sara', 'routines', 'write');
		const [routine] = (await routinesOf(database.db, g)).filter((r) => r.name === 'R1');
		const stepId = routine.steps[0].id;
		const [old] = await mediaOfStep(stepId);
		const edit = { stepId, text: 'Tænd maskinen', icon: 'coffee', time: null };
		await editStep(database.db, g, { ...edit, removePhoto: false }, jpeg());
		const now = await mediaOfStep(stepId);
		expect(now).toHaveLength(1);
		expect(now[0].id).not.toBe(old.id);
		await editStep(database.db, g, { ...edit, removePhoto: true });
		expect(await mediaOfStep(stepId)).toHaveLength(0);
		expect((await routinesOf(database.db, g)).find((r) => r.id === routine.id)?.steps[0].photoId).toBeNull();

		await editStep(database.db, g, { ...edit, removePhoto: false }, jpeg());
		const [photo] = await mediaOfStep(stepId);
		await removeStep(database.db, g, stepId);
		expect(await mediaOfStep(stepId)).toHaveLength(0);
		expect(await sees('demo-sara', photo.id)).toBe(false);
		// A photo for the removed step: not found, nothing stored.
		await expect(editStep(database.db, g, { ...edit, removePhoto: false }, jpeg())).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await mediaOfStep(stepId)).toHaveLength(0);

		const other = await addStep(
			database.db,
			g,
			{ routineId: routine.id, text: 'Drik kaffen', icon: 'coffee', time: null },
			jpeg()
		);
		await removeRoutine(database.db, g, routine.id);
		expect(await mediaOfStep(other.id)).toHaveLength(0);
	});

	it('a photo for another citizen’s step is "not found", and nothing is stored', async () => {
		const mettes = await routinesOf(database.db, await grant('demo-mette', 'demo-mette', 'routines', 'read'));
		const stepId = mettes[0].steps[0].id;
		const g = await grant('demo-sara', 'demo-sara', 'routines', 'write');
		const edit = { stepId, text: 'Hej', icon: 'sun', time: null, removePhoto: false };
		await expect(editStep(database.db, g, edit, jpeg())).rejects.toMatchObject({ code: 'not_found' });
		expect(await mediaOfStep(stepId)).toHaveLength(0);
	});
});

describe('Min dag: ticks', () => {
	it('stores a tick once: the same id again, or the same step and day with another id', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'routines', 'write');
		const day = await dayOf(database.db, g);
		const step = day.routines[0].steps[5];
		const tick = { id: crypto.randomUUID(), stepId: step.id, day: day.day };
		expect(await tickStep(database.db, g, tick)).toEqual({ created: true });
		expect(await tickStep(database.db, g, tick)).toEqual({ created: false });
		expect(await tickStep(database.db, g, { ...tick, id: crypto.randomUUID() })).toEqual({ created: false });
		expect((await dayOf(database.db, g)).done).toContain(step.id);
	});

	it('refuses a day too far back or ahead, and a step that was removed', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'routines', 'write');
		const day = await dayOf(database.db, g);
		const step = day.routines[0].steps[1];
		await expect(
			tickStep(database.db, g, { id: crypto.randomUUID(), stepId: step.id, day: '2020-01-01' })
		).rejects.toBeInstanceOf(FieldError);
		const extra = await addStep(database.db, g, {
			routineId: day.routines[0].id,
			text: 'Ekstra',
			icon: 'tv',
			time: null
		});
		await removeStep(database.db, g, extra.id);
		await expect(
			tickStep(database.db, g, { id: crypto.randomUUID(), stepId: extra.id, day: day.day })
		).rejects.toBeInstanceOf(DomainError);
		const stored = await database.db.select().from(routineTicks).where(eq(routineTicks.stepId, extra.id));
		expect(stored).toHaveLength(0);
	});

	it('the outbox sends ticks made offline: stored once, a removed step refused with a plain reason', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'routines', 'write');
		const day = await dayOf(database.db, g);
		const step = day.routines[0].steps[2];
		const gone = await addStep(database.db, g, { routineId: day.routines[0].id, text: 'Væk', icon: 'bed', time: null });
		await removeStep(database.db, g, gone.id);
		const id = crypto.randomUUID();
		const items = [
			{ id, kind: 'tick', payload: { stepId: step.id, day: day.day, doneAt: new Date().toISOString() } },
			{ id: crypto.randomUUID(), kind: 'tick', payload: { stepId: gone.id, day: day.day } },
			{ id: crypto.randomUUID(), kind: 'tick', payload: { stepId: step.id, day: '25:00' } }
		];
		const first = await replay(database.db, users['demo-mette'], users['demo-mette'].id, items);
		expect(first.map((r) => r.status)).toEqual(['stored', 'invalid', 'invalid']);
		expect(first[1].reason).toBe('routines.stepGone');
		const again = await replay(database.db, users['demo-mette'], users['demo-mette'].id, [items[0]]);
		expect(again[0].status).toBe('duplicate');
		const stored = await database.db.select().from(routineTicks).where(eq(routineTicks.id, id));
		expect(stored).toHaveLength(1);
	});

	it('a tick for a day that is no date is refused by its schema', () => {
		expect(
			v.safeParse(tickSchema, { id: crypto.randomUUID(), stepId: crypto.randomUUID(), day: '2026-13-01' }).success
		).toBe(false);
	});

	it('"Ikke nu" is the citizen’s alone', async () => {
		const g = await grant('demo-birgitte', 'demo-mette', 'routines', 'write');
		const day = await dayOf(database.db, await grant('demo-mette', 'demo-mette', 'routines', 'read'));
		await expect(
			snoozeStep(database.db, g, { stepId: day.routines[0].steps[0].id, day: day.day })
		).rejects.toBeInstanceOf(DomainError);
	});
});

describe('Min dag: which routines help', () => {
	it('gives a done-rate per routine per ISO week, never per day', async () => {
		const rates = await weeklyDoneRates(database.db, await grant('demo-birgitte', 'demo-mette', 'routines', 'read'));
		const morning = rates.find((r) => r.name === 'Morgen')!;
		expect(morning.weeks.length).toBeGreaterThanOrEqual(3);
		for (const week of morning.weeks) {
			expect(week.week).toMatch(/^\d{4}-W\d{2}$/);
			expect(week.rate).toBeGreaterThanOrEqual(0);
			expect(week.rate).toBeLessThanOrEqual(1);
			expect(Object.keys(week).sort()).toEqual(['done', 'due', 'rate', 'week']);
		}
		expect(morning.weeks.some((w) => w.done > 0)).toBe(true);
	});
});

describe('Min dag: reminders', () => {
	async function stepAt(time: string) {
		const g = await grant('demo-mette', 'demo-mette', 'routines', 'write');
		const routine = await addRoutine(database.db, g, { name: `Påmind ${time}`, reminders: true });
		return addStep(database.db, g, { routineId: routine.id, text: 'Spis', icon: 'utensils', time });
	}

	it('a step at 07:30 is due at 07:30 Copenhagen time on both days the clocks change', async () => {
		const step = await stepAt('07:30');
		const dueAt = async (iso: string) =>
			(await dueStepReminders(database.db, new Date(iso))).filter((d) => d.stepId === step.id);
		// 29 March 2026: summer time from 02:00, so 07:30 is 05:30 UTC.
		expect(await dueAt('2026-03-29T05:31:00Z')).toHaveLength(1);
		expect(await dueAt('2026-03-29T06:31:00Z')).toHaveLength(0);
		// 25 October 2026: winter time from 03:00, so 07:30 is 06:30 UTC.
		expect(await dueAt('2026-10-25T06:30:00Z')).toHaveLength(1);
		expect(await dueAt('2026-10-25T05:30:00Z')).toHaveLength(0);
		// The day before each change, for comparison.
		expect(await dueAt('2026-03-28T06:30:00Z')).toHaveLength(1);
		expect(await dueAt('2026-10-24T05:30:00Z')).toHaveLength(1);
	});

	it('a step in the hour skipped in spring comes right after the change, once', async () => {
		const step = await stepAt('02:30');
		const due = (await dueStepReminders(database.db, new Date('2026-03-29T01:31:00Z'))).filter(
			(d) => d.stepId === step.id
		);
		expect(due).toHaveLength(1);
		expect(due[0].at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
		// In autumn 02:30 comes twice on the wall clock; the reminder comes at the first.
		const autumn = await stepAt('02:45');
		const first = await dueStepReminders(database.db, new Date('2026-10-25T00:46:00Z'));
		const second = await dueStepReminders(database.db, new Date('2026-10-25T01:46:00Z'));
		expect(first.filter((d) => d.stepId === autumn.id)).toHaveLength(1);
		expect(second.filter((d) => d.stepId === autumn.id)).toHaveLength(0);
	});

	it('is sent once even when two servers sweep and work it', async () => {
		const now = new Date();
		const sent = new Map<string, object>();
		const ctx = (): JobContext => ({
			db: database.db,
			now: () => now,
			send: async (_queue, data, key) => (sent.has(key) ? null : (sent.set(key, data), key)),
			config: {} as JobContext['config']
		});
		const hhmm = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Copenhagen',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(now);
		const step = await stepAt(hhmm);
		await Promise.all([routineReminderSweep(ctx()), routineReminderSweep(ctx())]);
		const jobs = [...sent.values()].filter((j) => (j as { stepId: string }).stepId === step.id);
		expect(jobs).toHaveLength(1);
		const job = jobs[0] as { stepId: string; day: string; at: string };
		expect(job.day).toBe(copenhagenDate(now));
		const [a, b] = [await routineNoticeJob(ctx(), job), await routineNoticeJob(ctx(), job)];
		expect(a).not.toHaveProperty('skipped');
		expect(b).toEqual({ skipped: 'already_sent' });
	});

	it('is not sent for a step already done, or with reminders off', async () => {
		const g = await grant('demo-mette', 'demo-mette', 'routines', 'write');
		const step = await stepAt('12:00');
		const day = '2026-12-07';
		const job = { stepId: step.id, day, at: '2026-12-07T11:00:00.000Z' };
		const ctx = { db: database.db, now: () => new Date('2026-12-07T11:01:00Z') } as JobContext;
		await database.db.insert(routineTicks).values({
			id: crypto.randomUUID(),
			stepId: step.id,
			citizenId: g.citizenId,
			day,
			doneAt: new Date('2026-12-07T10:59:00Z')
		});
		expect(await routineNoticeJob(ctx, job)).toEqual({ skipped: 'done' });
		const other = await stepAt('13:00');
		await database.db.update(routines).set({ reminders: false }).where(eq(routines.id, other.routineId));
		expect(await routineNoticeJob(ctx, { ...job, stepId: other.id })).toEqual({ skipped: 'not_chosen' });
	});
});
