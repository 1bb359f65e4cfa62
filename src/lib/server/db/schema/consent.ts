import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CONSENT_DECISION_KINDS } from '../../../consent/decisions';
import { CONSENT_PURPOSES, DELEGATION_SCOPES, DELEGATION_STATUSES } from '../../../domain';
import { id, timestamps } from './columns';
import { people } from './people';

/** A consent (samtykke): the citizen lets named parties exchange information for a purpose. */
export const consents = pgTable(
	'consents',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
		fromPartyId: uuid('from_party_id').references(() => people.id),
		toPartyId: uuid('to_party_id').references(() => people.id),
		/** The exact text the citizen was shown: its key and version in the locale files. */
		textKey: text('text_key').notNull(),
		textVersion: integer('text_version').notNull(),
		textShown: text('text_shown').notNull(),
		givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [index('consents_citizen_idx').on(t.citizenId)]
);

/** A relative's delegated access: what scopes, for how long, and whether the citizen has confirmed it. */
export const relativeDelegations = pgTable(
	'relative_delegations',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		relativeId: uuid('relative_id').references(() => people.id, { onDelete: 'cascade' }),
		/** What the citizen calls them ("my sister Mette"). */
		label: text('label').notNull(),
		scopes: text('scopes', { enum: DELEGATION_SCOPES }).array().notNull().default([]),
		status: text('status', { enum: DELEGATION_STATUSES }).notNull().default('pending'),
		/** SHA-256 of the one-time invitation code; cleared when used. */
		invitationHash: text('invitation_hash'),
		invitationExpiresAt: timestamp('invitation_expires_at', { withTimezone: true }),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [
		index('relative_delegations_relative_idx').on(t.relativeId),
		index('relative_delegations_citizen_idx').on(t.citizenId)
	]
);

/** A formal request for aktindsigt, sent to the caseworker. */
export const recordRequests = pgTable('record_requests', {
	id: id(),
	citizenId: uuid('citizen_id')
		.notNull()
		.references(() => people.id, { onDelete: 'cascade' }),
	message: text('message'),
	status: text('status', { enum: ['sent', 'in_progress', 'answered'] })
		.notNull()
		.default('sent'),
	...timestamps
});

/**
 * Every decision about consent and relatives' access, in order: given, withdrawn, invited,
 * accepted, confirmed, paused, resumed, revoked, renewed. Append-only (a database trigger
 * refuses UPDATE and DELETE within the retention period), so the history stays as it happened.
 */
export const consentDecisions = pgTable(
	'consent_decisions',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		/** Who made the decision: the citizen, or the relative who accepted an invitation. */
		actorId: uuid('actor_id')
			.notNull()
			.references(() => people.id),
		kind: text('kind', { enum: CONSENT_DECISION_KINDS }).notNull(),
		consentId: uuid('consent_id'),
		delegationId: uuid('delegation_id'),
		/** What was decided (purpose, scopes, expiry); never the citizen's data itself. */
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('consent_decisions_citizen_at_idx').on(t.citizenId, t.at)]
);
