import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { subgoals } from './plan';
import { people } from './people';

/** The professional's log (logbog) about progress on delmål. Always visible to the citizen. */
export const logEntries = pgTable(
	'log_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => people.id),
		subgoalId: uuid('subgoal_id').references(() => subgoals.id, { onDelete: 'set null' }),
		text: text('text').notNull(),
		/** When the citizen first opened it; null shows the entry as new. */
		readByCitizenAt: timestamp('read_by_citizen_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('log_entries_citizen_idx').on(t.citizenId, t.createdAt)]
);

/** The citizen's comment on a log entry, or "I do not agree". The professional sees it. */
export const logComments = pgTable(
	'log_comments',
	{
		id: id(),
		entryId: uuid('entry_id')
			.notNull()
			.references(() => logEntries.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => people.id),
		text: text('text').notNull().default(''),
		disagrees: boolean('disagrees').notNull().default(false),
		...timestamps
	},
	(t) => [index('log_comments_entry_idx').on(t.entryId)]
);
