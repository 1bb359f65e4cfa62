import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { relativeDelegations } from '../db/schema';
import { authorize, meetingsLimitedTo, type Action, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { demoUser } from '../../../../tests/support/demo-user';
import { nextMeeting, participantsOf } from '../meetings/repository';
import { focusSubgoalRows } from '../plan/repository';
import { expiringSoon } from '../support/expiry';
import { askToTalk, openTalksOf } from '../support/tasks';
import { remindersOf } from '../support/view';
import { NEW_RELATIVE } from '../../support/schemas';
import { homeView } from './view';
import { nowStepIn } from '../../routines/day';
import { copenhagenDate, copenhagenToUtc } from '../../meetings/time';
import { addDays } from '../../routines/weeks';

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const grant = <R extends Resource, A extends Action>(actor: string, citizen: string, resource: R, action: A) =>
	authorize(database.db, users[actor], users[citizen].id, resource, action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-sara', 'demo-jens', 'demo-mette']) users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

/** The home page's reads in one round trip give what the page's parts read one by one give. */
describe('homeView', () => {
	it('gives the citizen the delmål in focus, the next meeting with who comes, and their reminders', async () => {
		const { db } = database;
		const sara = users['demo-sara'];
		// Talks asked for, one about a relative's access (its name comes through a subquery) and one about a new relative.
		const [jensAccess] = await db
			.select({ id: relativeDelegations.id })
			.from(relativeDelegations)
			.where(
				and(eq(relativeDelegations.citizenId, sara.id), eq(relativeDelegations.relativeId, users['demo-jens'].id))
			);
		const talk = await grant('demo-sara', 'demo-sara', 'support_tasks', 'write');
		await askToTalk(db, talk, { kind: 'talk_about_delegation', subject: jensAccess.id });
		await askToTalk(db, talk, { kind: 'talk_about_delegation', subject: NEW_RELATIVE });

		const now = new Date();
		const [plan, meetings, own] = await Promise.all([
			grant('demo-sara', 'demo-sara', 'plan', 'read'),
			grant('demo-sara', 'demo-sara', 'meetings', 'read'),
			grant('demo-sara', 'demo-sara', 'consents', 'read')
		]);
		const view = await homeView(db, { plan, meetings, own }, now);

		const [focus] = await focusSubgoalRows(db, sara.id);
		expect(view.focus).toEqual(focus);
		const meeting = await nextMeeting(db, sara.id, null, now);
		expect(meeting).not.toBeNull();
		expect(view.meeting).toEqual(meeting);
		// Who comes, read by the meeting's id (not through the subquery).
		const byId = (await participantsOf(db, [meeting!.id])).map((p) => ({
			personId: p.personId,
			name: p.name,
			response: p.response
		}));
		const order = (rows: { personId: string }[]) => [...rows].sort((a, b) => a.personId.localeCompare(b.personId));
		expect(order(view.meeting!.participants)).toEqual(order(byId));
		expect(byId.length).toBeGreaterThan(0);
		expect(view.reminders).toEqual(remindersOf(await openTalksOf(db, own), await expiringSoon(db, own, now)));
		expect(view.reminders!.talks.some((t) => t.relative?.includes('Jens'))).toBe(true);
		expect(view.reminders!.talks.some((t) => t.newRelative)).toBe(true);
	});

	it('reads nothing a grant does not open: a relative gets no reminders, and only the meetings they may see', async () => {
		const { db } = database;
		const meetings = await grant('demo-jens', 'demo-sara', 'meetings', 'read');
		const now = new Date();
		const view = await homeView(db, { plan: null, meetings, own: null }, now);
		expect(view.focus).toBeNull();
		expect(view.reminders).toBeNull();
		expect(view.meeting).toEqual(await nextMeeting(db, users['demo-sara'].id, meetingsLimitedTo(meetings), now));
		expect(await homeView(db, { plan: null, meetings: null, own: null }, now)).toEqual({
			focus: null,
			meeting: null,
			reminders: null
		});
	});

	it('gives Min dag’s now step in the same statement: Mette’s "Stå op" at 07:10, nothing before 07:00 or without routines', async () => {
		const { db } = database;
		// A day ahead with nothing ticked yet (the seed's ticks are in the past).
		const day = addDays(copenhagenDate(new Date()), 30);
		const routines = await grant('demo-mette', 'demo-mette', 'routines', 'read');
		const at = async (time: string) => {
			const instant = copenhagenToUtc(day, time);
			return nowStepIn(
				(await homeView(db, { plan: null, meetings: null, own: null, routines }, instant)).myDay,
				instant
			);
		};
		expect(await at('07:10')).toMatchObject({ text: 'Stå op', icon: expect.any(String), photoId: null });
		expect(await at('03:00')).toBeNull();
		const saras = await grant('demo-sara', 'demo-sara', 'routines', 'read');
		const none = await homeView(
			db,
			{ plan: null, meetings: null, own: null, routines: saras },
			copenhagenToUtc(day, '07:10')
		);
		expect(none.myDay).toBeNull();
		expect((await homeView(db, { plan: null, meetings: null, own: null })).myDay).toBeUndefined();
	});
});
