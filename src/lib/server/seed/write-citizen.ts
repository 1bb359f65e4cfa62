// Writes one citizen's demo content (types.ts) to the database.

import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import {
	careAssignments,
	copingStrategies,
	coursePhases,
	courses,
	crisisContacts,
	crisisPlans,
	routineSteps,
	routineTicks,
	routines,
	diaryEntries,
	diaryShares,
	goals,
	logComments,
	logEntries,
	meetingParticipants,
	meetings,
	meetingSeries,
	planChanges,
	planPeriods,
	subgoalNotes,
	subgoals,
	subgoalSuggestions,
	topics
} from '../db/schema';
import { addDays, expectedEnd, phasePlan } from '../../programmes';
import type { SeedClock } from './time';
import type { CitizenSeed, OrgKey, Subject } from './types';

export interface SeedContext {
	tx: Db;
	clock: SeedClock;
	personId: (subject: Subject) => string;
	organisationId: (key: OrgKey) => string;
}

/** SHA-256 of the diary content as the app computes it for idempotent offline sends. */
export function diaryContentHash(mood: number, text: string): string {
	return createHash('sha256').update(JSON.stringify({ mood, text })).digest('hex');
}

export async function writeCitizen(ctx: SeedContext, seed: CitizenSeed): Promise<{ courseId: string }> {
	const { tx, clock, personId } = ctx;
	const citizenId = personId(seed.subject);
	const earlier = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

	// The course and its phases, from the programme's template.
	const [course] = await tx
		.insert(courses)
		.values({
			citizenId,
			organisationId: ctx.organisationId(seed.organisation),
			programme: seed.programme,
			variant: seed.variant,
			status: 'active',
			startsOn: seed.startsOn,
			endsOn: expectedEnd(seed.programme, seed.variant, seed.startsOn),
			createdAt: clock.at(seed.startsOn, '09:00')
		})
		.returning({ id: courses.id });
	const courseId = course.id;

	await tx.insert(coursePhases).values(
		phasePlan(seed.programme, seed.variant, seed.startsOn).map((phase) => ({
			courseId,
			key: phase.key,
			position: phase.position,
			startsOn: phase.startsOn,
			endsOn: phase.endsOn
		}))
	);

	await tx.insert(careAssignments).values(
		seed.team.map((member) => ({
			citizenId,
			professionalId: personId(member.who),
			courseId,
			role: member.role,
			startsOn: seed.startsOn
		}))
	);

	// Plan periods (Borgerens Plan between network meetings).
	const periodIds: string[] = [];
	for (const period of seed.planPeriods ?? []) {
		const [row] = await tx
			.insert(planPeriods)
			.values({ courseId, ...period, createdAt: earlier(clock.at(period.startsOn, '12:00'), clock.now) })
			.returning({ id: planPeriods.id });
		periodIds.push(row.id);
	}
	const periodId = (index: number | undefined) => (index === undefined ? null : periodIds[index]);

	// Goals, delmål, notes and suggestions. The plan was made about three weeks into the course.
	const planMadeAt = earlier(clock.at(addDays(seed.startsOn, 21), '11:00'), clock.now);
	const subgoalIds = new Map<string, string>();
	const goalIds: string[] = [];
	for (const [goalIndex, goal] of seed.goals.entries()) {
		const [goalRow] = await tx
			.insert(goals)
			.values({
				courseId,
				planPeriodId: periodId(goal.planPeriod),
				title: goal.title,
				titleEasy: goal.titleEasy,
				ownWords: goal.ownWords,
				whyItMatters: goal.whyItMatters,
				status: goal.status ?? 'active',
				position: goalIndex,
				createdAt: planMadeAt,
				updatedAt: planMadeAt
			})
			.returning({ id: goals.id });
		goalIds.push(goalRow.id);

		for (const [subgoalIndex, subgoal] of goal.subgoals.entries()) {
			const [row] = await tx
				.insert(subgoals)
				.values({
					goalId: goalRow.id,
					title: subgoal.title,
					titleEasy: subgoal.titleEasy,
					status: subgoal.status,
					nextStep: subgoal.nextStep ?? null,
					nextStepEasy: subgoal.nextStepEasy ?? null,
					dueOn: subgoal.dueInDays === undefined ? null : clock.day(subgoal.dueInDays),
					inFocus: subgoal.inFocus ?? false,
					position: subgoalIndex,
					createdAt: planMadeAt,
					updatedAt: subgoal.done ? clock.ago(subgoal.done.daysAgo, '15:00') : planMadeAt
				})
				.returning({ id: subgoals.id });
			if (subgoal.ref) subgoalIds.set(subgoal.ref, row.id);
			// The plan's history says when a delmål was done ("Mine skridt" reads it from there).
			if (subgoal.done && subgoal.status === 'done') {
				const at = clock.ago(subgoal.done.daysAgo, '15:00');
				await tx.insert(planChanges).values({
					citizenId,
					entity: 'subgoal',
					entityId: row.id,
					changedBy: personId(subgoal.done.by ?? seed.subject),
					before: { status: 'working_on_it' },
					after: { status: 'done' },
					createdAt: at,
					updatedAt: at
				});
			}
			for (const note of subgoal.notes ?? []) {
				const at = clock.ago(note.daysAgo, note.by === seed.subject ? '19:30' : '14:00');
				await tx.insert(subgoalNotes).values({
					id: randomUUID(),
					subgoalId: row.id,
					authorId: personId(note.by),
					text: note.text,
					createdAt: at,
					updatedAt: at
				});
			}
		}

		if (goal.suggestion) {
			const at = clock.ago(goal.suggestion.daysAgo, '18:00');
			await tx.insert(subgoalSuggestions).values({
				goalId: goalRow.id,
				suggestedBy: citizenId,
				title: goal.suggestion.title,
				status: 'pending',
				createdAt: at,
				updatedAt: at
			});
		}
	}
	const subgoalId = (ref: string | undefined) => {
		if (ref === undefined) return null;
		const id = subgoalIds.get(ref);
		if (!id) throw new Error(`Seed for ${seed.subject}: no delmål with ref "${ref}"`);
		return id;
	};

	// Coping strategies.
	const copingIds = new Map<string, string>();
	for (const strategy of seed.coping) {
		const [row] = await tx
			.insert(copingStrategies)
			.values({
				citizenId,
				goalId: strategy.goal === undefined ? null : goalIds[strategy.goal],
				title: strategy.title,
				description: strategy.description,
				kind: strategy.kind,
				anchored: strategy.anchored,
				createdAt: planMadeAt,
				updatedAt: planMadeAt
			})
			.returning({ id: copingStrategies.id });
		if (strategy.ref) copingIds.set(strategy.ref, row.id);
	}

	const copingId = (ref: string | undefined) => {
		if (ref === undefined) return null;
		const id = copingIds.get(ref);
		if (!id) throw new Error(`Seed for ${seed.subject}: no coping strategy with ref "${ref}"`);
		return id;
	};

	// Diary (borger-dagbog): ids made "on the device", content hashed, some entries shared.
	for (const entry of seed.diary) {
		const id = randomUUID();
		const writtenAt = clock.ago(entry.daysAgo, '20:30');
		await tx.insert(diaryEntries).values({
			id,
			citizenId,
			mood: entry.mood,
			text: entry.text,
			copingStrategyId: copingId(entry.coping),
			subgoalId: subgoalId(entry.subgoal),
			writtenFor: writtenAt,
			contentHash: diaryContentHash(entry.mood, entry.text),
			createdAt: writtenAt,
			updatedAt: writtenAt
		});
		if (entry.sharedWith?.length) {
			const sharedAt = earlier(new Date(writtenAt.getTime() + 5 * 60_000), clock.now);
			await tx
				.insert(diaryShares)
				.values(entry.sharedWith.map((who) => ({ entryId: id, sharedWith: personId(who), sharedAt })));
		}
	}

	// Log (logbog): written by the professionals, some already read by the citizen.
	for (const entry of seed.log) {
		const at = clock.ago(entry.daysAgo, '14:00');
		const readAt = entry.read
			? earlier(new Date(at.getTime() + 20 * 3_600_000), new Date(clock.now.getTime() - 3_600_000))
			: null;
		const [row] = await tx
			.insert(logEntries)
			.values({
				citizenId,
				authorId: personId(entry.by),
				subgoalId: subgoalId(entry.subgoal),
				text: entry.text,
				readByCitizenAt: readAt,
				createdAt: at,
				updatedAt: at
			})
			.returning({ id: logEntries.id });
		if (entry.comment) {
			const commentAt = clock.ago(entry.comment.daysAgo, '19:00');
			await tx.insert(logComments).values({
				entryId: row.id,
				authorId: citizenId,
				text: entry.comment.text,
				disagrees: entry.comment.disagrees,
				createdAt: commentAt,
				updatedAt: commentAt
			});
		}
	}

	// Meetings with their participants; series for the repeating ones.
	const seriesIds = new Map<string, string>();
	for (const series of seed.series ?? []) {
		const [row] = await tx
			.insert(meetingSeries)
			.values({ citizenId, rrule: series.rrule, createdBy: personId(series.createdBy) })
			.returning({ id: meetingSeries.id });
		seriesIds.set(series.key, row.id);
	}
	for (const meeting of seed.meetings) {
		const startsAt = clock.at(meeting.on, meeting.at);
		const endsAt = new Date(startsAt.getTime() + meeting.minutes * 60_000);
		const past = startsAt.getTime() < clock.now.getTime();
		const [row] = await tx
			.insert(meetings)
			.values({
				citizenId,
				courseId,
				seriesId: meeting.series === undefined ? null : (seriesIds.get(meeting.series) ?? null),
				planPeriodId: periodId(meeting.planPeriod),
				kind: meeting.kind,
				title: meeting.title ?? null,
				startsAt,
				endsAt,
				location: meeting.location ?? null,
				videoUrl: meeting.videoUrl ?? null,
				phone: meeting.phone ?? null,
				prepareTopics: meeting.prepareTopics ?? null,
				prepareBring: meeting.prepareBring ?? null,
				prepareQuestion: meeting.prepareQuestion ?? null,
				agreed: meeting.agreed ?? null,
				status: meeting.status,
				createdBy: personId(meeting.createdBy)
			})
			.returning({ id: meetings.id });

		// Answers were given a couple of days before a past meeting, or yesterday for a coming one.
		const answeredAt = past ? new Date(startsAt.getTime() - 2 * 86_400_000) : clock.ago(1, '16:00');
		const citizen = meeting.citizen ?? { response: past ? ('coming' as const) : ('none' as const) };
		const participants = [{ who: seed.subject, ...citizen }, ...meeting.others];
		await tx.insert(meetingParticipants).values(
			participants.map((p) => ({
				meetingId: row.id,
				personId: personId(p.who),
				response: p.response,
				responseReason: p.reason ?? null,
				respondedAt: p.response === 'none' ? null : answeredAt
			}))
		);
		if (meeting.topics?.length)
			await tx
				.insert(topics)
				.values(meeting.topics.map((text) => ({ citizenId, meetingId: row.id, text, createdBy: citizenId })));
	}

	// Crisis plan and the citizen's own contacts.
	await tx
		.insert(crisisPlans)
		.values({ citizenId, warningSigns: seed.crisis.warningSigns, whatHelps: seed.crisis.whatHelps });
	await tx.insert(crisisContacts).values(
		seed.crisis.contacts.map((contact, position) => ({
			citizenId,
			name: contact.name,
			phone: contact.phone,
			note: contact.note ?? null,
			position
		}))
	);

	// Min dag: routines, their steps, and the days they were followed.
	for (const [position, routine] of (seed.routines ?? []).entries()) {
		const made = clock.ago(routine.daysAgo, '09:00');
		const [row] = await tx
			.insert(routines)
			.values({ citizenId, name: routine.name, position, createdBy: personId(routine.createdBy), createdAt: made })
			.returning({ id: routines.id });
		const steps = await tx
			.insert(routineSteps)
			.values(
				routine.steps.map((step, i) => ({
					routineId: row.id,
					position: i,
					text: step.text,
					icon: step.icon,
					time: step.time ?? null,
					createdAt: made
				}))
			)
			.returning({ id: routineSteps.id });
		const ticks = [];
		for (let daysAgo = routine.daysAgo - 1; daysAgo >= 1; daysAgo--)
			for (const [i, step] of steps.entries())
				if (routine.done(daysAgo, i)) {
					const doneAt = clock.ago(daysAgo, routine.steps[i].time ?? '08:00');
					ticks.push({
						id: randomUUID(),
						stepId: step.id,
						citizenId,
						day: clock.day(-daysAgo),
						doneAt,
						doneBy: citizenId
					});
				}
		if (ticks.length) await tx.insert(routineTicks).values(ticks);
	}

	return { courseId };
}
