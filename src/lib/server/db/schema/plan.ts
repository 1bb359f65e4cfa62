import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { GOAL_STATUSES, SUBGOAL_STATUSES, SUGGESTION_STATUSES } from '../../../domain';
import { id, timestamps } from './columns';
import { courses, planPeriods } from './courses';
import { people } from './people';

/** A goal (mål) of the plan, ideally in the citizen's own words. */
export const goals = pgTable(
	'goals',
	{
		id: id(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		planPeriodId: uuid('plan_period_id').references(() => planPeriods.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		titleEasy: text('title_easy'),
		ownWords: text('own_words'),
		whyItMatters: text('why_it_matters'),
		status: text('status', { enum: GOAL_STATUSES }).notNull().default('active'),
		position: integer('position').notNull().default(0),
		version: integer('version').notNull().default(1),
		updatedBy: uuid('updated_by').references(() => people.id),
		...timestamps
	},
	(t) => [index('goals_course_idx').on(t.courseId, t.position)]
);

/** A delmål: a small, concrete step towards a goal. */
export const subgoals = pgTable(
	'subgoals',
	{
		id: id(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goals.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		titleEasy: text('title_easy'),
		status: text('status', { enum: SUBGOAL_STATUSES }).notNull().default('not_started'),
		nextStep: text('next_step'),
		nextStepEasy: text('next_step_easy'),
		dueOn: date('due_on'),
		/** The delmål the citizen and professionals focus on now, shown on the home page. */
		inFocus: boolean('in_focus').notNull().default(false),
		position: integer('position').notNull().default(0),
		version: integer('version').notNull().default(1),
		updatedBy: uuid('updated_by').references(() => people.id),
		...timestamps
	},
	(t) => [index('subgoals_goal_idx').on(t.goalId, t.position)]
);

/** A note on a delmål, by the citizen or a professional; client-made id so offline writes are idempotent. */
export const subgoalNotes = pgTable(
	'subgoal_notes',
	{
		id: uuid('id').primaryKey(),
		subgoalId: uuid('subgoal_id')
			.notNull()
			.references(() => subgoals.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => people.id),
		text: text('text').notNull(),
		...timestamps
	},
	(t) => [index('subgoal_notes_subgoal_idx').on(t.subgoalId, t.createdAt)]
);

/** A delmål the citizen proposes; a professional accepts it or asks to talk about it. */
export const subgoalSuggestions = pgTable(
	'subgoal_suggestions',
	{
		id: id(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goals.id, { onDelete: 'cascade' }),
		suggestedBy: uuid('suggested_by')
			.notNull()
			.references(() => people.id),
		title: text('title').notNull(),
		status: text('status', { enum: SUGGESTION_STATUSES }).notNull().default('pending'),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => people.id),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		subgoalId: uuid('subgoal_id').references(() => subgoals.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [index('subgoal_suggestions_goal_idx').on(t.goalId)]
);

/** Coping strategies (mestringsstrategier): earlier ones recognised and new ones tried. */
export const copingStrategies = pgTable(
	'coping_strategies',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id').references(() => goals.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description'),
		kind: text('kind', { enum: ['earlier', 'new'] })
			.notNull()
			.default('new'),
		anchored: boolean('anchored').notNull().default(false),
		...timestamps
	},
	(t) => [index('coping_strategies_citizen_idx').on(t.citizenId)]
);

/** Every change to the plan, with who made it and what it was before ("changed by your mentor on 3 March"). */
export const planChanges = pgTable(
	'plan_changes',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		entity: text('entity', {
			enum: ['course', 'phase', 'plan_period', 'goal', 'subgoal', 'coping_strategy', 'together_session']
		}).notNull(),
		entityId: uuid('entity_id').notNull(),
		changedBy: uuid('changed_by')
			.notNull()
			.references(() => people.id),
		before: jsonb('before'),
		after: jsonb('after'),
		...timestamps
	},
	(t) => [index('plan_changes_entity_idx').on(t.entityId, t.createdAt)]
);
