import type { Db } from '../db';
import { preparedReads } from '../db/read-together';
import { nextMeetingReads } from '../meetings/repository';
import { focusSubgoalRows } from '../plan/repository';
import { meetingsLimitedTo, type Grant } from '../policy';
import { expiringOf, expiringReads, expiryWindow } from '../support/expiry';
import { remindersOf } from '../support/view';
import { openTalkReads, openTalksFrom } from '../support/tasks';
import { nowStepReads } from '../routines/repository';
import { copenhagenDate } from '../../meetings/time';
import type { DayRoutine, MyDay } from '../../routines/day';

/**
 * "I dag" in one round trip, built once (preparedReads): the delmål in focus, the next meeting with
 * who comes, and the citizen's own reminders (talks asked for, what ends soon). Each part reads with
 * its own grant's citizen; a part without a grant reads with null, which matches nothing, and is not
 * shown. `relative` limits the meetings to those a relative may see (null: not a relative).
 */
const homeReads = preparedReads(
	'home_view',
	['planCitizen', 'meetingsCitizen', 'relative', 'ownCitizen', 'now', 'horizon', 'routinesCitizen', 'day'],
	(db, p) =>
		[
			focusSubgoalRows(db, p.planCitizen),
			...nextMeetingReads(db, p.meetingsCitizen, p.relative, p.now),
			...openTalkReads(db, p.ownCitizen),
			...expiringReads(db, p.ownCitizen, { now: p.now, horizon: p.horizon }),
			...nowStepReads(db, p.routinesCitizen, p.day)
		] as const
);

export async function homeView(
	db: Db,
	grants: {
		plan: Grant<'plan'> | null;
		meetings: Grant<'meetings'> | null;
		/** The citizen's own consents grant: the reminders are never a relative's. */
		own: Grant<'consents'> | null;
		/** Min dag's now step (a relative only with the min_dag scope). */
		routines?: Grant<'routines'> | null;
	},
	now = new Date()
) {
	const own = grants.own?.relation.kind === 'self' ? grants.own : null;
	const window = expiryWindow(now);
	const day = copenhagenDate(now);
	const [focus, meeting, participants, talks, labels, consents, delegations, choices, steps, ticks, snoozes] =
		await homeReads(db, {
			planCitizen: grants.plan?.citizenId ?? null,
			meetingsCitizen: grants.meetings?.citizenId ?? null,
			relative: grants.meetings ? meetingsLimitedTo(grants.meetings) : null,
			ownCitizen: own?.citizenId ?? null,
			now: window.now.toISOString(),
			horizon: window.horizon.toISOString(),
			routinesCitizen: grants.routines?.citizenId ?? null,
			day
		});
	return {
		focus: grants.plan ? (focus[0] ?? null) : null,
		meeting: grants.meetings && meeting[0] ? { ...meeting[0], participants } : null,
		// Left out (not null) without the grant: the view holds only what a grant opened.
		myDay: grants.routines ? myDayOf(steps, ticks, snoozes) : undefined,
		reminders: own ? remindersOf(openTalksFrom(talks, labels), expiringOf(consents, delegations, choices)) : null
	};
}

/**
 * The day of Min dag for "I dag": the routines with their steps, what is done and what waits today.
 * The page works out the now step from it (nowStepIn: planDay, as the now view does) on the server's clock
 * and, once loaded, on the phone's. Null: no routines, so no card.
 */
function myDayOf(
	steps: ReadonlyArray<DayRoutine['steps'][number] & { routineName: string }>,
	ticks: ReadonlyArray<{ stepId: string }>,
	snoozes: ReadonlyArray<{ stepId: string; until: Date }>
) {
	if (steps.length === 0) return null;
	const byRoutine = new Map<string, DayRoutine>();
	for (const { routineName, ...step } of steps) {
		let routine = byRoutine.get(step.routineId);
		if (!routine) byRoutine.set(step.routineId, (routine = { id: step.routineId, name: routineName, steps: [] }));
		routine.steps.push(step);
	}
	const day: MyDay = {
		routines: [...byRoutine.values()],
		done: ticks.map((t) => t.stepId),
		snoozes: snoozes.map((s) => [s.stepId, new Date(s.until).toISOString()])
	};
	return day;
}
