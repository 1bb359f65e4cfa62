import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';

/** The bodies that run programmes (handicaporganisation, CBR, Center for Psykiatri, jobcenter). */
export const organisations = pgTable('organisations', {
	id: id(),
	name: text('name').notNull(),
	kind: text('kind', {
		enum: ['disability_organisation', 'cbr', 'psychiatry_centre', 'jobcentre', 'municipality']
	}).notNull(),
	phone: text('phone'),
	/** Hosts the organisation trusts for video calls; other links are shown as plain text. */
	videoHostAllowlist: text('video_host_allowlist').array().notNull().default([]),
	...timestamps
});

/** The organisation's contact list (kontaktliste): emergency room, crisis lines, social centre. */
export const organisationContacts = pgTable('organisation_contacts', {
	id: id(),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	phone: text('phone').notNull(),
	description: text('description'),
	hours: text('hours'),
	/**
	 * A line the app knows (Livslinien, 112, …): its description and hours are shown from
	 * `crisis.lines.<key>` in the person's language and reading mode. Null for a line the
	 * organisation added itself: then the stored Danish text is shown.
	 */
	textKey: text('text_key'),
	...timestamps
});
