import { and, asc, eq, gte, ne } from 'drizzle-orm';
import type { Db } from '../db';
import type { MeetingKind } from '../../domain';
import { meetingParticipants, meetings, people } from '../db/schema';

/** The next meeting that has not been cancelled, with who comes. */
export async function nextMeeting(db: Db, citizenId: string, now = new Date()) {
	const [meeting] = await db
		.select()
		.from(meetings)
		.where(and(eq(meetings.citizenId, citizenId), gte(meetings.endsAt, now), ne(meetings.status, 'cancelled')))
		.orderBy(asc(meetings.startsAt))
		.limit(1);
	if (!meeting) return null;
	const participants = await db
		.select({ personId: people.id, name: people.displayName, response: meetingParticipants.response })
		.from(meetingParticipants)
		.innerJoin(people, eq(people.id, meetingParticipants.personId))
		.where(eq(meetingParticipants.meetingId, meeting.id));
	return { ...meeting, participants };
}

/** When the next meeting of a kind starts (e.g. the next network meeting), or null. */
export async function nextMeetingOfKind(db: Db, citizenId: string, kind: MeetingKind, now = new Date()) {
	const [row] = await db
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
	return row?.startsAt ?? null;
}
