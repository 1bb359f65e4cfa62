import { index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { copingStrategies, subgoals } from './plan';
import { people } from './people';

/** The citizen's own diary (borger-dagbog). The id is made on the device so offline sends are idempotent. Private unless shared. */
export const diaryEntries = pgTable(
	'diary_entries',
	{
		id: uuid('id').primaryKey(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		mood: smallint('mood').notNull(),
		text: text('text').notNull().default(''),
		copingStrategyId: uuid('coping_strategy_id').references(() => copingStrategies.id, { onDelete: 'set null' }),
		subgoalId: uuid('subgoal_id').references(() => subgoals.id, { onDelete: 'set null' }),
		/** The day the entry is about (the citizen may write about yesterday). */
		writtenFor: timestamp('written_for', { withTimezone: true }).notNull().defaultNow(),
		/** SHA-256 of the first content sent with this id: a reused id with other content is refused. */
		contentHash: text('content_hash').notNull(),
		version: integer('version').notNull().default(1),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('diary_entries_citizen_idx').on(t.citizenId, t.writtenFor)]
);

/** Earlier versions of a diary entry; editing never destroys what was written. */
export const diaryEntryVersions = pgTable('diary_entry_versions', {
	id: id(),
	entryId: uuid('entry_id')
		.notNull()
		.references(() => diaryEntries.id, { onDelete: 'cascade' }),
	version: integer('version').notNull(),
	mood: smallint('mood').notNull(),
	text: text('text').notNull(),
	...timestamps
});

/** Who a diary entry is shared with; unsharing sets unshared_at so the history stays. */
export const diaryShares = pgTable(
	'diary_shares',
	{
		entryId: uuid('entry_id')
			.notNull()
			.references(() => diaryEntries.id, { onDelete: 'cascade' }),
		sharedWith: uuid('shared_with')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
		unsharedAt: timestamp('unshared_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.entryId, t.sharedWith] }), index('diary_shares_person_idx').on(t.sharedWith)]
);
