import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb, seededAt } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	coursePhases,
	courses,
	goals,
	loginIdentities,
	meetingParticipants,
	meetings,
	personRoles,
	planChanges,
	subgoalNotes,
	subgoals,
	subgoalSuggestions
} from '../db/schema';
import { authorize, type Action } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError, StaleWriteError } from '../../errors';
import { answerSuggestion, saveCourse, saveGoal, savePlanPeriod, saveSubgoal } from './authoring';
import { addSubgoalNote, setSubgoalStatus, suggestSubgoal } from './citizen-actions';
import { planOverview, planPage } from './service';

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

const grantFor = <A extends Action>(actor: string, citizen: string, action: A) =>
	authorize(database.db, users[actor], users[citizen].id, 'plan', action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-ali', 'demo-lone', 'demo-nina', 'demo-peter']) users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('plan authoring by a professional', () => {
	it('creates a goal and a delmål in focus, versioned, and the citizen sees who changed it', async () => {
		const grant = await grantFor('demo-lone', 'demo-sara', 'write');
		const goal = await saveGoal(database.db, grant, {
			title: 'Gå en tur hver dag',
			titleEasy: 'Gå en tur',
			ownWords: null,
			whyItMatters: 'Jeg får det bedre, når jeg har været ude.',
			status: 'active'
		});
		const subgoal = await saveSubgoal(database.db, grant, {
			goalId: goal.id,
			title: 'Gå ned til søen tirsdag',
			titleEasy: null,
			status: 'not_started',
			nextStep: 'Find dine gode sko frem.',
			nextStepEasy: null,
			dueOn: null,
			inFocus: true
		});
		const sarasFocus = (await planOverview(database.db, await grantFor('demo-sara', 'demo-sara', 'read'))).goals
			.flatMap((g) => g.subgoals)
			.filter((s) => s.inFocus);
		expect(sarasFocus.map((s) => s.id)).toEqual([subgoal.id]);

		const overview = await planOverview(database.db, await grantFor('demo-sara', 'demo-sara', 'read'));
		const seen = overview.goals.find((g) => g.id === goal.id)!;
		expect(seen.subgoals[0]).toMatchObject({ title: 'Gå ned til søen tirsdag', changedBy: 'Lone' });

		const changes = await database.db.select().from(planChanges).where(eq(planChanges.entityId, subgoal.id));
		expect(changes).toHaveLength(1);
		expect(changes[0].changedBy).toBe(users['demo-lone'].id);
	});

	it('refuses a stale save and keeps the newer version', async () => {
		const grant = await grantFor('demo-lone', 'demo-sara', 'write');
		const goal = await saveGoal(database.db, grant, {
			title: 'Første udgave',
			titleEasy: null,
			ownWords: null,
			whyItMatters: null,
			status: 'active'
		});
		await saveGoal(database.db, grant, { ...goal, title: 'Anden udgave', version: 1 });
		const stale = saveGoal(database.db, grant, { ...goal, title: 'Tredje, gammel udgave', version: 1 });
		await expect(stale).rejects.toBeInstanceOf(StaleWriteError);
		await stale.catch((e: StaleWriteError<{ title: string; version: number }>) =>
			expect(e.current).toMatchObject({ title: 'Anden udgave', version: 2 })
		);
		const [row] = await database.db.select().from(goals).where(eq(goals.id, goal.id));
		expect(row.title).toBe('Anden udgave');
		const history = await database.db.select().from(planChanges).where(eq(planChanges.entityId, goal.id));
		expect(history.map((h) => (h.before as { title?: string } | null)?.title ?? null)).toEqual([null, 'Første udgave']);
	});

	it('cannot touch another citizen’s goal through a grant for this one', async () => {
		const alisGoal = (await planOverview(database.db, await grantFor('demo-ali', 'demo-ali', 'read'))).goals[0];
		const grant = await grantFor('demo-lone', 'demo-sara', 'write');
		await expect(
			saveGoal(database.db, grant, {
				id: alisGoal.id,
				title: 'Overtaget',
				titleEasy: null,
				ownWords: null,
				whyItMatters: null,
				status: 'active',
				version: 1
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			saveSubgoal(database.db, grant, {
				goalId: alisGoal.id,
				title: 'x',
				titleEasy: null,
				status: 'not_started',
				nextStep: null,
				nextStepEasy: null,
				dueOn: null,
				inFocus: false
			})
		).rejects.toBeInstanceOf(DomainError);
	});

	it('changes the course and regenerates its phases from the template', async () => {
		const grant = await grantFor('demo-peter', 'demo-ali', 'write');
		const before = (await planOverview(database.db, grant)).course!;
		const [course] = await database.db.select().from(courses).where(eq(courses.id, before.id));
		const updated = await saveCourse(database.db, grant, {
			programme: 'jobrettet_rehabilitering',
			variant: '4_months',
			startsOn: course.startsOn,
			endsOn: null,
			version: course.version
		});
		expect(updated.variant).toBe('4_months');
		const phases = await database.db.select().from(coursePhases).where(eq(coursePhases.courseId, course.id));
		expect(phases.map((p) => p.key)).toContain('virksomhedspraktik');
		// A second "new course" while one runs is refused rather than silently making two.
		await expect(
			saveCourse(database.db, grant, {
				programme: 'mestringsforloeb',
				variant: 'standard',
				startsOn: '2026-12-01',
				endsOn: null
			})
		).rejects.toBeInstanceOf(StaleWriteError);
	});

	it('adds and edits a plan period', async () => {
		const grant = await grantFor('demo-lone', 'demo-sara', 'write');
		const period = await savePlanPeriod(database.db, grant, {
			startsOn: '2026-12-01',
			endsOn: '2027-02-01',
			status: 'Status',
			statusEasy: null
		});
		const edited = await savePlanPeriod(database.db, grant, {
			id: period.id,
			startsOn: '2026-12-01',
			endsOn: '2027-03-01',
			status: 'Ny status',
			statusEasy: 'Ny',
			version: 1
		});
		expect(edited).toMatchObject({ version: 2, status: 'Ny status' });
	});
});

describe('the citizen’s own actions', () => {
	it('marks a delmål done; a stale status is refused', async () => {
		const grant = await grantFor('demo-sara', 'demo-sara', 'write');
		const target = (await planOverview(database.db, grant)).goals
			.flatMap((g) => g.subgoals)
			.find((s) => s.status !== 'done')!;
		const [row] = await database.db.select().from(subgoals).where(eq(subgoals.id, target.id));
		const done = await setSubgoalStatus(database.db, grant, {
			subgoalId: target.id,
			status: 'done',
			version: row.version
		});
		expect(done).toMatchObject({ status: 'done', version: row.version + 1, updatedBy: users['demo-sara'].id });
		await expect(
			setSubgoalStatus(database.db, grant, { subgoalId: target.id, status: 'paused', version: row.version })
		).rejects.toBeInstanceOf(StaleWriteError);
	});

	it('writes a note once, even when the same note is sent twice; a reused id with other text is refused', async () => {
		const grant = await grantFor('demo-sara', 'demo-sara', 'write');
		const subgoalId = (await planOverview(database.db, grant)).goals[0].subgoals[0].id;
		const id = crypto.randomUUID();
		const first = await addSubgoalNote(database.db, grant, { id, subgoalId, text: 'Det gik fint i dag.' });
		const again = await addSubgoalNote(database.db, grant, { id, subgoalId, text: 'Det gik fint i dag.' });
		expect([first.created, again.created]).toEqual([true, false]);
		expect(await database.db.select().from(subgoalNotes).where(eq(subgoalNotes.id, id))).toHaveLength(1);
		await expect(addSubgoalNote(database.db, grant, { id, subgoalId, text: 'Noget andet' })).rejects.toMatchObject({
			code: 'conflict'
		});
	});

	it('suggests a delmål; the professional accepts it and it becomes a delmål', async () => {
		const citizen = await grantFor('demo-sara', 'demo-sara', 'write');
		const goalId = (await planOverview(database.db, citizen)).goals[0].id;
		const suggestion = await suggestSubgoal(database.db, citizen, {
			goalId,
			title: 'Ringe til min søster om søndagen'
		});
		expect(suggestion.status).toBe('pending');
		const mentor = await grantFor('demo-lone', 'demo-sara', 'write');
		const answered = await answerSuggestion(database.db, mentor, {
			suggestionId: suggestion.id,
			decision: 'accepted',
			answer: null
		});
		expect(answered.status).toBe('accepted');
		const [made] = await database.db.select().from(subgoals).where(eq(subgoals.id, answered.subgoalId!));
		expect(made).toMatchObject({ goalId, title: 'Ringe til min søster om søndagen' });
		// Answered once: a second answer is refused.
		await expect(
			answerSuggestion(database.db, mentor, { suggestionId: suggestion.id, decision: 'accepted', answer: null })
		).rejects.toBeInstanceOf(StaleWriteError);
	});

	it('a suggestion to talk about keeps it open with the professional’s answer', async () => {
		const citizen = await grantFor('demo-sara', 'demo-sara', 'write');
		const goalId = (await planOverview(database.db, citizen)).goals[0].id;
		const suggestion = await suggestSubgoal(database.db, citizen, { goalId, title: 'Flytte til Aarhus' });
		const mentor = await grantFor('demo-lone', 'demo-sara', 'write');
		await answerSuggestion(database.db, mentor, {
			suggestionId: suggestion.id,
			decision: 'discussing',
			answer: 'Lad os tale om det på tirsdag.'
		});
		const [row] = await database.db
			.select()
			.from(subgoalSuggestions)
			.where(and(eq(subgoalSuggestions.id, suggestion.id)));
		expect(row).toMatchObject({ status: 'discussing', answer: 'Lad os tale om det på tirsdag.', subgoalId: null });
	});

	// "A read grant cannot write" is now the compiler's: see tests/unit/grant-types.test.ts.
});

describe('what the plan shows of the conversation', () => {
	it('the three newest notes of every delmål, however many another delmål has; no withdrawn suggestions', async () => {
		const citizen = await grantFor('demo-ali', 'demo-ali', 'read');
		const [goal] = (await planOverview(database.db, citizen)).goals;
		const [busy, quiet] = goal.subgoals;
		const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
		await database.db.insert(subgoalNotes).values([
			...[1, 2].map((n) => ({
				id: crypto.randomUUID(),
				subgoalId: quiet.id,
				authorId: users['demo-ali'].id,
				text: `Stille ${n}`,
				createdAt: at(600 + n)
			})),
			...Array.from({ length: 100 }, (_, n) => ({
				id: crypto.randomUUID(),
				subgoalId: busy.id,
				authorId: users['demo-ali'].id,
				text: `Travl ${n}`,
				createdAt: at(n + 1)
			}))
		]);
		await database.db.insert(subgoalSuggestions).values([
			{
				id: crypto.randomUUID(),
				goalId: goal.id,
				suggestedBy: users['demo-ali'].id,
				title: 'Trukket tilbage',
				status: 'withdrawn'
			},
			{
				id: crypto.randomUUID(),
				goalId: goal.id,
				suggestedBy: users['demo-ali'].id,
				title: 'Venter',
				status: 'pending'
			}
		]);

		const shown = (await planOverview(database.db, citizen)).goals[0];
		const notesOf = (id: string) => shown.subgoals.find((s) => s.id === id)!.notes.map((n) => n.text);
		expect(notesOf(busy.id)).toEqual(['Travl 0', 'Travl 1', 'Travl 2']);
		// A delmål with a hundred newer notes elsewhere in the plan does not push this one's notes out.
		expect(notesOf(quiet.id).slice(0, 2)).toEqual(['Stille 1', 'Stille 2']);
		expect(notesOf(quiet.id).length).toBeLessThanOrEqual(3);
		expect(shown.suggestions.map((s) => s.title)).toContain('Venter');
		expect(shown.suggestions.map((s) => s.title)).not.toContain('Trukket tilbage');
	});

	it('a relative sees the plan without the notes and suggestions', async () => {
		users['demo-jens'] = await user('demo-jens');
		const plan = await planOverview(database.db, await grantFor('demo-jens', 'demo-sara', 'read'));
		expect(plan.goals.length).toBeGreaterThan(0);
		expect(plan.goals.flatMap((g) => [...g.suggestions, ...g.subgoals.flatMap((s) => s.notes)])).toEqual([]);
		const own = await planOverview(database.db, await grantFor('demo-sara', 'demo-sara', 'read'));
		expect(own.goals.flatMap((g) => g.subgoals.flatMap((s) => s.notes)).length).toBeGreaterThan(0);
	});

	it('says whether a support time is on now: the citizen any, a professional one they take part in, a relative never', async () => {
		users['demo-jens'] ??= await user('demo-jens');
		// A night a month from now, when the demo data has no meeting: only this test's meeting is on.
		const now = new Date(Date.UTC(seededAt().getUTCFullYear(), seededAt().getUTCMonth() + 1, 15, 2, 0));
		expect((await planPage(database.db, await grantFor('demo-sara', 'demo-sara', 'read'), now)).supportTimeNow).toBe(
			false
		);
		const [meeting] = await database.db
			.insert(meetings)
			.values({
				citizenId: users['demo-sara'].id,
				kind: 'opfoelgning',
				startsAt: new Date(now.getTime() - 5 * 60_000),
				endsAt: new Date(now.getTime() + 30 * 60_000),
				videoUrl: 'https://video.example.dk/stoette',
				createdBy: users['demo-lone'].id
			})
			.returning();
		const on = async (actor: string) =>
			(await planPage(database.db, await grantFor(actor, 'demo-sara', 'read'), now)).supportTimeNow;
		try {
			expect(await on('demo-sara')).toBe(true);
			expect(await on('demo-lone')).toBe(true);
			expect(await on('demo-peter')).toBe(false);
			await database.db.insert(meetingParticipants).values({ meetingId: meeting.id, personId: users['demo-peter'].id });
			expect(await on('demo-peter')).toBe(true);
			expect(await on('demo-jens')).toBe(false);
			const seen = await planPage(database.db, await grantFor('demo-peter', 'demo-sara', 'read'), now);
			expect(seen.citizen?.id).toBe(users['demo-sara'].id);
			// Ended: no support time, for anyone.
			const later = new Date(now.getTime() + 60 * 60_000);
			expect(
				(await planPage(database.db, await grantFor('demo-sara', 'demo-sara', 'read'), later)).supportTimeNow
			).toBe(false);
		} finally {
			await database.db.delete(meetings).where(eq(meetings.id, meeting.id));
		}
	});
});
