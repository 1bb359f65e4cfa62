import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../domain';
import { people } from './people';

/**
 * What exactly someone did, where the kind of data alone does not say it: the steps of "look at it
 * together" (asked, said yes, said no, stopped, wrote a note, wrote a next step).
 */
export const ACCESS_DETAILS = [
	'together_invite',
	'together_accept',
	'together_decline',
	'together_end',
	'together_note',
	'together_next_step',
	/** Made or changed a routine of "Min dag" with the citizen in "Se det sammen". */
	'together_routine',
	/** Looked at whether the citizen has said yes to sharing health information (the answer only, yes or no). */
	'health_consent_checked'
] as const;
export type AccessDetail = (typeof ACCESS_DETAILS)[number];

/**
 * What came of an attempt: done, or refused by the policy for one item the person's relation does not
 * cover (a diary page not shared with them). The citizen sees a refused attempt as one, never as a read.
 */
export const ACCESS_OUTCOMES = ['done', 'refused'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

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
		/** What was done, when the resource kind alone does not say it (ACCESS_DETAILS). */
		detail: text('detail', { enum: ACCESS_DETAILS }),
		delegationId: uuid('delegation_id'),
		outcome: text('outcome', { enum: ACCESS_OUTCOMES }).notNull().default('done'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('access_log_citizen_at_idx').on(t.citizenId, t.at)]
);
