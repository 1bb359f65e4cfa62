import {
	boolean,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { people } from './people';

/**
 * "Min dag": the citizen's routines (morning, after work, evening or their own words), made by the
 * citizen alone or with their professional. A removed routine keeps its row (deleted_at) so the
 * done-rate of past weeks still adds up.
 */
export const routines = pgTable(
	'routines',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		position: integer('position').notNull().default(0),
		/** A gentle push at each step's time, when the citizen wants it (off until they turn it on). */
		reminders: boolean('reminders').notNull().default(false),
		createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('routines_citizen_idx').on(t.citizenId, t.position)]
);

/** One step of a routine: a few words, an icon from the app's set, and a time or "after the step before". */
export const routineSteps = pgTable(
	'routine_steps',
	{
		id: id(),
		routineId: uuid('routine_id')
			.notNull()
			.references(() => routines.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0),
		text: text('text').notNull(),
		/** A name from src/lib/routines/step-icons.ts; the service takes no other. */
		icon: text('icon').notNull(),
		/** "HH:MM" in Europe/Copenhagen; null: right after the step before. */
		time: text('time'),
		/**
		 * A photo the citizen takes instead of the icon (the coffee machine, the pill box): media with
		 * subject_type 'routine_step'. No foreign key (media rows of every kind share one table); the
		 * routines service deletes the media when the step, its routine or the photo is replaced.
		 */
		photoMediaId: uuid('photo_media_id'),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('routine_steps_routine_idx').on(t.routineId, t.position)]
);

/**
 * A step done on a day. The id is made on the device (offline ticks are sent again after a lost
 * answer), and a step is done at most once a day: a second tick, with any id, stores nothing.
 */
export const routineTicks = pgTable(
	'routine_ticks',
	{
		id: uuid('id').primaryKey(),
		stepId: uuid('step_id')
			.notNull()
			.references(() => routineSteps.id, { onDelete: 'cascade' }),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		/** The Copenhagen calendar day the tick is for. */
		day: date('day', { mode: 'string' }).notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
		doneBy: uuid('done_by').references(() => people.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('routine_ticks_step_day_key').on(t.stepId, t.day),
		index('routine_ticks_citizen_day_idx').on(t.citizenId, t.day)
	]
);

/** "Ikke nu": a step's reminder (and its place in the now view) moved on by 10 minutes, for one day. */
export const routineSnoozes = pgTable(
	'routine_snoozes',
	{
		stepId: uuid('step_id')
			.notNull()
			.references(() => routineSteps.id, { onDelete: 'cascade' }),
		day: date('day', { mode: 'string' }).notNull(),
		until: timestamp('until', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.stepId, t.day] })]
);
