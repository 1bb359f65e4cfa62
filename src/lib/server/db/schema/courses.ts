import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { COURSE_STATUSES, PROFESSIONAL_ROLES, PROGRAMME_VARIANTS, PROGRAMMES } from '../../../domain';
import { id, timestamps } from './columns';
import { organisations } from './organisations';
import { people } from './people';

/** One programme a citizen takes part in (a mestringsforløb, a ressourceforløb, ...). */
export const courses = pgTable(
	'courses',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		programme: text('programme', { enum: PROGRAMMES }).notNull(),
		variant: text('variant', { enum: PROGRAMME_VARIANTS }).notNull().default('standard'),
		status: text('status', { enum: COURSE_STATUSES }).notNull().default('active'),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on'),
		/** Optimistic concurrency: a save must name the version it started from. */
		version: integer('version').notNull().default(1),
		...timestamps
	},
	(t) => [index('courses_citizen_idx').on(t.citizenId)]
);

/** The phases of a course, made from the programme's template and adjusted per citizen. */
export const coursePhases = pgTable(
	'course_phases',
	{
		id: id(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		startsOn: date('starts_on'),
		endsOn: date('ends_on'),
		note: text('note'),
		...timestamps
	},
	(t) => [index('course_phases_course_idx').on(t.courseId, t.position)]
);

/** Which professionals work with a citizen; access to the citizen's data follows from this. */
export const careAssignments = pgTable(
	'care_assignments',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		professionalId: uuid('professional_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
		role: text('role', { enum: PROFESSIONAL_ROLES }).notNull(),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on'),
		...timestamps
	},
	(t) => [
		index('care_assignments_professional_idx').on(t.professionalId, t.citizenId),
		index('care_assignments_citizen_idx').on(t.citizenId)
	]
);

/** A period between network meetings with its status and goals ("Borgerens Plan"). */
export const planPeriods = pgTable(
	'plan_periods',
	{
		id: id(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on'),
		status: text('status'),
		statusEasy: text('status_easy'),
		version: integer('version').notNull().default(1),
		...timestamps
	},
	(t) => [index('plan_periods_course_idx').on(t.courseId, t.startsOn)]
);
