import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import type { MeetingKind, ProfessionalRole } from '../../domain';
import {
	careAssignments,
	consents,
	courses,
	meetingParticipants,
	meetings,
	organisations,
	people,
	personSettings,
	relativeDelegations
} from '../db/schema';
import { currentCourse } from '../plan/repository';

/** Meeting reads. Callers have been through the policy; these trust the citizen id they get. */

export type MeetingRow = typeof meetings.$inferSelect;
type ParticipantRow = typeof meetingParticipants.$inferSelect;

/**
 * The policy's limit for a relative (policy `meetingsLimitedTo`): the meetings the citizen has not
 * hidden from relatives, and those the relative is invited to. No limit for anyone else.
 */
function visibleTo(relativeId: string | null | SQLWrapper) {
	if (relativeId === null) return undefined;
	return or(
		// A placeholder: null (not a relative) sees every meeting.
		typeof relativeId === 'string' ? undefined : sql`${relativeId}::uuid is null`,
		eq(meetings.hiddenFromRelatives, false),
		sql`exists (select 1 from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.personId} = ${relativeId})`
	);
}

/** The next meeting that has not been cancelled, with who comes. */
export async function nextMeeting(db: Db, citizenId: string, relativeId: string | null, now = new Date()) {
	const [[meeting], participants] = await readTogether(db, nextMeetingReads(db, citizenId, relativeId, now));
	return meeting ? { ...meeting, participants } : null;
}

/** A meeting's columns wherever one is listed: the next meeting on "I dag" and the meetings page. */
const listedColumns = {
	id: meetings.id,
	kind: meetings.kind,
	title: meetings.title,
	startsAt: meetings.startsAt,
	endsAt: meetings.endsAt,
	location: meetings.location,
	videoUrl: meetings.videoUrl,
	status: meetings.status
};

/**
 * nextMeeting as two reads to go with others: the meeting ([] when none), and who comes, found
 * through the same choice of meeting as a subquery (same order, ties broken by id in both).
 */
export function nextMeetingReads(
	db: Db,
	citizenId: string | SQLWrapper,
	relativeId: string | null | SQLWrapper,
	now: Date | SQLWrapper = new Date()
) {
	const where = and(
		eq(meetings.citizenId, citizenId),
		gte(meetings.endsAt, now),
		ne(meetings.status, 'cancelled'),
		visibleTo(relativeId)
	);
	const soonest = [asc(meetings.startsAt), asc(meetings.id)];
	return [
		// The columns the home page shows.
		db
			.select(listedColumns)
			.from(meetings)
			.where(where)
			.orderBy(...soonest)
			.limit(1),
		db
			.select({ personId: people.id, name: people.displayName, response: meetingParticipants.response })
			.from(meetingParticipants)
			.innerJoin(people, eq(people.id, meetingParticipants.personId))
			.where(
				eq(
					meetingParticipants.meetingId,
					db
						.select({ id: meetings.id })
						.from(meetings)
						.where(where)
						.orderBy(...soonest)
						.limit(1)
				)
			)
	] as const;
}

/** The next meeting of a kind (e.g. the next network meeting), as a read to go with others; [] when none. */
export function nextMeetingOfKindRows(
	db: Db,
	citizenId: string | SQLWrapper,
	kind: MeetingKind,
	now: Date | SQLWrapper = new Date()
) {
	return db
		.select({ startsAt: meetings.startsAt })
		.from(meetings)
		.where(
			and(
				eq(meetings.citizenId, citizenId),
				eq(meetings.kind, kind),
				gte(meetings.startsAt, now),
				ne(meetings.status, 'cancelled')
			)
		)
		.orderBy(asc(meetings.startsAt))
		.limit(1);
}

/** Meetings that have not ended yet, soonest first (cancelled ones too: the citizen should see that). */
export async function upcomingMeetings(db: Db, citizenId: string, now: Date, relativeId: string | null, limit = 100) {
	return db
		.select()
		.from(meetings)
		.where(upcoming(citizenId, now, relativeId))
		.orderBy(asc(meetings.startsAt))
		.limit(limit);
}

/** Meetings that have ended, the latest first; a page of them, so the cost does not grow with history. */
export async function pastMeetings(db: Db, citizenId: string, now: Date, relativeId: string | null, limit = 10) {
	return db
		.select()
		.from(meetings)
		.where(past(citizenId, now, relativeId))
		.orderBy(desc(meetings.startsAt))
		.limit(limit);
}

type Who = string | SQLWrapper;
const upcoming = (citizenId: Who, now: Date | SQLWrapper, relativeId: string | null | SQLWrapper) =>
	and(eq(meetings.citizenId, citizenId), gte(meetings.endsAt, now), visibleTo(relativeId));
const past = (citizenId: Who, now: Date | SQLWrapper, relativeId: string | null | SQLWrapper) =>
	and(eq(meetings.citizenId, citizenId), lt(meetings.endsAt, now), visibleTo(relativeId));

/**
 * The citizen's list of meetings (upcoming as `upcomingMeetings`, past as `pastMeetings`), as reads
 * to go with others: only the columns the list shows, and the citizen's own answer to each (null
 * when not invited) read with the meeting, so the answers need no second round trip.
 */
export function meetingListReads(
	db: Db,
	citizenId: Who,
	now: Date | SQLWrapper,
	relativeId: string | null | SQLWrapper
) {
	const listed = () =>
		db
			.select({
				...listedColumns,
				seriesId: meetings.seriesId,
				agreed: meetings.agreed,
				hiddenFromRelatives: meetings.hiddenFromRelatives,
				response: sql<
					ParticipantRow['response'] | null
				>`(select ${meetingParticipants.response} from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.personId} = ${citizenId})`
			})
			.from(meetings);
	return [
		listed()
			.where(upcoming(citizenId, now, relativeId))
			.orderBy(asc(meetings.startsAt))
			.limit(100),
		listed()
			.where(past(citizenId, now, relativeId))
			.orderBy(desc(meetings.startsAt))
			.limit(10)
	] as const;
}

/** The meeting settings the citizen's list page shows: reminders chosen, and whether a calendar link exists. */
export function meetingSettingsOf(db: Db, personId: string | SQLWrapper) {
	return db
		.select({ reminderMinutes: personSettings.reminderMinutes, calendarTokenHash: personSettings.calendarTokenHash })
		.from(personSettings)
		.where(eq(personSettings.personId, personId))
		.limit(1);
}

/** Every meeting from a point in time on, for the calendar feed. */
export async function meetingsSince(db: Db, citizenId: string, since: Date, limit = 500) {
	return db
		.select()
		.from(meetings)
		.where(and(eq(meetings.citizenId, citizenId), gt(meetings.endsAt, since)))
		.orderBy(asc(meetings.startsAt))
		.limit(limit);
}

/**
 * One meeting of one citizen; null when it does not exist, belongs to someone else, or (with a
 * relative's id, see `visibleTo`) is hidden from that relative.
 */
export async function meetingOf(db: Db, citizenId: string, meetingId: string, relativeId: string | null = null) {
	const [row] = await db
		.select()
		.from(meetings)
		.where(and(eq(meetings.id, meetingId), eq(meetings.citizenId, citizenId), visibleTo(relativeId)))
		.limit(1);
	return row ?? null;
}

/** How to reach the person who planned a meeting (the number to call when video fails). */
export async function phoneOf(db: Db, personId: string): Promise<string | null> {
	const [row] = await db.select({ phone: people.phone }).from(people).where(eq(people.id, personId)).limit(1);
	return row?.phone ?? null;
}

/** Who is invited to these meetings, with their answers and how to reach them. */
export async function participantsOf(db: Db, meetingIds: string[]) {
	if (meetingIds.length === 0) return [];
	return db
		.select({
			meetingId: meetingParticipants.meetingId,
			personId: meetingParticipants.personId,
			name: people.displayName,
			givenName: people.givenName,
			phone: people.phone,
			response: meetingParticipants.response,
			reason: meetingParticipants.responseReason,
			respondedAt: meetingParticipants.respondedAt
		})
		.from(meetingParticipants)
		.innerJoin(people, eq(people.id, meetingParticipants.personId))
		.where(inArray(meetingParticipants.meetingId, meetingIds))
		.orderBy(asc(people.displayName));
}

/** The role each professional has (or had) with the citizen, for "who comes". */
export async function rolesWithCitizen(db: Db, citizenId: string, personIds: string[]) {
	if (personIds.length === 0) return new Map<string, ProfessionalRole>();
	const rows = await db
		.select({ personId: careAssignments.professionalId, role: careAssignments.role })
		.from(careAssignments)
		.where(and(eq(careAssignments.citizenId, citizenId), inArray(careAssignments.professionalId, personIds)))
		.orderBy(desc(careAssignments.startsOn));
	const roles = new Map<string, ProfessionalRole>();
	for (const row of rows) if (!roles.has(row.personId)) roles.set(row.personId, row.role);
	return roles;
}

/**
 * The citizen's relatives who may be invited: a delegation that is not revoked or expired, and
 * an active consent `relative_joins_network_meetings` naming them (or naming no one in
 * particular). Read live, so a revoked consent holds on the very next invitation.
 */
export async function relativesForMeetings(db: Db, citizenId: string, now = new Date()) {
	const relatives = await db
		.select({
			id: people.id,
			displayName: people.displayName,
			label: relativeDelegations.label,
			expiresAt: relativeDelegations.expiresAt,
			revokedAt: relativeDelegations.revokedAt,
			status: relativeDelegations.status
		})
		.from(relativeDelegations)
		.innerJoin(people, eq(people.id, relativeDelegations.relativeId))
		.where(eq(relativeDelegations.citizenId, citizenId));
	const current = relatives.filter((r) => r.status !== 'revoked' && !r.revokedAt && r.expiresAt > now);
	if (current.length === 0) return [];
	const given = await db
		.select({ toPartyId: consents.toPartyId })
		.from(consents)
		.where(
			and(
				eq(consents.citizenId, citizenId),
				eq(consents.purpose, 'relative_joins_network_meetings'),
				isNull(consents.revokedAt),
				lte(consents.givenAt, now),
				or(isNull(consents.expiresAt), gt(consents.expiresAt, now))
			)
		);
	const anyone = given.some((c) => c.toPartyId === null);
	const named = new Set(given.map((c) => c.toPartyId).filter(Boolean));
	const seen = new Set<string>();
	return current
		.filter((r) => !seen.has(r.id) && seen.add(r.id))
		.map((r) => ({ id: r.id, displayName: r.displayName, label: r.label, consent: anyone || named.has(r.id) }));
}

/**
 * The hosts the citizen's organisation trusts for video calls: the organisation of the
 * meeting's course, or else of the citizen's current course.
 */
export async function videoAllowlist(db: Db, citizenId: string, courseId: string | null): Promise<string[]> {
	if (courseId) {
		const [row] = await db
			.select({ hosts: organisations.videoHostAllowlist })
			.from(courses)
			.innerJoin(organisations, eq(organisations.id, courses.organisationId))
			.where(and(eq(courses.id, courseId), eq(courses.citizenId, citizenId)))
			.limit(1);
		if (row) return row.hosts;
	}
	const found = await currentCourse(db, citizenId);
	if (!found) return [];
	const [org] = await db
		.select({ hosts: organisations.videoHostAllowlist })
		.from(organisations)
		.where(eq(organisations.id, found.organisation.id))
		.limit(1);
	return org?.hosts ?? [];
}
