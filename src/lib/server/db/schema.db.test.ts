import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from './test-helpers';
import type { OpenDatabase } from './index';
import { people } from './schema';

describe('database', () => {
	let database: OpenDatabase;
	beforeAll(async () => {
		// From scratch, not from the run's template: this is the test that the migrations apply.
		database = await createTestDb({ fromScratch: true });
	});
	afterAll(async () => database?.close());

	it('applies the migrations and stores a person', async () => {
		const [row] = await database.db
			.insert(people)
			.values({ displayName: 'Test Person', givenName: 'Test' })
			.returning();
		expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
		const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(people);
		expect(n).toBe(1);
	});
});
