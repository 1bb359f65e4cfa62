import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { MEETING_KINDS, MEETING_RESPONSES, MEETING_STATUSES } from '../../../domain';
import { id, timestamps } from './columns';
import { courses, planPeriods } from './courses';
import { people } from './people';

/** A repeating series (the group course weekly for 8 weeks); each occurrence is a meeting row. */
export const meetingSeries = pgTable('meeting_series', {
	id: id(),
	citizenId: uuid('citizen_id')
		.notNull()
		.references(() => people.id, { onDelete: 'cascade' }),
	rrule: text('rrule').notNull(),
	createdBy: uuid('created_by')
		.notNull()
		.references(() => people.id),
	...timestamps
});

/** A meeting with the citizen: kind, time (UTC), place or video link, and how to prepare. */
export const meetings = pgTable(
	'meetings',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
		seriesId: uuid('series_id').references(() => meetingSeries.id, { onDelete: 'set null' }),
		planPeriodId: uuid('plan_period_id').references(() => planPeriods.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: MEETING_KINDS }).notNull(),
		title: text('title'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		location: text('location'),
		videoUrl: text('video_url'),
		phone: text('phone'),
		prepareTopics: text('prepare_topics'),
		prepareBring: text('prepare_bring'),
		prepareQuestion: text('prepare_question'),
		agreed: text('agreed'),
		/** "What we agreed" in easy-read words, shown to a citizen who reads in easy-read mode. */
		agreedEasy: text('agreed_easy'),
		/**
		 * The citizen's choice: relatives with the meetings scope do not see this meeting (a talk at
		 * the psychiatry, say). A relative invited to the meeting still sees it.
		 */
		hiddenFromRelatives: boolean('hidden_from_relatives').notNull().default(false),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => people.id),
		version: integer('version').notNull().default(1),
		...timestamps
	},
	(t) => [index('meetings_citizen_starts_idx').on(t.citizenId, t.startsAt)]
);

/** Who is invited to a meeting and what they answered. */
export const meetingParticipants = pgTable(
	'meeting_participants',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		response: text('response', { enum: MEETING_RESPONSES }).notNull().default('none'),
		responseReason: text('response_reason'),
		respondedAt: timestamp('responded_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('meeting_participants_person_idx').on(t.personId)]
);
