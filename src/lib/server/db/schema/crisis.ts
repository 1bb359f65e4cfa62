import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { people } from './people';

/** The citizen's crisis plan (kriseplan): warning signs, what helps. Kept offline on the citizen's own device. */
export const crisisPlans = pgTable('crisis_plans', {
	citizenId: uuid('citizen_id')
		.primaryKey()
		.references(() => people.id, { onDelete: 'cascade' }),
	warningSigns: text('warning_signs').notNull().default(''),
	whatHelps: text('what_helps').notNull().default(''),
	version: integer('version').notNull().default(1),
	/** Who saved it last: the citizen, or the professional who wrote it with them (the citizen sees which). */
	updatedBy: uuid('updated_by').references(() => people.id, { onDelete: 'set null' }),
	...timestamps
});

/** The citizen's own people to call when things are hard. */
export const crisisContacts = pgTable(
	'crisis_contacts',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		phone: text('phone').notNull(),
		note: text('note'),
		position: integer('position').notNull().default(0),
		...timestamps
	},
	(t) => [index('crisis_contacts_citizen_idx').on(t.citizenId)]
);
