import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import type { AccessDetail } from '../db/schema';
import {
	AccessDenied,
	authorize,
	relationTo,
	relativeHasScope,
	type Action,
	type Grant,
	type RelationFor,
	type Resource
} from './index';

/**
 * The decisions a service needs in the middle of its work, when what to decide about is only known
 * after it has read something (a together session names its citizen; a caseload has many). Each is
 * named for what the service asks, and the policy answers (and logs) exactly as authorize() would:
 * services never call authorize(), relationTo() or relativeHasScope() themselves (a test holds it).
 */

/**
 * Whether the person may join this meeting's video call: the policy's 'video' resource decides
 * (professionals and the citizen may; a relative needs the join_video scope) and logs the read.
 * Asked only for a meeting the person may already see (a meetings grant) that has a video link.
 */
export async function mayJoinVideo(db: Db, grant: Grant<'meetings'>, meetingId: string, now: Date): Promise<boolean> {
	try {
		await authorize(db, grant.actor, grant.citizenId, 'video', 'read', { resourceId: meetingId, now });
		return true;
	} catch (cause) {
		if (cause instanceof AccessDenied) return false;
		throw cause;
	}
}

/**
 * A grant for each citizen in turn (a professional's caseload), each logged as its own read. With
 * `refused: 'skip'` a citizen the policy refuses is left out of the answer; with 'throw' the
 * refusal stops the whole (the rows already written stay, as they would with one call at a time).
 */
export async function grantEach<R extends Resource, A extends Action>(
	db: Db,
	actor: SessionUser,
	citizenIds: Iterable<string>,
	resource: R,
	action: A,
	options: { now?: Date; refused: 'skip' | 'throw' }
): Promise<Map<string, Grant<R, A>>> {
	const grants = new Map<string, Grant<R, A>>();
	for (const citizenId of citizenIds) {
		try {
			grants.set(citizenId, await authorize(db, actor, citizenId, resource, action, { now: options.now }));
		} catch (cause) {
			if (options.refused === 'throw' || !(cause instanceof AccessDenied)) throw cause;
		}
	}
	return grants;
}

/**
 * One write the person made offline, decided now as the same form post would be: a delegation
 * stopped or a consent withdrawn since then holds for the queued item too.
 */
export function replayGrant<R extends 'diary' | 'plan' | 'routines'>(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	resource: R
) {
	return authorize(db, actor, citizenId, resource, 'write');
}

/**
 * How the person relates to the citizen for "look at it together" (no log: the step that changes
 * something is logged by togetherStep). A write is never a relative's: they look on.
 */
export function togetherRelation<A extends Action>(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	action: A,
	now = new Date()
): Promise<RelationFor<'together', A>> {
	// relationTo() decides by the tables RelationFor is read from (a relative only ever reads).
	return relationTo(db, actor, citizenId, 'together', action, now) as Promise<RelationFor<'together', A>>;
}

/** The policy's yes to a step of a together session, with the step in the access log (for anyone but the citizen). */
export function togetherStep(
	db: Db,
	actor: SessionUser,
	session: { id: string; citizenId: string },
	now: Date,
	detail: AccessDetail
) {
	return authorize(db, actor, session.citizenId, 'together', 'write', { resourceId: session.id, now, detail });
}

/** A note or next step written while together: a plan write on that delmål, logged with the step. */
export function togetherPlanChange(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	subgoalId: string,
	now: Date,
	detail: Extract<AccessDetail, 'together_note' | 'together_next_step'>
) {
	return authorize(db, actor, citizenId, 'plan', 'write', { resourceId: subgoalId, now, detail });
}

/** A change to the citizen's routines (Min dag) in a together session: a routines write, logged with the step. */
export function togetherRoutineStep(db: Db, actor: SessionUser, session: { id: string; citizenId: string }, now: Date) {
	return authorize(db, actor, session.citizenId, 'routines', 'write', {
		resourceId: session.id,
		now,
		detail: 'together_routine'
	});
}

/** Whether the citizen may ask this relative into a together session: their join_video scope is in force. */
export function relativeMayJoinTogether(db: Db, relativeId: string, citizenId: string, now = new Date()) {
	return relativeHasScope(db, relativeId, citizenId, 'join_video', now);
}

/**
 * The topics the citizen brings to a meeting, shown on that meeting's page or in "Se det sammen"
 * started from it: decided as a 'topics' read (professionals and the citizen; a relative, or the
 * citizen looking as one, gets null), and not logged again: the page's meeting or together read
 * already stands in the log. Opening a topic's photo is logged on its own (policy/media.ts).
 */
export async function topicsOnMeeting(
	db: Db,
	grant: Grant<'meetings' | 'together', 'read'>,
	now = new Date()
): Promise<Grant<'topics', 'read'> | null> {
	if (grant.preview) return null;
	try {
		const relation = await relationTo(db, grant.actor, grant.citizenId, 'topics', 'read', now);
		// relationTo() decides by the tables RelationFor is read from.
		return {
			citizenId: grant.citizenId,
			actor: grant.actor,
			relation: relation as RelationFor<'topics', 'read'>,
			resource: 'topics',
			action: 'read'
		};
	} catch (cause) {
		if (cause instanceof AccessDenied) return null;
		throw cause;
	}
}
