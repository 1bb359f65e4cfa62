import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key used by every table: random, so ids reveal nothing about order or volume. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/** Shared audit columns. Times are stored in UTC (timestamptz) and shown in Europe/Copenhagen. */
export const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true })
		.notNull()
		.defaultNow()
		.$onUpdate(() => new Date())
};
