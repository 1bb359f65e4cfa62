import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { media, type MediaSubjectType } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { AccessDenied, authorize, type Grant, type Resource } from './index';
import { entryIsSharedWith } from '../diary/service';
import { noteOfCitizen } from '../plan/repository';
import { topicVisible } from './topics';
import { stepOf } from '../routines/repository';

/**
 * Who may see a photo or a recording: exactly who may see the row it belongs to. Each kind of row
 * is one case below: the kind of the citizen's data it is (the grant the person needs, and what
 * the access log says was seen) and whether this grant sees that one row (a private topic, a
 * diary page not shared with this person). A kind without a case is refused to everyone, the
 * citizen too, until its feature adds its case.
 */

interface MediaSubjectRule {
	resource: Resource;
	/** Whether the grant (someone other than the citizen) sees this one row; the citizen sees all of theirs. */
	visible: (db: Db, grant: Grant, subjectId: string) => Promise<boolean>;
	/** For everyone, the citizen too: whether the row is still there (media left of a removed row are nobody's). */
	exists?: (db: Db, citizenId: string, subjectId: string) => Promise<boolean>;
}

/** One case per kind of row media belong to; null: nobody is shown such media yet. */
const MEDIA_SUBJECTS: Record<MediaSubjectType, MediaSubjectRule | null> = {
	topic: { resource: 'topics', visible: topicVisible },
	// A diary page's recording: seen exactly as the page is, by whoever it is shared with now.
	diary_entry: { resource: 'diary', visible: (db, grant, entryId) => entryIsSharedWith(db, grant, entryId) },
	// A delmål note's recording: with the plan, as the note's text is.
	subgoal_note: { resource: 'plan', visible: (db, grant, noteId) => noteOfCitizen(db, grant.citizenId, noteId) },
	// A step's photo: with the routines (the citizen, their professionals, a relative with the Min
	// dag scope), while the step is still in a routine of this citizen's.
	routine_step: {
		resource: 'routines',
		// Every step of a routine is seen with it: `exists` (for everyone) is the whole check.
		visible: async () => true,
		exists: async (db, citizenId, stepId) => Boolean(await stepOf(db, citizenId, stepId))
	}
};

/** The policy's yes to one media row: the grant for the row's kind of data, and which media. */
export interface MediaGrant {
	grant: Grant;
	mediaId: string;
}

/**
 * Decides whether the person may see this media, and logs the read (or the refused attempt) like
 * any other read of the citizen's data, naming the row it belongs to. Unknown media and a refusal
 * both throw AccessDenied: the route answers 404 for either, so nobody learns that it exists.
 */
export async function mediaAccess(db: Db, actor: SessionUser, mediaId: string, now = new Date()): Promise<MediaGrant> {
	const [owner] = await db
		.select({ citizenId: media.citizenId, subjectType: media.subjectType, subjectId: media.subjectId })
		.from(media)
		.where(eq(media.id, mediaId))
		.limit(1);
	const rule = owner ? MEDIA_SUBJECTS[owner.subjectType] : null;
	if (!owner || !rule) throw new AccessDenied('no_relation');
	const grant = await authorize(db, actor, owner.citizenId, rule.resource, 'read', {
		now,
		item: { id: owner.subjectId, visible: (g, d) => rule.visible(d, g, owner.subjectId) }
	});
	if (rule.exists && !(await rule.exists(db, owner.citizenId, owner.subjectId))) throw new AccessDenied('no_relation');
	return { grant, mediaId };
}
