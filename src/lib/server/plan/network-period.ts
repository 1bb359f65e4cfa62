import { and, asc, desc, eq, gt, gte, isNull, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../db';
import { meetings, planPeriods } from '../db/schema';
import type { Grant } from '../policy';
import { StaleWriteError } from '../../errors';
import { utcToCopenhagen } from '../../meetings/time';
import { writePlanPeriod } from './authoring';
import { requireOwner } from './changes';
import { currentCourse } from './repository';

/**
 * Borgerens Plan has a status per period between network meetings (DOMAIN.md, På vej til
 * arbejde): what was agreed at a network meeting is the status of the period it opens.
 *
 * Which period that is:
 * 1. the period the meeting is linked to (meetings.plan_period_id);
 * 2. else the period of the course that runs on the meeting's day, when it starts that day or
 *    has no status yet;
 * 3. else a new period starts on the meeting's day (until the next network meeting, when one is
 *    planned), and the period running until then ends that day.
 * The meeting is then linked to its period, so writing it again changes the same period.
 */

type PeriodRow = typeof planPeriods.$inferSelect;

export interface NetworkMeeting {
	id: string;
	citizenId: string;
	courseId: string | null;
	planPeriodId: string | null;
	startsAt: Date;
}

export type NetworkPeriodTarget =
	| { courseId: string; mode: 'update'; period: PeriodRow; startsOn: string; token: string }
	| {
			courseId: string;
			mode: 'new';
			previous: PeriodRow | null;
			startsOn: string;
			endsOn: string | null;
			token: string;
	  };

/** What the professional saw: the way and the period with its version; a save compares it. */
const tokenOf = (mode: 'update' | 'new', period: PeriodRow | null) =>
	`${mode}:${period?.id ?? ''}:${period?.version ?? ''}`;

async function firstDayAfter(db: Db, meeting: NetworkMeeting, courseId: string, day: string) {
	const [nextMeeting] = await db
		.select({ startsAt: meetings.startsAt })
		.from(meetings)
		.where(
			and(
				eq(meetings.citizenId, meeting.citizenId),
				eq(meetings.kind, 'netvaerksmoede'),
				ne(meetings.status, 'cancelled'),
				ne(meetings.id, meeting.id),
				gt(meetings.startsAt, meeting.startsAt)
			)
		)
		.orderBy(asc(meetings.startsAt))
		.limit(1);
	const [nextPeriod] = await db
		.select({ startsOn: planPeriods.startsOn })
		.from(planPeriods)
		.where(and(eq(planPeriods.courseId, courseId), gt(planPeriods.startsOn, day)))
		.orderBy(asc(planPeriods.startsOn))
		.limit(1);
	const days = [nextMeeting ? utcToCopenhagen(nextMeeting.startsAt).date : null, nextPeriod?.startsOn ?? null].filter(
		(d): d is string => d !== null && d > day
	);
	return days.sort()[0] ?? null;
}

/** Which period a network meeting's status goes to, and how; null when the citizen has no course. */
export async function networkPeriodFor(db: Db, meeting: NetworkMeeting): Promise<NetworkPeriodTarget | null> {
	const courseId = meeting.courseId ?? (await currentCourse(db, meeting.citizenId))?.course.id;
	if (!courseId) return null;
	if (meeting.planPeriodId) {
		const [linked] = await db
			.select()
			.from(planPeriods)
			.where(and(eq(planPeriods.id, meeting.planPeriodId), eq(planPeriods.courseId, courseId)));
		if (linked)
			return { courseId, mode: 'update', period: linked, startsOn: linked.startsOn, token: tokenOf('update', linked) };
	}
	const day = utcToCopenhagen(meeting.startsAt).date;
	const [running] = await db
		.select()
		.from(planPeriods)
		.where(
			and(
				eq(planPeriods.courseId, courseId),
				lte(planPeriods.startsOn, day),
				or(isNull(planPeriods.endsOn), gte(planPeriods.endsOn, day))
			)
		)
		.orderBy(desc(planPeriods.startsOn))
		.limit(1);
	if (running && (running.startsOn === day || !running.status))
		return { courseId, mode: 'update', period: running, startsOn: running.startsOn, token: tokenOf('update', running) };
	let endsOn = await firstDayAfter(db, meeting, courseId, day);
	if (!endsOn && running?.endsOn && running.endsOn > day) endsOn = running.endsOn;
	const previous = running ?? null;
	return { courseId, mode: 'new', previous, startsOn: day, endsOn, token: tokenOf('new', previous) };
}

/**
 * Writes what was agreed at a network meeting as the status of its period, inside the caller's
 * transaction, through the plan's own writes (version check, plan_changes). `token` is what the
 * professional saw (networkPeriodFor().token); anything else now is a stale write, as is a
 * missing token when there is a course. Returns the period, or null when there is no course.
 */
export async function writeNetworkMeetingStatus(
	tx: Db,
	grant: Grant<'plan', 'write'>,
	meeting: NetworkMeeting,
	text: { status: string; statusEasy: string | null },
	token: string | null
): Promise<PeriodRow | null> {
	requireOwner(meeting, grant);
	const target = await networkPeriodFor(tx, meeting);
	if (!target) return null;
	if (target.token !== token) throw new StaleWriteError(target);
	if (target.mode === 'update') {
		const { period } = target;
		return writePlanPeriod(tx, grant, target.courseId, {
			id: period.id,
			startsOn: period.startsOn,
			endsOn: period.endsOn,
			status: text.status,
			statusEasy: text.statusEasy,
			version: period.version
		});
	}
	const { previous } = target;
	if (previous && (previous.endsOn === null || previous.endsOn > target.startsOn))
		await writePlanPeriod(tx, grant, target.courseId, {
			id: previous.id,
			startsOn: previous.startsOn,
			endsOn: target.startsOn,
			status: previous.status,
			statusEasy: previous.statusEasy,
			version: previous.version
		});
	return writePlanPeriod(tx, grant, target.courseId, {
		startsOn: target.startsOn,
		endsOn: target.endsOn,
		status: text.status,
		statusEasy: text.statusEasy
	});
}
