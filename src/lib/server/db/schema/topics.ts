import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { meetings } from './meetings';
import { people } from './people';

/**
 * "Det vil jeg gerne tale om": something the citizen brings to one of their meetings, a few words
 * and/or photos (media with subject_type 'topic'). The professionals of the meeting see it, or,
 * when private, only the citizen's contact person (policy/topics.ts).
 */
export const topics = pgTable(
	'topics',
	{
		id: id(),
		citizenId: uuid('citizen_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		/** A few words; null when the photos say it all. */
		text: text('text'),
		/** "Kun for mig og min kontaktperson". */
		private: boolean('private').notNull().default(false),
		talkedAboutAt: timestamp('talked_about_at', { withTimezone: true }),
		talkedAboutBy: uuid('talked_about_by').references(() => people.id, { onDelete: 'set null' }),
		/** "Det aftalte vi" of its meeting answers this topic (the professional ticks it there). */
		answeredByAgreed: boolean('answered_by_agreed').notNull().default(false),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => people.id),
		...timestamps
	},
	(t) => [index('topics_meeting_idx').on(t.meetingId), index('topics_citizen_idx').on(t.citizenId)]
);
