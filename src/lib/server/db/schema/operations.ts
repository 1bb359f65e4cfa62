import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './people';

/**
 * Rate limits kept in the database, so every app server counts the same attempts.
 * One row per bucket (what is limited), key (who or what is counted, usually a hash) and window.
 */
export const rateLimitHits = pgTable(
	'rate_limit_hits',
	{
		bucket: text('bucket').notNull(),
		key: text('key').notNull(),
		windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
		count: integer('count').notNull().default(0),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.bucket, t.key, t.windowStart] }),
		index('rate_limit_hits_expires_idx').on(t.expiresAt)
	]
);

/**
 * One row per notification that has been sent ("meeting:<id>:day_before:<startsAt>").
 * A job that runs twice finds its key here and sends nothing the second time.
 */
export const notificationDeliveries = pgTable(
	'notification_deliveries',
	{
		key: text('key').primaryKey(),
		personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('notification_deliveries_person_idx').on(t.personId, t.sentAt)]
);
