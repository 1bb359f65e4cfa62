import { asc, eq, inArray } from 'drizzle-orm';
import type { CarePlan, Goal } from '@medplum/fhirtypes';
import {
	copingStrategies,
	coursePhases,
	courses,
	goals,
	organisations,
	planChanges,
	planPeriods,
	subgoalNotes,
	subgoals,
	subgoalSuggestions
} from '../db/schema';
import { exportSection, iso } from '../export/section';
import { fhirEntry, LOCAL, present, ref } from '../export/fhir-util';

const CAREPLAN_STATUS = { planned: 'draft', active: 'active', follow_up: 'active', ended: 'completed' } as const;
const ACTIVITY_STATUS = {
	not_started: 'not-started',
	working_on_it: 'in-progress',
	done: 'completed',
	paused: 'on-hold'
} as const;
const GOAL_STATUS = { active: 'active', reached: 'completed', paused: 'on-hold', dropped: 'cancelled' } as const;
const GOAL_ACHIEVEMENT = {
	active: 'in-progress',
	reached: 'achieved',
	paused: 'no-progress',
	dropped: 'not-achieved'
} as const;

/**
 * The plan: courses with phases, periods, goals, delmål, notes and suggestions; the coping
 * strategies; and every change to the plan. In FHIR: a Goal per goal and a CarePlan per course,
 * with the delmål as its activities.
 */
export const planSection = exportSection({
	async load({ db, citizenId }) {
		const [courseRows, coping, changes] = await Promise.all([
			db
				.select({ course: courses, organisation: organisations.name })
				.from(courses)
				.innerJoin(organisations, eq(organisations.id, courses.organisationId))
				.where(eq(courses.citizenId, citizenId))
				.orderBy(asc(courses.startsOn)),
			db
				.select()
				.from(copingStrategies)
				.where(eq(copingStrategies.citizenId, citizenId))
				.orderBy(asc(copingStrategies.createdAt)),
			db.select().from(planChanges).where(eq(planChanges.citizenId, citizenId)).orderBy(asc(planChanges.createdAt))
		]);
		const courseIds = courseRows.map((c) => c.course.id);
		const [phaseRows, periodRows, goalRows] = courseIds.length
			? await Promise.all([
					db
						.select()
						.from(coursePhases)
						.where(inArray(coursePhases.courseId, courseIds))
						.orderBy(asc(coursePhases.position)),
					db
						.select()
						.from(planPeriods)
						.where(inArray(planPeriods.courseId, courseIds))
						.orderBy(asc(planPeriods.startsOn)),
					db.select().from(goals).where(inArray(goals.courseId, courseIds)).orderBy(asc(goals.position))
				])
			: [[], [], []];
		const goalIds = goalRows.map((g) => g.id);
		const [subgoalRows, suggestionRows] = goalIds.length
			? await Promise.all([
					db.select().from(subgoals).where(inArray(subgoals.goalId, goalIds)).orderBy(asc(subgoals.position)),
					db.select().from(subgoalSuggestions).where(inArray(subgoalSuggestions.goalId, goalIds))
				])
			: [[], []];
		const subgoalIds = subgoalRows.map((s) => s.id);
		const noteRows = subgoalIds.length
			? await db
					.select()
					.from(subgoalNotes)
					.where(inArray(subgoalNotes.subgoalId, subgoalIds))
					.orderBy(asc(subgoalNotes.createdAt))
			: [];

		return {
			mentions: [
				...noteRows.map((n) => n.authorId),
				...suggestionRows.flatMap((s) => [s.suggestedBy, s.answeredBy]),
				...changes.map((c) => c.changedBy)
			],
			json: (nameOf) => ({
				courses: courseRows.map(({ course, organisation }) => ({
					id: course.id,
					programme: course.programme,
					variant: course.variant,
					status: course.status,
					organisation,
					startsOn: course.startsOn,
					endsOn: course.endsOn,
					phases: phaseRows
						.filter((p) => p.courseId === course.id)
						.map((p) => ({ key: p.key, position: p.position, startsOn: p.startsOn, endsOn: p.endsOn, note: p.note })),
					planPeriods: periodRows
						.filter((p) => p.courseId === course.id)
						.map((p) => ({
							id: p.id,
							startsOn: p.startsOn,
							endsOn: p.endsOn,
							status: p.status,
							statusEasy: p.statusEasy
						})),
					goals: goalRows
						.filter((g) => g.courseId === course.id)
						.map((g) => ({
							id: g.id,
							planPeriodId: g.planPeriodId,
							title: g.title,
							titleEasy: g.titleEasy,
							ownWords: g.ownWords,
							whyItMatters: g.whyItMatters,
							status: g.status,
							updatedAt: g.updatedAt.toISOString(),
							subgoals: subgoalRows
								.filter((s) => s.goalId === g.id)
								.map((s) => ({
									id: s.id,
									title: s.title,
									titleEasy: s.titleEasy,
									status: s.status,
									nextStep: s.nextStep,
									nextStepEasy: s.nextStepEasy,
									dueOn: s.dueOn,
									inFocus: s.inFocus,
									updatedAt: s.updatedAt.toISOString(),
									notes: noteRows
										.filter((n) => n.subgoalId === s.id)
										.map((n) => ({
											id: n.id,
											author: nameOf(n.authorId),
											text: n.text,
											createdAt: n.createdAt.toISOString()
										}))
								})),
							suggestions: suggestionRows
								.filter((s) => s.goalId === g.id)
								.map((s) => ({
									id: s.id,
									title: s.title,
									status: s.status,
									suggestedBy: nameOf(s.suggestedBy),
									answer: s.answer,
									answeredBy: nameOf(s.answeredBy),
									answeredAt: iso(s.answeredAt),
									createdAt: s.createdAt.toISOString()
								}))
						}))
				})),
				copingStrategies: coping.map((c) => ({
					id: c.id,
					goalId: c.goalId,
					title: c.title,
					description: c.description,
					kind: c.kind,
					anchored: c.anchored,
					createdAt: c.createdAt.toISOString()
				})),
				planChanges: changes.map((c) => ({
					entity: c.entity,
					entityId: c.entityId,
					changedBy: nameOf(c.changedBy),
					before: c.before ?? null,
					after: c.after ?? null,
					at: c.createdAt.toISOString()
				}))
			})
		};
	},
	fhir: ({ courses }, { patientId, patientName }) =>
		courses.flatMap((course) => [
			...course.goals.map((goal) =>
				fhirEntry<Goal>(goal.id, {
					resourceType: 'Goal',
					lifecycleStatus: GOAL_STATUS[goal.status],
					achievementStatus: {
						coding: [
							{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: GOAL_ACHIEVEMENT[goal.status] }
						]
					},
					description: { text: goal.title },
					subject: ref(patientId, patientName),
					startDate: course.startsOn,
					note: present([
						goal.ownWords ? { text: goal.ownWords } : null,
						goal.whyItMatters ? { text: goal.whyItMatters } : null
					])
				})
			),
			fhirEntry<CarePlan>(course.id, {
				resourceType: 'CarePlan',
				status: CAREPLAN_STATUS[course.status],
				intent: 'plan',
				category: [{ coding: [{ system: `${LOCAL}/programme`, code: course.programme }], text: course.programme }],
				title: course.programme,
				subject: ref(patientId, patientName),
				period: { start: course.startsOn, end: course.endsOn ?? undefined },
				author: { display: course.organisation },
				goal: course.goals.map((g) => ref(g.id)),
				activity: course.goals.flatMap((g) =>
					g.subgoals.map((s) => ({
						detail: {
							status: ACTIVITY_STATUS[s.status],
							description: s.title,
							goal: [ref(g.id)],
							scheduledPeriod: s.dueOn ? { end: s.dueOn } : undefined
						}
					}))
				)
			})
		])
});
