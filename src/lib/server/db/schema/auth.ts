import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOA_LEVELS } from '../../../domain';
import { id, timestamps } from './columns';
import { people } from './people';

/** A login session. The cookie holds "id.secret"; only SHA-256(secret) is stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		loa: text('loa', { enum: LOA_LEVELS }).notNull(),
		/** A short description of the device ("Chrome on Android") so the citizen can recognise it. */
		deviceLabel: text('device_label').notNull().default(''),
		/** For a relative: whose pages they are looking at now. */
		actingForCitizenId: uuid('acting_for_citizen_id').references(() => people.id, { onDelete: 'set null' }),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		...timestamps
	},
	(t) => [index('sessions_person_idx').on(t.personId), index('sessions_expires_idx').on(t.expiresAt)]
);

/** A login in progress: state, nonce and PKCE verifier kept server-side so any app server can finish it. */
export const loginAttempts = pgTable('login_attempts', {
	state: text('state').primaryKey(),
	nonce: text('nonce').notNull(),
	codeVerifier: text('code_verifier').notNull(),
	/**
	 * SHA-256 of the browser's login cookie: only the browser that began the login may finish it,
	 * so a callback link sent by someone else logs nobody in (login CSRF).
	 */
	browserHash: text('browser_hash').notNull(),
	returnTo: text('return_to').notNull().default('/'),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	...timestamps
});

/** A passkey (WebAuthn credential) for returning logins after a first MitID login. */
export const passkeys = pgTable('passkeys', {
	id: text('id').primaryKey(),
	personId: uuid('person_id')
		.notNull()
		.references(() => people.id, { onDelete: 'cascade' }),
	publicKey: text('public_key').notNull(),
	counter: bigint('counter', { mode: 'number' }).notNull().default(0),
	transports: text('transports').array().notNull().default([]),
	label: text('label').notNull().default(''),
	lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
	...timestamps
});

/** A Web Push subscription of one browser. */
export const pushSubscriptions = pgTable('push_subscriptions', {
	id: id(),
	personId: uuid('person_id')
		.notNull()
		.references(() => people.id, { onDelete: 'cascade' }),
	endpoint: text('endpoint').notNull().unique(),
	p256dh: text('p256dh').notNull(),
	auth: text('auth').notNull(),
	...timestamps
});
