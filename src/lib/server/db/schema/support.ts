import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { RESCHEDULE_REASONS } from '../../../meetings/reschedule';
import { id, timestamps } from './columns';
import { meetings } from './meetings';
import { people } from './people';

export const RESCHEDULE_STATUSES = ['asked', 'offered', 'chosen', 'withdrawn', 'declined'] as const;

/** "I need another time": the citizen asks, the professional offers 2–3 times, the citizen picks one. */
export const rescheduleRequests = pgTable(
	'reschedule_requests',
	{
		id: id(),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		reason: text('reason'),
		reasonChoice: text('reason_choice', { enum: RESCHEDULE_REASONS }),
		status: text('status', { enum: RESCHEDULE_STATUSES }).notNull().default('asked'),
		offeredBy: uuid('offered_by').references(() => people.id),
		offeredAt: timestamp('offered_at', { withTimezone: true }),
		chosenOfferId: uuid('chosen_offer_id'),
		chosenAt: timestamp('chosen_at', { withTimezone: true }),
		/** The professional's message when they decline (a citizen's withdrawal needs none). */
		answer: text('answer'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('reschedule_requests_meeting_idx').on(t.meetingId)]
);

/** One of the times a professional offers in answer to a reschedule request. */
export const rescheduleOffers = pgTable(
	'reschedule_offers',
	{
		id: id(),
		requestId: uuid('request_id')
			.notNull()
			.references(() => rescheduleRequests.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull()
	},
	(t) => [index('reschedule_offers_request_idx').on(t.requestId)]
);

/**
 * A supporter (a relative or a bisidder) the citizen names to help with consent questions.
 * They may see the question and help; they get no access to the citizen's data.
 */
export const consentSupporters = pgTable(
	'consent_supporters',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		/** A person in the app (e.g. a relative); null for a bisidder who is not a user. */
		supporterId: uuid('supporter_id').references(() => people.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		phone: text('phone'),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('consent_supporters_citizen_idx').on(t.citizenId)]
);

export const STAFF_TASK_KINDS = ['talk_about_consent', 'talk_about_delegation'] as const;

/** A task for the citizen's contact person, e.g. "Sara wants to talk about a consent first". */
export const staffTasks = pgTable(
	'staff_tasks',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		assigneeId: uuid('assignee_id').references(() => people.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: STAFF_TASK_KINDS }).notNull(),
		/** What it is about: a consent purpose or a delegation id. */
		subject: text('subject').notNull(),
		note: text('note'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: uuid('done_by').references(() => people.id),
		...timestamps
	},
	(t) => [
		index('staff_tasks_assignee_idx').on(t.assigneeId, t.doneAt),
		index('staff_tasks_citizen_idx').on(t.citizenId)
	]
);
