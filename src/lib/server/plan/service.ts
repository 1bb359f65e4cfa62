import type { Db } from '../db';
import type { Grant } from '../policy';
import { currentPhaseIndex, placementDeadline, programmeTemplate } from '../../programmes';
import { copenhagenDate } from '../../meetings/time';
import { sql } from 'drizzle-orm';
import { readTogether } from '../db/read-together';
import { nextMeetingOfKindRows } from '../meetings/repository';
import { careTeamOf } from '../people/repository';
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
 * The plan as the citizen (or someone through the policy) sees it: course, phases with where
 * they are now, the current plan period, goals with delmål, and the people around them.
 * Takes a plan grant (or a together grant: the shared page is the plan), so it cannot be called
 * without a decision from the policy.
 */
export async function planOverview(db: Db, grant: Grant<'plan' | 'together'>, now = new Date()) {
	const citizenId = grant.citizenId;
	const today = copenhagenDate(now);
	// Notes and suggestions are the citizen's words to the professionals: not for relatives.
	const showsConversation = grant.relation.kind !== 'relative';
	// The whole plan in one round trip: the reads that hang off the course find it by the same
	// choice as currentCourse (currentCourseId), so none waits for another.
	const courseId = currentCourseId(citizenId);
	const [courseRows, phases, periods, goalRows, subgoalRows, strategyRows, team, networkMeetings, notes, suggestions] =
		await readTogether(db, [
			currentCourseRows(db, citizenId),
			phasesOf(db, courseId),
			planPeriodsOf(db, courseId),
			...goalReads(db, courseId, citizenId),
			careTeamOf(db, citizenId, now),
			nextMeetingOfKindRows(db, citizenId, 'netvaerksmoede', now),
			// For a relative these two compare with null and find nothing.
			recentNotesOfCourse(db, showsConversation ? courseId : sql`null`),
			suggestionsOfCourse(db, showsConversation ? courseId : sql`null`)
		]);
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
					.map((n) => ({ id: n.id, text: n.text, author: n.author, at: n.createdAt.toISOString() }))
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
