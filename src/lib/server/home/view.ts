import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import { nextMeetingReads } from '../meetings/repository';
import { focusSubgoalRows } from '../plan/repository';
import { meetingsLimitedTo, type Grant } from '../policy';
import { expiringOf, expiringReads } from '../support/expiry';
import { remindersOf } from '../support/view';
import { openTalkReads, openTalksFrom } from '../support/tasks';

/**
 * "I dag" in one round trip: the delmål in focus, the next meeting with who comes, and the
 * citizen's own reminders (talks asked for, what ends soon), each read only with its grant: a part
 * without one reads with no citizen (`null`, which matches nothing) and is not shown.
 */
export async function homeView(
	db: Db,
	grants: {
		plan: Grant<'plan'> | null;
		meetings: Grant<'meetings'> | null;
		/** The citizen's own consents grant: the reminders are never a relative's. */
		own: Grant<'consents'> | null;
	},
	now = new Date()
) {
	const none = sql`null`;
	const own = grants.own?.relation.kind === 'self' ? grants.own : null;
	const [focus, meeting, participants, talks, labels, consents, delegations, choices] = await readTogether(db, [
		focusSubgoalRows(db, grants.plan?.citizenId ?? none),
		...nextMeetingReads(
			db,
			grants.meetings?.citizenId ?? none,
			grants.meetings ? meetingsLimitedTo(grants.meetings) : null,
			now
		),
		...openTalkReads(db, own?.citizenId ?? none),
		...expiringReads(db, own?.citizenId ?? none, now)
	]);
	return {
		focus: grants.plan ? (focus[0] ?? null) : null,
		meeting: grants.meetings && meeting[0] ? { ...meeting[0], participants } : null,
		reminders: own ? remindersOf(openTalksFrom(talks, labels), expiringOf(consents, delegations, choices)) : null
	};
}
