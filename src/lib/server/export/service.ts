import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import {
	accessLog,
	careAssignments,
	consentDecisions,
	consentSupporters,
	consents,
	copingStrategies,
	coursePhases,
	courses,
	crisisContacts,
	crisisPlans,
	diaryEntries,
	diaryEntryVersions,
	diaryShares,
	goals,
	logComments,
	logEntries,
	loginIdentities,
	meetingParticipants,
	meetings,
	meetingSeries,
	notificationDeliveries,
	organisations,
	passkeys,
	people,
	personRoles,
	personSettings,
	planChanges,
	planPeriods,
	pushSubscriptions,
	recordRequests,
	relativeDelegations,
	rescheduleOffers,
	rescheduleRequests,
	sessions,
	staffTasks,
	subgoalNotes,
	subgoals,
	subgoalSuggestions,
	togetherEvents,
	togetherSessions
} from '../db/schema';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import { citizenViewState } from '../relatives/service';

/**
 * Everything the app holds about a citizen, for aktindsigt: one JSON document in the documented
 * format (docs/export-schema.json, checked in a test). Not in it: rate-limit counters (keyed by
 * a one-way hash, not by person). Secrets are left out on purpose: session
 * and invitation hashes, calendar-feed and push keys. They are not information about the
 * citizen, and a copy of them would be a way in.
 */

export const EXPORT_FORMAT = 'mit-forloeb-export';
/** 2: with requests for another time, supporters, talk tasks, together sessions and phone notices. */
export const EXPORT_VERSION = 2;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type CitizenExport = Awaited<ReturnType<typeof collectExport>>;

/** Only ever the citizen's own: no one else can hold an export grant (its relation is 'self'). */
export async function collectExport(db: Db, grant: Grant<'export', 'read'>, now = new Date()) {
	const citizenId = grant.citizenId;

	const [person] = await db.select().from(people).where(eq(people.id, citizenId));
	if (!person) throw new DomainError('not_found');
	const [roles, [settings], identities, sessionRows, passkeyRows, pushRows] = await Promise.all([
		db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, citizenId)),
		db.select().from(personSettings).where(eq(personSettings.personId, citizenId)),
		db.select().from(loginIdentities).where(eq(loginIdentities.personId, citizenId)),
		db.select().from(sessions).where(eq(sessions.personId, citizenId)).orderBy(asc(sessions.createdAt)),
		db.select().from(passkeys).where(eq(passkeys.personId, citizenId)),
		db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, citizenId))
	]);

	// The plan: courses with phases, periods, goals, delmål, notes and suggestions.
	const courseRows = await db
		.select({ course: courses, organisation: organisations.name })
		.from(courses)
		.innerJoin(organisations, eq(organisations.id, courses.organisationId))
		.where(eq(courses.citizenId, citizenId))
		.orderBy(asc(courses.startsOn));
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

	const [
		team,
		coping,
		changes,
		diary,
		logRows,
		meetingRows,
		seriesRows,
		[crisis],
		crisisContactRows,
		consentRows,
		delegationRows,
		decisionRows,
		accessRows,
		requestRows,
		rescheduleRows,
		supporterRows,
		taskRows,
		togetherRows,
		noticeRows
	] = await Promise.all([
		db
			.select()
			.from(careAssignments)
			.where(eq(careAssignments.citizenId, citizenId))
			.orderBy(asc(careAssignments.startsOn)),
		db
			.select()
			.from(copingStrategies)
			.where(eq(copingStrategies.citizenId, citizenId))
			.orderBy(asc(copingStrategies.createdAt)),
		db.select().from(planChanges).where(eq(planChanges.citizenId, citizenId)).orderBy(asc(planChanges.createdAt)),
		db.select().from(diaryEntries).where(eq(diaryEntries.citizenId, citizenId)).orderBy(asc(diaryEntries.writtenFor)),
		db.select().from(logEntries).where(eq(logEntries.citizenId, citizenId)).orderBy(asc(logEntries.createdAt)),
		db.select().from(meetings).where(eq(meetings.citizenId, citizenId)).orderBy(asc(meetings.startsAt)),
		db.select().from(meetingSeries).where(eq(meetingSeries.citizenId, citizenId)),
		db.select().from(crisisPlans).where(eq(crisisPlans.citizenId, citizenId)),
		db
			.select()
			.from(crisisContacts)
			.where(eq(crisisContacts.citizenId, citizenId))
			.orderBy(asc(crisisContacts.position)),
		db.select().from(consents).where(eq(consents.citizenId, citizenId)).orderBy(asc(consents.givenAt)),
		db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, citizenId))
			.orderBy(asc(relativeDelegations.createdAt)),
		db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.citizenId, citizenId))
			.orderBy(asc(consentDecisions.at), asc(consentDecisions.id)),
		db
			.select()
			.from(accessLog)
			.where(eq(accessLog.citizenId, citizenId))
			.orderBy(desc(accessLog.at), desc(accessLog.id)),
		db
			.select()
			.from(recordRequests)
			.where(eq(recordRequests.citizenId, citizenId))
			.orderBy(asc(recordRequests.createdAt)),
		db
			.select()
			.from(rescheduleRequests)
			.where(eq(rescheduleRequests.citizenId, citizenId))
			.orderBy(asc(rescheduleRequests.createdAt)),
		db
			.select()
			.from(consentSupporters)
			.where(eq(consentSupporters.citizenId, citizenId))
			.orderBy(asc(consentSupporters.createdAt)),
		db.select().from(staffTasks).where(eq(staffTasks.citizenId, citizenId)).orderBy(asc(staffTasks.createdAt)),
		db
			.select()
			.from(togetherSessions)
			.where(eq(togetherSessions.citizenId, citizenId))
			.orderBy(asc(togetherSessions.createdAt)),
		db
			.select({ kind: notificationDeliveries.kind, sentAt: notificationDeliveries.sentAt })
			.from(notificationDeliveries)
			.where(eq(notificationDeliveries.personId, citizenId))
			.orderBy(asc(notificationDeliveries.sentAt))
	]);

	const entryIds = diary.map((e) => e.id);
	const logIds = logRows.map((l) => l.id);
	const meetingIds = meetingRows.map((m) => m.id);
	const rescheduleIds = rescheduleRows.map((r) => r.id);
	const togetherIds = togetherRows.map((t) => t.id);
	const [versions, shares, comments, participants, offerRows, togetherEventRows] = await Promise.all([
		entryIds.length
			? db
					.select()
					.from(diaryEntryVersions)
					.where(inArray(diaryEntryVersions.entryId, entryIds))
					.orderBy(asc(diaryEntryVersions.version))
			: [],
		entryIds.length ? db.select().from(diaryShares).where(inArray(diaryShares.entryId, entryIds)) : [],
		logIds.length
			? db.select().from(logComments).where(inArray(logComments.entryId, logIds)).orderBy(asc(logComments.createdAt))
			: [],
		meetingIds.length
			? db.select().from(meetingParticipants).where(inArray(meetingParticipants.meetingId, meetingIds))
			: [],
		rescheduleIds.length
			? db
					.select()
					.from(rescheduleOffers)
					.where(inArray(rescheduleOffers.requestId, rescheduleIds))
					.orderBy(asc(rescheduleOffers.startsAt))
			: [],
		togetherIds.length
			? db
					.select()
					.from(togetherEvents)
					.where(inArray(togetherEvents.sessionId, togetherIds))
					.orderBy(asc(togetherEvents.seq))
			: []
	]);

	// One look-up for the names of everyone mentioned.
	const mentioned = new Set<string>();
	const mention = (id: string | null | undefined) => id && mentioned.add(id);
	team.forEach((t) => mention(t.professionalId));
	noteRows.forEach((n) => mention(n.authorId));
	suggestionRows.forEach((s) => (mention(s.suggestedBy), mention(s.answeredBy)));
	changes.forEach((c) => mention(c.changedBy));
	shares.forEach((s) => mention(s.sharedWith));
	logRows.forEach((l) => mention(l.authorId));
	comments.forEach((c) => mention(c.authorId));
	participants.forEach((p) => mention(p.personId));
	consentRows.forEach((c) => (mention(c.fromPartyId), mention(c.toPartyId)));
	delegationRows.forEach((d) => mention(d.relativeId));
	decisionRows.forEach((d) => mention(d.actorId));
	accessRows.forEach((a) => mention(a.actorId));
	rescheduleRows.forEach((r) => mention(r.offeredBy));
	taskRows.forEach((t) => (mention(t.assigneeId), mention(t.doneBy)));
	togetherRows.forEach(
		(t) => (mention(t.professionalId), mention(t.relativeId), mention(t.startedBy), mention(t.endedBy))
	);
	togetherEventRows.forEach((e) => mention(e.senderId));
	mention(crisis?.updatedBy);
	const nameRows = mentioned.size
		? await db
				.select({ id: people.id, name: people.displayName })
				.from(people)
				.where(inArray(people.id, [...mentioned]))
		: [];
	const names = new Map(nameRows.map((r) => [r.id, r.name]));
	const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);

	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: now.toISOString(),
		person: {
			id: person.id,
			displayName: person.displayName,
			givenName: person.givenName,
			phone: person.phone,
			email: person.email,
			roles: [...new Set(roles.map((r) => r.role))],
			createdAt: person.createdAt.toISOString(),
			settings: settings
				? {
						language: settings.language,
						readingMode: settings.readingMode,
						textSize: settings.textSize,
						highContrast: settings.highContrast,
						reducedMotion: settings.reducedMotion,
						wideSpacing: settings.wideSpacing,
						reminderMinutes: settings.reminderMinutes,
						hasCalendarFeed: Boolean(settings.calendarTokenHash)
					}
				: null
		},
		login: {
			identities: identities.map((i) => ({
				issuer: i.issuer,
				subject: i.subject,
				createdAt: i.createdAt.toISOString(),
				lastLoginAt: iso(i.lastLoginAt),
				lastLoa: i.lastLoa
			})),
			sessions: sessionRows.map((s) => ({
				deviceLabel: s.deviceLabel,
				createdAt: s.createdAt.toISOString(),
				lastSeenAt: s.lastSeenAt.toISOString(),
				expiresAt: s.expiresAt.toISOString()
			})),
			passkeys: passkeyRows.map((p) => ({
				label: p.label,
				createdAt: p.createdAt.toISOString(),
				lastUsedAt: iso(p.lastUsedAt)
			})),
			pushSubscriptions: pushRows.map((p) => ({ createdAt: p.createdAt.toISOString() }))
		},
		careTeam: team.map((t) => ({
			name: nameOf(t.professionalId),
			role: t.role,
			startsOn: t.startsOn,
			endsOn: t.endsOn
		})),
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
		})),
		diary: diary.map((e) => ({
			id: e.id,
			mood: e.mood,
			text: e.text,
			writtenFor: e.writtenFor.toISOString(),
			subgoalId: e.subgoalId,
			copingStrategyId: e.copingStrategyId,
			version: e.version,
			deletedAt: iso(e.deletedAt),
			createdAt: e.createdAt.toISOString(),
			updatedAt: e.updatedAt.toISOString(),
			earlierVersions: versions
				.filter((v) => v.entryId === e.id)
				.map((v) => ({ version: v.version, mood: v.mood, text: v.text, createdAt: v.createdAt.toISOString() })),
			sharedWith: shares
				.filter((s) => s.entryId === e.id)
				.map((s) => ({ name: nameOf(s.sharedWith), sharedAt: s.sharedAt.toISOString(), unsharedAt: iso(s.unsharedAt) }))
		})),
		log: logRows.map((l) => ({
			id: l.id,
			author: nameOf(l.authorId),
			subgoalId: l.subgoalId,
			text: l.text,
			createdAt: l.createdAt.toISOString(),
			readByCitizenAt: iso(l.readByCitizenAt),
			comments: comments
				.filter((c) => c.entryId === l.id)
				.map((c) => ({
					author: nameOf(c.authorId),
					text: c.text,
					disagrees: c.disagrees,
					createdAt: c.createdAt.toISOString()
				}))
		})),
		meetings: meetingRows.map((m) => ({
			id: m.id,
			kind: m.kind,
			title: m.title,
			status: m.status,
			startsAt: m.startsAt.toISOString(),
			endsAt: m.endsAt.toISOString(),
			location: m.location,
			videoUrl: m.videoUrl,
			phone: m.phone,
			prepareTopics: m.prepareTopics,
			prepareBring: m.prepareBring,
			prepareQuestion: m.prepareQuestion,
			agreed: m.agreed,
			repeats: seriesRows.find((s) => s.id === m.seriesId)?.rrule ?? null,
			participants: participants
				.filter((p) => p.meetingId === m.id)
				.map((p) => ({
					name: nameOf(p.personId),
					isYou: p.personId === citizenId,
					response: p.response,
					responseReason: p.responseReason,
					respondedAt: iso(p.respondedAt)
				}))
		})),
		crisisPlan: crisis
			? {
					warningSigns: crisis.warningSigns,
					whatHelps: crisis.whatHelps,
					updatedAt: crisis.updatedAt.toISOString(),
					updatedBy: nameOf(crisis.updatedBy)
				}
			: null,
		crisisContacts: crisisContactRows.map((c) => ({ name: c.name, phone: c.phone, note: c.note })),
		consents: consentRows.map((c) => ({
			id: c.id,
			purpose: c.purpose,
			from: nameOf(c.fromPartyId),
			to: nameOf(c.toPartyId),
			textKey: c.textKey,
			textVersion: c.textVersion,
			textShown: c.textShown,
			givenAt: c.givenAt.toISOString(),
			expiresAt: iso(c.expiresAt),
			revokedAt: iso(c.revokedAt)
		})),
		relatives: delegationRows.map((d) => ({
			id: d.id,
			label: d.label,
			name: nameOf(d.relativeId),
			scopes: [...d.scopes],
			state: citizenViewState(d, now),
			invitedAt: d.createdAt.toISOString(),
			acceptedAt: iso(d.acceptedAt),
			confirmedAt: iso(d.confirmedAt),
			expiresAt: d.expiresAt.toISOString(),
			revokedAt: iso(d.revokedAt)
		})),
		consentDecisions: decisionRows.map((d) => ({
			kind: d.kind,
			by: nameOf(d.actorId),
			consentId: d.consentId,
			delegationId: d.delegationId,
			details: d.details,
			at: d.at.toISOString()
		})),
		accessLog: accessRows.map((a) => ({
			at: a.at.toISOString(),
			who: nameOf(a.actorId),
			role: a.actorRole,
			action: a.action,
			resource: a.resource,
			resourceId: a.resourceId,
			detail: a.detail,
			outcome: a.outcome
		})),
		recordRequests: requestRows.map((r) => ({
			id: r.id,
			message: r.message,
			status: r.status,
			createdAt: r.createdAt.toISOString(),
			updatedAt: r.updatedAt.toISOString()
		})),
		// "I need another time": the citizen's own reason, the times offered and how it ended.
		rescheduleRequests: rescheduleRows.map((r) => ({
			id: r.id,
			meetingId: r.meetingId,
			reasonChoice: r.reasonChoice,
			reason: r.reason,
			status: r.status,
			offeredBy: nameOf(r.offeredBy),
			offeredAt: iso(r.offeredAt),
			offers: offerRows
				.filter((o) => o.requestId === r.id)
				.map((o) => ({
					startsAt: o.startsAt.toISOString(),
					endsAt: o.endsAt.toISOString(),
					chosen: o.id === r.chosenOfferId
				})),
			answer: r.answer,
			createdAt: r.createdAt.toISOString(),
			closedAt: iso(r.closedAt)
		})),
		consentSupporters: supporterRows.map((c) => ({
			name: c.name,
			phone: c.phone,
			usesTheApp: c.supporterId !== null,
			createdAt: c.createdAt.toISOString(),
			revokedAt: iso(c.revokedAt)
		})),
		// "I want to talk about it first": what the citizen asked to talk about, and with whom.
		talkTasks: taskRows.map((t) => ({
			kind: t.kind,
			subject: t.subject,
			note: t.note,
			contactPerson: nameOf(t.assigneeId),
			createdAt: t.createdAt.toISOString(),
			doneAt: iso(t.doneAt),
			doneBy: nameOf(t.doneBy)
		})),
		// Who looked at the plan together with the citizen, and each thing pointed at or written there.
		togetherSessions: togetherRows.map((t) => ({
			professional: nameOf(t.professionalId),
			relative: nameOf(t.relativeId),
			meetingId: t.meetingId,
			startedBy: nameOf(t.startedBy),
			status: t.status,
			createdAt: t.createdAt.toISOString(),
			acceptedAt: iso(t.acceptedAt),
			endedAt: iso(t.endedAt),
			endedBy: nameOf(t.endedBy),
			events: togetherEventRows
				.filter((e) => e.sessionId === t.id)
				.map((e) => ({ by: nameOf(e.senderId), kind: e.kind, details: e.payload, at: e.at.toISOString() }))
		})),
		notifications: noticeRows.map((n) => ({ kind: n.kind, sentAt: n.sentAt.toISOString() }))
	};
}
