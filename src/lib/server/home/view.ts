import type { Db } from '../db';
import { preparedReads } from '../db/read-together';
import { nextMeetingReads } from '../meetings/repository';
import { focusSubgoalRows } from '../plan/repository';
import { meetingsLimitedTo, type Grant } from '../policy';
import { expiringOf, expiringReads, expiryWindow } from '../support/expiry';
import { remindersOf } from '../support/view';
import { openTalkReads, openTalksFrom } from '../support/tasks';

/**
 * "I dag" in one round trip, built once (preparedReads): the delmål in focus, the next meeting with
 * who comes, and the citizen's own reminders (talks asked for, what ends soon). Each part reads with
 * its own grant's citizen; a part without a grant reads with null, which matches nothing, and is not
 * shown. `relative` limits the meetings to those a relative may see (null: not a relative).
 */
const homeReads = preparedReads(
	'home_view',
	['planCitizen', 'meetingsCitizen', 'relative', 'ownCitizen', 'now', 'horizon'],
	(db, p) =>
		[
			focusSubgoalRows(db, p.planCitizen),
			...nextMeetingReads(db, p.meetingsCitizen, p.relative, p.now),
			...openTalkReads(db, p.ownCitizen),
			...expiringReads(db, p.ownCitizen, { now: p.now, horizon: p.horizon })
		] as const
);

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
	const own = grants.own?.relation.kind === 'self' ? grants.own : null;
	const window = expiryWindow(now);
	const [focus, meeting, participants, talks, labels, consents, delegations, choices] = await homeReads(db, {
		planCitizen: grants.plan?.citizenId ?? null,
		meetingsCitizen: grants.meetings?.citizenId ?? null,
		relative: grants.meetings ? meetingsLimitedTo(grants.meetings) : null,
		ownCitizen: own?.citizenId ?? null,
		now: window.now.toISOString(),
		horizon: window.horizon.toISOString()
	});
	return {
		focus: grants.plan ? (focus[0] ?? null) : null,
		meeting: grants.meetings && meeting[0] ? { ...meeting[0], participants } : null,
		reminders: own ? remindersOf(openTalksFrom(talks, labels), expiringOf(consents, delegations, choices)) : null
	};
}
