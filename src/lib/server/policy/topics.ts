import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { topics } from '../db/schema';
import { contactPersonOf } from './contact-person';
import type { Grant } from './index';

/**
 * Which of the citizen's topics a grant sees. The citizen sees all of theirs; their professionals
 * see the topics of the citizen's meetings, except one the citizen marked "only for me and my
 * contact person": that one only the contact person sees (contact-person.ts names them). Relatives
 * hold no topics grant at all (index.ts).
 */

/** Whether the grant sees the citizen's private topics: the citizen, and their contact person now. */
export async function seesPrivateTopics(db: Db, grant: Grant<'topics'>, now = new Date()): Promise<boolean> {
	if (grant.relation.kind === 'self') return true;
	if (grant.relation.kind !== 'professional') return false;
	return (await contactPersonOf(db, grant.citizenId, now))?.id === grant.actor.id;
}

/** Whether the grant sees this one topic (the citizen's, and not private unless they see those). */
export async function topicVisible(db: Db, grant: Grant, topicId: string): Promise<boolean> {
	const [topic] = await db
		.select({ private: topics.private })
		.from(topics)
		.where(and(eq(topics.id, topicId), eq(topics.citizenId, grant.citizenId)))
		.limit(1);
	if (!topic) return false;
	return !topic.private || seesPrivateTopics(db, grant as Grant<'topics'>);
}
