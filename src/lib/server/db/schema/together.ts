import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { meetings } from './meetings';
import { people } from './people';

export const TOGETHER_STATUSES = ['invited', 'active', 'ended', 'declined', 'expired'] as const;

/**
 * "Look at it together": a citizen and an assigned professional (and, if the citizen invites them,
 * a relative with the join_video scope) share the plan page during a video support session.
 */
export const togetherSessions = pgTable(
	'together_sessions',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		professionalId: uuid('professional_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		relativeId: uuid('relative_id').references(() => people.id, { onDelete: 'set null' }),
		meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
		startedBy: uuid('started_by')
			.notNull()
			.references(() => people.id),
		status: text('status', { enum: TOGETHER_STATUSES }).notNull().default('invited'),
		invitationExpiresAt: timestamp('invitation_expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endedBy: uuid('ended_by').references(() => people.id),
		...timestamps
	},
	(t) => [index('together_sessions_citizen_idx').on(t.citizenId, t.status)]
);

/** Each pointer, highlight or change inside a together session, in order (also the flood counter). */
export const togetherEvents = pgTable(
	'together_events',
	{
		seq: bigserial('seq', { mode: 'number' }).primaryKey(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => togetherSessions.id, { onDelete: 'cascade' }),
		senderId: uuid('sender_id')
			.notNull()
			.references(() => people.id),
		kind: text('kind').notNull(),
		payload: jsonb('payload').notNull().default({}),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('together_events_session_idx').on(t.sessionId, t.seq)]
);
