import type { Db } from '../db';
import type { Grant } from '../policy';
import { currentPhaseIndex, placementDeadline, programmeTemplate } from '../../programmes';
import { copenhagenDate } from '../../meetings/time';
import { sql } from 'drizzle-orm';
import { preparedReads } from '../db/read-together';
import { nextMeetingOfKindRows } from '../meetings/repository';
import { careTeamRows, personNameRows } from '../people/repository';
import { takesPart, videoMeetingsOpen } from '../together/repository';
import { VIDEO_OPENS_MINUTES_BEFORE } from '../../meetings/video-link';
import {
	currentCourseId,
	currentCourseRows,
	goalReads,
	phasesOf,
	pickCurrentCourse,
	planPeriodsOf,
	recentNotesOfCourse,
	suggestionsOfCourse,
	withSubgoalsAndStrategies
} from './repository';

/**
 * Everything the plan shows, in one round trip and built once (preparedReads): the reads that hang
 * off the course find it by the same choice as currentCourse (currentCourseId), so none waits for
 * another. `conversation` false (a relative) leaves out the notes and suggestions.
 */
const planReads = preparedReads(
	'plan_overview',
	['citizenId', 'today', 'now', 'conversation', 'videoOpens', 'dayAgo'],
	(db, p) => {
		const courseId = currentCourseId(p.citizenId);
		const conversationCourseId = sql`(case when ${p.conversation}::boolean then ${courseId} end)`;
		return [
			currentCourseRows(db, p.citizenId),
			phasesOf(db, courseId),
			planPeriodsOf(db, courseId),
			...goalReads(db, courseId, p.citizenId),
			careTeamRows(db, p.citizenId, p.today),
			nextMeetingOfKindRows(db, p.citizenId, 'netvaerksmoede', p.now),
			recentNotesOfCourse(db, conversationCourseId),
			suggestionsOfCourse(db, conversationCourseId),
			// Whether a support time (a video meeting) is on now: the citizen's "Se det sammen".
			videoMeetingsOpen(db, p.citizenId, { now: p.now, opens: p.videoOpens, dayAgo: p.dayAgo }),
			// Whose plan it is, by name (a professional's page says it).
			personNameRows(db, p.citizenId)
		] as const;
	}
);

/**
 * The plan as the citizen (or someone through the policy) sees it: course, phases with where
 * they are now, the current plan period, goals with delmål, and the people around them.
 * Takes a plan grant (or a together grant: the shared page is the plan), so it cannot be called
 * without a decision from the policy.
 */
export async function planOverview(db: Db, grant: Grant<'plan' | 'together'>, now = new Date()) {
	return (await readPlan(db, grant, now)).plan;
}

/**
 * A plan page: the plan, whose it is, and whether a support time (a video meeting) is on now, so
 * "Se det sammen" can start: for the citizen any such meeting, for a professional one they made or
 * take part in, for a relative never. One round trip (two when a professional's meeting is on).
 */
export async function planPage(db: Db, grant: Grant<'plan'>, now = new Date()) {
	const { plan, videoMeetings, citizen } = await readPlan(db, grant, now);
	let supportTimeNow = false;
	if (grant.relation.kind === 'self') supportTimeNow = videoMeetings.length > 0;
	else if (grant.relation.kind === 'professional')
		for (const { meeting } of videoMeetings) if ((supportTimeNow = await takesPart(db, meeting, grant.actor.id))) break;
	return { plan, citizen, supportTimeNow };
}

async function readPlan(db: Db, grant: Grant<'plan' | 'together'>, now: Date) {
	const today = copenhagenDate(now);
	const rows = await planReads(db, {
		citizenId: grant.citizenId,
		today,
		now: now.toISOString(),
		// Notes and suggestions are the citizen's words to the professionals: not for relatives.
		conversation: grant.relation.kind !== 'relative',
		videoOpens: new Date(now.getTime() + VIDEO_OPENS_MINUTES_BEFORE * 60_000).toISOString(),
		dayAgo: new Date(now.getTime() - 86_400_000).toISOString()
	});
	// The last two reads of planReads.
	const [videoMeetings, [citizen]] = [rows[10], rows[11]];
	return { plan: shapePlan(rows, today), videoMeetings, citizen: citizen ?? null };
}

function shapePlan(rows: Awaited<ReturnType<typeof planReads>>, today: string) {
	const [courseRows, phases, periods, goalRows, subgoalRows, strategyRows, team, networkMeetings, notes, suggestions] =
		rows;
	const found = pickCurrentCourse(courseRows);
	if (!found) return { course: null, milestones: null, phases: [], periods: [], goals: [], team };
	const { course, organisation } = found;
	const template = programmeTemplate(course.programme, course.variant);
	const goals = withSubgoalsAndStrategies(goalRows, subgoalRows, strategyRows);
	const nextNetworkMeeting = template.milestones.networkMeetingEveryMonths ? networkMeetings[0]?.startsAt : null;
	// -1 before the start, phases.length after the end: every phase is then "coming" or "done".
	const currentIndex = currentPhaseIndex(phases, today);
	return {
		course: {
			id: course.id,
			programme: course.programme,
			variant: course.variant,
			status: course.status,
			startsOn: course.startsOn,
			endsOn: course.endsOn,
			organisation: organisation.name
		},
		milestones: {
			placementBy: placementDeadline(course.programme, course.variant, course.startsOn),
			followUpNoteEveryMonths: template.milestones.followUpNoteEveryMonths ?? null,
			networkMeetingEveryMonths: template.milestones.networkMeetingEveryMonths ?? null,
			nextNetworkMeeting: nextNetworkMeeting?.toISOString() ?? null,
			lengthMonths: template.lengthMonths
		},
		phases: phases.map((p, index) => ({
			key: p.key,
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			state: index < currentIndex ? 'done' : index === currentIndex ? 'now' : 'coming'
		})),
		periods: periods.map((p) => ({
			id: p.id,
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			status: p.status,
			statusEasy: p.statusEasy
		})),
		goals: goals.map((g) => ({
			id: g.id,
			title: g.title,
			titleEasy: g.titleEasy,
			ownWords: g.ownWords,
			whyItMatters: g.whyItMatters,
			status: g.status,
			changedBy: g.changedBy,
			updatedAt: g.updatedAt.toISOString(),
			subgoals: g.subgoals.map((s) => ({
				id: s.id,
				title: s.title,
				titleEasy: s.titleEasy,
				status: s.status,
				nextStep: s.nextStep,
				nextStepEasy: s.nextStepEasy,
				dueOn: s.dueOn,
				inFocus: s.inFocus,
				version: s.version,
				changedBy: s.changedBy,
				updatedAt: s.updatedAt.toISOString(),
				notes: notes
					.filter((n) => n.subgoalId === s.id)
					.map((n) => ({
						id: n.id,
						text: n.text,
						author: n.author,
						at: n.createdAt.toISOString(),
						audioId: n.audioId,
						audioMs: n.audioMs
					}))
			})),
			suggestions: suggestions
				.filter((x) => x.suggestion.goalId === g.id)
				.map((x) => ({
					id: x.suggestion.id,
					title: x.suggestion.title,
					status: x.suggestion.status,
					answer: x.suggestion.answer,
					answeredBy: x.answeredByName
				})),
			strategies: g.strategies.map((c) => ({ id: c.id, title: c.title, description: c.description, kind: c.kind }))
		})),
		team: team.map((m) => ({ ...m }))
	};
}

export type PlanOverview = Awaited<ReturnType<typeof planOverview>>;
export type Goal = PlanOverview['goals'][number];
export type Subgoal = Goal['subgoals'][number];
