import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id } from './columns';
import { people } from './people';

/**
 * What a photo or a recording belongs to. Listed in full now (topics first; the diary, delmål notes
 * and routine steps follow) so a new kind needs a case in the policy (policy/media.ts), not a migration.
 */
export const MEDIA_SUBJECT_TYPES = ['topic', 'diary_entry', 'subgoal_note', 'routine_step'] as const;
export type MediaSubjectType = (typeof MEDIA_SUBJECT_TYPES)[number];
export const MEDIA_KINDS = ['image', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * PostgreSQL's bytea. PGlite gives a Uint8Array and postgres.js a Buffer (a Uint8Array subclass
 * with other methods): both become a plain Uint8Array, so code and tests see one type. Written as a
 * Buffer, which both drivers send as bytea (postgres.js infers the type from a Buffer, not from a
 * bare Uint8Array).
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
	fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
});

/**
 * A photo or a recording a person gave the app, kept in the database with what it belongs to, so a
 * backup, the export and the citizen's deletion hold it like any other data. The content type is
 * only ever one the server worked out from the bytes (media/image-check.ts), never the sender's.
 */
export const media = pgTable(
	'media',
	{
		id: id(),
		/** Whose data it is: the policy decides by this citizen, and deleting them deletes it. */
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
		contentType: text('content_type').notNull(),
		bytes: bytea('bytes').notNull(),
		byteSize: integer('byte_size').notNull(),
		durationMs: integer('duration_ms'),
		width: integer('width'),
		height: integer('height'),
		subjectType: text('subject_type', { enum: MEDIA_SUBJECT_TYPES }).notNull(),
		/** The row it belongs to (a topic, a diary entry …); deleting that deletes this in the same transaction. */
		subjectId: uuid('subject_id').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => people.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** When the retention job deletes it (topic photos: some days after the meeting); null: kept. */
		deleteAfter: timestamp('delete_after', { withTimezone: true })
	},
	(t) => [
		index('media_subject_idx').on(t.subjectType, t.subjectId),
		index('media_citizen_idx').on(t.citizenId),
		index('media_delete_after_idx').on(t.deleteAfter),
		check(
			'media_subject_type_check',
			sql`${t.subjectType} in ('topic', 'diary_entry', 'subgoal_note', 'routine_step')`
		),
		check('media_kind_check', sql`${t.kind} in ('image', 'audio')`),
		check('media_byte_size_check', sql`${t.byteSize} > 0 and ${t.byteSize} = octet_length(${t.bytes})`)
	]
);
