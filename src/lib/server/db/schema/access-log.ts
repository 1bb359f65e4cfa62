import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../domain';
import { people } from './people';

/** Every read of a citizen's data by someone else ("who has seen my data"). Append-only: the app never updates or deletes rows. */
export const accessLog = pgTable(
	'access_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id')
			.notNull()
			.references(() => people.id),
		actorRole: text('actor_role', { enum: ROLES }).notNull(),
		action: text('action', { enum: ['read', 'write'] }).notNull(),
		/** What was looked at, as a resource kind ("plan", "diary_entry"), never the data itself. */
		resource: text('resource').notNull(),
		resourceId: text('resource_id'),
		delegationId: uuid('delegation_id'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('access_log_citizen_at_idx').on(t.citizenId, t.at)]
);
