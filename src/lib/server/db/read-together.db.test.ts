import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { createTestDb } from './test-helpers';
import type { OpenDatabase } from './index';
import {
	accessLog,
	courses,
	goals,
	organisations,
	people,
	personSettings,
	relativeDelegations,
	subgoals
} from './schema';
import { preparedReads, readTogether } from './read-together';

let database: OpenDatabase;
beforeAll(async () => {
	database = await createTestDb({ seeded: true });
});
afterAll(() => database.close());

/** Each select awaited on its own: what readTogether must give back, value for value. */
const oneByOne = <T extends readonly PromiseLike<unknown>[]>(queries: T) => Promise.all(queries);

describe('readTogether', () => {
	it('gives each select exactly what awaiting it alone gives, in one statement', async () => {
		const { db } = database;
		const make = () =>
			[
				// Whole rows with timestamptz (Dates), dates (text), enums, nullable text; ordered.
				db.select().from(courses).orderBy(desc(courses.startsOn), asc(courses.id)),
				// Nested selections and a left join that finds nothing for some rows (→ null, not {}).
				db
					.select({ goal: goals, by: { name: people.givenName, id: people.id } })
					.from(goals)
					.leftJoin(people, eq(people.id, goals.updatedBy))
					.orderBy(asc(goals.courseId), asc(goals.position), asc(goals.id)),
				// Columns of the same name from two tables (id, created_at) and a text[] column.
				db
					.select({ subgoalId: subgoals.id, goalId: goals.id, a: subgoals.createdAt, b: goals.createdAt })
					.from(subgoals)
					.innerJoin(goals, eq(goals.id, subgoals.goalId))
					.orderBy(asc(subgoals.id)),
				db.select().from(personSettings).orderBy(asc(personSettings.personId)),
				// text[] of an enum, a jsonb column, a bigserial, SQL fields with their own decoders.
				db.select().from(relativeDelegations).orderBy(asc(relativeDelegations.id)),
				db.select().from(accessLog).orderBy(asc(accessLog.id)).limit(50),
				db
					.select({ n: sql<number>`count(*)`.mapWith(Number), newest: sql<string>`max(${organisations.name})` })
					.from(organisations),
				// An empty answer.
				db.select().from(goals).where(eq(goals.title, 'no such goal'))
			] as const;
		const alone = await oneByOne(make());
		const together = await readTogether(db, make());
		expect(together).toEqual(alone);
		// Not vacuous: the seed gives rows, Dates and a null left join to compare.
		expect(alone[0].length).toBeGreaterThan(0);
		expect(alone[0][0].createdAt).toBeInstanceOf(Date);
		expect(alone[1].some((row) => row.by === null)).toBe(true);
		expect(alone[4].length).toBeGreaterThan(0);
	});

	it('keeps a hostile text and a parameter as data', async () => {
		const { db } = database;
		const hostile = `x'); drop table goals; --\u0000\u202e😀`.replace('\u0000', '');
		const [none, count] = await readTogether(db, [
			db.select({ id: goals.id }).from(goals).where(eq(goals.title, hostile)),
			db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(goals)
		]);
		expect(none).toEqual([]);
		expect(count[0].n).toBeGreaterThan(0);
	});

	it('preparedReads builds once and reads fresh values on every call', async () => {
		const { db } = database;
		const goalsOfCourse = preparedReads('test_goals_of_course', ['courseId', 'since'], (db, p) => [
			db.select().from(goals).where(eq(goals.courseId, p.courseId)).orderBy(asc(goals.position), asc(goals.id)),
			db
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(goals)
				.where(sql`${goals.createdAt} >= ${p.since}`)
		]);
		const [first, second] = await db.select({ id: courses.id }).from(courses).orderBy(asc(courses.id)).limit(2);
		const alone = (courseId: string) =>
			db.select().from(goals).where(eq(goals.courseId, courseId)).orderBy(asc(goals.position), asc(goals.id));
		const since = new Date(0).toISOString();
		const [a] = await goalsOfCourse(db, { courseId: first.id, since });
		const [b, [count]] = await goalsOfCourse(db, { courseId: second.id, since });
		expect(a).toEqual(await alone(first.id));
		expect(b).toEqual(await alone(second.id));
		expect(a.length + b.length).toBeGreaterThan(0);
		expect(count.n).toBeGreaterThan(0);
		// A value given later is read, not the first one kept.
		const [, [none]] = await goalsOfCourse(db, {
			courseId: first.id,
			since: new Date(Date.now() + 86_400_000).toISOString()
		});
		expect(none.n).toBe(0);
		// A transaction is another handle: built again, and it sees its own writes.
		await db
			.transaction(async (tx) => {
				await tx.update(goals).set({ title: 'Changed in the transaction' }).where(eq(goals.courseId, first.id));
				const [inside] = await goalsOfCourse(tx, { courseId: first.id, since });
				expect(inside.every((g) => g.title === 'Changed in the transaction')).toBe(true);
				tx.rollback();
			})
			.catch((error: unknown) => {
				if (!(error instanceof Error && error.message.includes('Rollback'))) throw error;
			});
		expect((await goalsOfCourse(db, { courseId: first.id, since }))[0]).toEqual(a);
	});

	it('preparedReads never reads what another transaction has not committed', async () => {
		const { db } = database;
		const titles = preparedReads('test_goal_titles', ['courseId'], (db, p) => [
			db.select({ title: goals.title }).from(goals).where(eq(goals.courseId, p.courseId))
		]);
		const [course] = await db.select({ id: courses.id }).from(courses).orderBy(asc(courses.id)).limit(1);
		const before = (await titles(db, { courseId: course.id }))[0].map((g) => g.title);
		let release = () => {};
		let updated = () => {};
		const isUpdated = new Promise<void>((resolve) => (updated = resolve));
		let committed = false;
		const writing = db.transaction(async (tx) => {
			await tx.update(goals).set({ title: 'Not committed yet' }).where(eq(goals.courseId, course.id));
			updated();
			await new Promise<void>((resolve) => (release = resolve));
		});
		await isUpdated;
		const reading = titles(db, { courseId: course.id }).then(([rows]) => ({ rows, committed }));
		await new Promise((resolve) => setTimeout(resolve, 50));
		committed = true;
		release();
		await writing;
		const read = await reading;
		// PostgreSQL answers at once with what was committed; PGlite (one connection) waits for the commit.
		if (!read.committed) expect(read.rows.map((g) => g.title)).toEqual(before);
		else expect(read.rows.every((g) => g.title === 'Not committed yet')).toBe(true);
		expect(before.length).toBeGreaterThan(0);
	});
});
