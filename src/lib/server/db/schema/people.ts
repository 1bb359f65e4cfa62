import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { LOA_LEVELS, ROLES } from '../../../domain';
import { id, timestamps } from './columns';
import { organisations } from './organisations';

/** Everyone who uses the app: citizens, relatives and professionals. No CPR number is kept. */
export const people = pgTable('people', {
	id: id(),
	displayName: text('display_name').notNull(),
	givenName: text('given_name').notNull(),
	phone: text('phone'),
	email: text('email'),
	/** When a professional can be reached, in their own words ("Mondays and Thursdays 9–12"). */
	availability: text('availability'),
	...timestamps
});

/** The roles a person holds; a professional role belongs to an organisation. */
export const personRoles = pgTable(
	'person_roles',
	{
		id: id(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		organisationId: uuid('organisation_id').references(() => organisations.id),
		...timestamps
	},
	(t) => [unique('person_roles_person_role_org').on(t.personId, t.role, t.organisationId).nullsNotDistinct()]
);

/** Links an OpenID Connect subject at one issuer to a person; login is keyed on (issuer, sub). */
export const loginIdentities = pgTable(
	'login_identities',
	{
		id: id(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		issuer: text('issuer').notNull(),
		subject: text('subject').notNull(),
		lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
		lastLoa: text('last_loa', { enum: LOA_LEVELS }),
		...timestamps
	},
	(t) => [unique('login_identities_issuer_subject').on(t.issuer, t.subject)]
);

/** Reading and language choices, remembered per person (before login they live in a cookie). */
export const personSettings = pgTable('person_settings', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => people.id, { onDelete: 'cascade' }),
	language: text('language').notNull().default('da'),
	readingMode: text('reading_mode', { enum: ['standard', 'easy'] })
		.notNull()
		.default('standard'),
	textSize: text('text_size', { enum: ['100', '125', '150', '175', '200'] })
		.notNull()
		.default('100'),
	highContrast: boolean('high_contrast').notNull().default(false),
	reducedMotion: boolean('reduced_motion').notNull().default(false),
	wideSpacing: boolean('wide_spacing').notNull().default(false),
	/** Minutes before a meeting for push reminders; empty means no reminders. */
	reminderMinutes: text('reminder_minutes').array().notNull().default(['1440', '60']),
	/** SHA-256 of the secret in the personal calendar-feed URL; renewing it replaces the hash. */
	calendarTokenHash: text('calendar_token_hash'),
	...timestamps
});
