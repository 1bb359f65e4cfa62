import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt, inArray, isNull, max, not } from 'drizzle-orm';
import { closeDatabase, getDb, initDatabase } from '$lib/server/db';
import { createTestDb } from '$lib/server/db/test-helpers';
import {
	accessLog,
	diaryEntries,
	diaryShares,
	goals,
	loginIdentities,
	meetingParticipants,
	meetings,
	people,
	personRoles,
	planPeriods,
	relativeDelegations,
	subgoals
} from '$lib/server/db/schema';
import { currentCourse } from '$lib/server/plan/repository';
import { requestRecords } from '$lib/server/access/record-requests';
import { accessLogFor } from '$lib/server/access/service';
import { authorize } from '$lib/server/policy';
import { seedDemo } from '$lib/server/seed';
import type { SessionUser } from '$lib/server/auth/session';
import type { OpenDatabase } from '$lib/server/db';
import daAccess from '$lib/i18n/locales/da/access.json';
import { formatDate } from '$lib/format';

/**
 * The access log is what the citizen trusts. Each staff page and each page a relative sees is
 * visited once (its load called as SvelteKit calls it, on the demo data), and the rows that visit
 * left are read back as Sara reads them on /adgangslog, in Danish. Every row must say what the page
 * did: a page that only shows the crisis plan says "saw", a refused diary page says "tried and was
 * not allowed", and a page that reads nothing of hers leaves nothing.
 */

type Load = (event: unknown) => Promise<unknown>;
const modules = import.meta.glob<{ load: Load }>(['/src/routes/**/+page.server.ts']);
/** The page modules by their route as written here: `[citizenId]` for a folder `[citizenId=uuid]`. */
const pages = Object.fromEntries(
	Object.entries(modules).map(([file, load]) => [file.replace(/\[(\w+)=\w+\]/g, '[$1]'), load])
);

let database: OpenDatabase | undefined;
const ids: Record<string, string> = {};
const users: Record<string, SessionUser> = {};
const ISSUER = 'http://127.0.0.1:5174';

async function userOf(subject: string): Promise<SessionUser> {
	const db = getDb();
	const [row] = await db
		.select({ id: people.id, displayName: people.displayName, givenName: people.givenName })
		.from(loginIdentities)
		.innerJoin(people, eq(people.id, loginIdentities.personId))
		.where(eq(loginIdentities.subject, subject));
	const roles = await db.select().from(personRoles).where(eq(personRoles.personId, row.id));
	return { ...row, roles: roles.map((r) => r.role), loa: 'substantial' };
}

beforeAll(async () => {
	// The loads use the app's own database handle (getDb()): a fresh one, with the demo data.
	if (process.env.TEST_DATABASE_URL) {
		database = await createTestDb();
		await initDatabase({ DATABASE_URL: database.url });
	} else await initDatabase({ PGLITE_DATA_DIR: 'memory://' });
	await seedDemo(getDb(), { issuer: ISSUER, now: new Date() });
	for (const subject of ['demo-sara', 'demo-jonas', 'demo-lone', 'demo-peter', 'demo-jens'])
		users[subject.slice(5)] = await userOf(subject);
	// Sara asks for aktindsigt; Jonas (also Peter's) does not.
	const own = await authorize(getDb(), users.sara, users.sara.id, 'record_requests', 'write');
	await requestRecords(getDb(), own, null);

	const db = getDb();
	const sara = users.sara.id;
	// Jens may also see the diary pages Sara shares with him (so her own editing page is his to try).
	await db
		.update(relativeDelegations)
		.set({ scopes: ['plan', 'meetings', 'diary_shared'] })
		.where(and(eq(relativeDelegations.citizenId, sara), eq(relativeDelegations.relativeId, users.jens.id)));
	const course = (await currentCourse(db, sara))!.course;
	const [goal] = await db.select().from(goals).where(eq(goals.courseId, course.id)).orderBy(asc(goals.position));
	const [subgoal] = await db.select().from(subgoals).where(eq(subgoals.goalId, goal.id));
	// Sara's demo course has no plan period yet: one, for the period page.
	const [period] = await db
		.insert(planPeriods)
		.values({ courseId: course.id, startsOn: course.startsOn, status: 'I gang' })
		.returning();
	const shared = await db
		.select({ id: diaryEntries.id })
		.from(diaryShares)
		.innerJoin(diaryEntries, eq(diaryEntries.id, diaryShares.entryId))
		.where(and(eq(diaryShares.sharedWith, users.lone.id), isNull(diaryShares.unsharedAt)));
	const [notShared] = await db
		.select({ id: diaryEntries.id })
		.from(diaryEntries)
		.where(
			and(
				eq(diaryEntries.citizenId, sara),
				not(
					inArray(
						diaryEntries.id,
						shared.map((s) => s.id)
					)
				)
			)
		);
	const [jensMeeting] = await db
		.select({ id: meetings.id })
		.from(meetings)
		.innerJoin(meetingParticipants, eq(meetingParticipants.meetingId, meetings.id))
		.where(and(eq(meetings.citizenId, sara), eq(meetingParticipants.personId, users.jens.id)));
	Object.assign(ids, {
		sara,
		goal: goal.id,
		subgoal: subgoal.id,
		period: period.id,
		shared: shared[0].id,
		notShared: notShared.id,
		meeting: jensMeeting.id
	});
});

afterAll(async () => {
	await closeDatabase();
	await database?.close();
});

/** Calls a page's load as SvelteKit would for this person; the status if it refused. */
async function visit(who: SessionUser, route: string, params: Record<string, string>, actingFor?: string) {
	const module = await pages[`/src/routes${route}/+page.server.ts`]?.();
	if (!module) throw new Error(`no page ${route}`);
	const path = route.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);
	const event = {
		locals: {
			user: who,
			session: { id: 'visit', actingForCitizenId: actingFor ?? null, expiresAt: new Date(Date.now() + 3_600_000) },
			lang: 'da',
			dir: 'ltr',
			reading: 'standard'
		},
		url: new URL(path, 'http://localhost'),
		params,
		route: { id: route },
		cookies: { get: () => undefined, getAll: () => [], set() {}, delete() {} },
		setHeaders() {},
		request: new Request(new URL(path, 'http://localhost'))
	};
	try {
		await module.load(event);
		return 200;
	} catch (thrown) {
		const status = (thrown as { status?: number }).status;
		if (typeof status !== 'number') throw thrown;
		return status;
	}
}

/** What Sara reads on /adgangslog about the rows a step added, oldest first, in Danish. */
async function logged(step: () => Promise<unknown>): Promise<string[]> {
	const db = getDb();
	const [{ last }] = await db.select({ last: max(accessLog.id) }).from(accessLog);
	await step();
	const added = await db
		.select({ id: accessLog.id })
		.from(accessLog)
		.where(gt(accessLog.id, last ?? 0));
	if (added.length === 0) return [];
	const self = await authorize(db, users.sara, ids.sara, 'access_log', 'read');
	const { rows } = await accessLogFor(db, self, { pageSize: 200 });
	const mine = new Set(added.map((r) => r.id));
	return rows
		.filter((r) => mine.has(r.id))
		.reverse()
		.map((r) => {
			const [section, key] = r.what.split('.') as [keyof typeof daAccess.what, string];
			const text = (daAccess.what[section] as Record<string, string>)[key] ?? r.what;
			return `${r.who}: ${text.replace('{{date}}', r.on ? formatDate(r.on, 'da', 'short') : '')}`;
		});
}

const staff = (page: string) => `/staff/citizens/[citizenId]${page}`;

describe('one visit to a staff page logs what the page read, in words Sara understands', () => {
	it.each([
		['', ['Så din plan.', 'Så, om du vil tale om noget, før du siger ja eller nej.']],
		['/course', ['Så din plan.']],
		['/fremskridt', ['Så din plan.']],
		['/goals/new', ['Så din plan.']],
		['/goals/[goalId]', ['Så din plan.']],
		['/goals/[goalId]/subgoals/new', ['Så din plan.']],
		['/goals/[goalId]/subgoals/[subgoalId]', ['Så din plan.']],
		['/periods', ['Så din plan.']],
		['/periods/[periodId]', ['Så din plan.']],
		['/kriseplan', ['Så din kriseplan.']],
		['/logbog', ['Så din logbog.']],
		['/dagbog', ['Så dine delte dagbogssider.']],
		['/moeder', ['Så dine møder.']],
		['/moeder/ny', ['Så, hvem der hjælper dig.']],
		['/samtykke', ['Så, om du har sagt ja til at dele oplysninger om dit helbred.']]
	])('Lone opens %s', async (page, expected) => {
		const params = { citizenId: ids.sara, goalId: ids.goal, subgoalId: ids.subgoal, periodId: ids.period };
		let status = 0;
		const rows = await logged(async () => (status = await visit(users.lone, staff(page), params)));
		expect(status).toBe(200);
		// A page reads its parts at once (Promise.all): the rows of one visit have no order of their own.
		expect([...rows].sort()).toEqual(expected.map((text) => `Lone Berg: ${text}`).sort());
	});

	it('one meeting is logged as that meeting, by its date', async () => {
		const [meeting] = await getDb().select().from(meetings).where(eq(meetings.id, ids.meeting));
		const rows = await logged(() =>
			visit(users.lone, staff('/moeder/[meetingId]'), { citizenId: ids.sara, meetingId: ids.meeting })
		);
		expect(rows).toEqual([`Lone Berg: Så dit møde ${formatDate(meeting.startsAt.toISOString(), 'da', 'short')}.`]);
	});

	it('a diary page shared with her is logged as that page; one not shared as a refused attempt, never a read', async () => {
		const [shared, notShared] = await getDb()
			.select({ id: diaryEntries.id, on: diaryEntries.writtenFor })
			.from(diaryEntries)
			.where(inArray(diaryEntries.id, [ids.shared, ids.notShared]));
		const dateOf = (id: string) =>
			formatDate([shared, notShared].find((e) => e.id === id)!.on.toISOString(), 'da', 'short');
		const page = staff('/dagbog/[entryId]');
		let status = 0;
		expect(
			await logged(async () => (status = await visit(users.lone, page, { citizenId: ids.sara, entryId: ids.shared })))
		).toEqual([`Lone Berg: Så din dagbogsside fra ${dateOf(ids.shared)}.`]);
		expect(status).toBe(200);
		expect(
			await logged(
				async () => (status = await visit(users.lone, page, { citizenId: ids.sara, entryId: ids.notShared }))
			)
		).toEqual([`Lone Berg: Prøvede at åbne din dagbogsside fra ${dateOf(ids.notShared)}, men fik ikke lov.`]);
		expect(status).toBe(403);
	});

	it('the aktindsigt page logs a read only for the citizens who asked', async () => {
		const rows = await logged(() => visit(users.peter, '/staff/aktindsigt', {}));
		expect(rows).toEqual(['Peter Holm: Så, at du har bedt om aktindsigt.']);
		const jonas = await getDb().select().from(accessLog).where(eq(accessLog.citizenId, users.jonas.id));
		expect(jonas.filter((r) => r.resource === 'record_requests')).toEqual([]);
	});

	it('the caseload page logs only what it shows of each citizen', async () => {
		expect(await logged(() => visit(users.lone, '/staff', {}))).toEqual([]);
	});
});

describe("one visit to a page as Sara's relative logs what he saw, and a refusal logs nothing", () => {
	it.each([
		['', ['Så din plan.', 'Så dine møder.']],
		['/plan', ['Så din plan.']],
		['/moeder', ['Så dine møder.']],
		['/fremskridt', ['Så din plan.']],
		['/hjaelp', ['Så, hvem der hjælper dig.']],
		['/dagbog', ['Så dine delte dagbogssider.']],
		// Jens has no access to these: refused, and nothing in Sara's log.
		['/logbog', []],
		['/kriseplan', []]
	])('Jens opens %s', async (page, expected) => {
		const rows = await logged(() => visit(users.jens, page, {}, ids.sara));
		expect([...rows].sort()).toEqual(expected.map((text) => `Jens Nielsen: ${text}`).sort());
	});

	it('one meeting he takes part in is logged as that meeting', async () => {
		const [meeting] = await getDb().select().from(meetings).where(eq(meetings.id, ids.meeting));
		expect(await logged(() => visit(users.jens, '/moeder/[meetingId]', { meetingId: ids.meeting }, ids.sara))).toEqual([
			`Jens Nielsen: Så dit møde ${formatDate(meeting.startsAt.toISOString(), 'da', 'short')}.`
		]);
	});

	it("Sara's own diary page (for editing) is refused without a read in her log", async () => {
		let status = 0;
		const rows = await logged(
			async () => (status = await visit(users.jens, '/dagbog/[entryId]', { entryId: ids.shared }, ids.sara))
		);
		expect(status).toBe(403);
		expect(rows).toEqual([]);
	});

	it('as her consent supporter he reads the questions, and the log says just that', async () => {
		expect(await logged(() => visit(users.jens, '/stoette/[citizenId]', { citizenId: ids.sara }))).toEqual([
			'Jens Nielsen: Så de spørgsmål om samtykke, du får. Ikke dine svar.'
		]);
	});

	it('choosing whose pages to see reads none of them', async () => {
		expect(await logged(() => visit(users.jens, '/som-paaroerende', {}))).toEqual([]);
	});
});
