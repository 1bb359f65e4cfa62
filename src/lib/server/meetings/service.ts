import { and, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { topicRetentionDays } from '../media/limits';
import { movePhotoExpiry } from '../topics/repository';
import { preparedReads, readTogether } from '../db/read-together';
import { meetingParticipants, meetings, meetingSeries } from '../db/schema';
import { meetingsLimitedTo, type Grant } from '../policy';
import { mayJoinVideo } from '../policy/decisions';
import { DomainError, StaleWriteError, FieldError } from '../../errors';
import type { Role } from '../../domain';
import type { ChangeMeetingInput, NewMeetingInput, ReplyInput } from '../../meetings/schemas';
import { copenhagenToUtc } from '../../meetings/time';
import { safeVideoLink } from '../../meetings/video-link';
import { queueMeetingNoticeIn } from '../jobs';
import { careTeamOf } from '../people/repository';
import { relativesInForce } from '../relatives/service';
import { currentCourse } from '../plan/repository';
import { networkPeriodFor, writeNetworkMeetingStatus } from '../plan/network-period';
import {
	meetingListReads,
	meetingOf,
	meetingSettingsOf,
	participantsOf,
	pastMeetings,
	phoneOf,
	relativesForMeetings,
	rolesWithCitizen,
	upcomingMeetings,
	videoAllowlist,
	type MeetingRow
} from './repository';
import { reminderChoiceOf } from './reminders';
import { expandSeries, seriesRule } from './series';

/**
 * Meetings through the policy: every function takes a Grant, so none can be called without a
 * decision. Citizens read and reply; professionals schedule, change, cancel and write what was
 * agreed; relatives with the meetings scope read (without the citizen's reasons, and without
 * the video link unless they may join video calls).
 */

/** What a meeting form says when the save is refused: changed meanwhile, or over or cancelled. */
export const MEETING_FORM_MESSAGES = { stale: 'validation.stale', conflict: 'validation.meetingClosed' } as const;

/** Fields of a meeting form sent as several checkboxes with one name. */
export const MEETING_LISTS = ['participants', 'weekdays'] as const;

/** Bad input the schema cannot see (an unknown participant): a message beside one field. */
export class MeetingInputError extends FieldError {
	constructor(
		field: string,
		readonly messageKey: string
	) {
		super(field, messageKey);
	}
}

/** A meetings write is the citizen's or an assigned professional's; which one, the policy decided at run time. */
function requireProfessional(grant: Grant<'meetings', 'write'>) {
	if (grant.relation.kind !== 'professional') throw new DomainError('invalid', 'Only professionals plan meetings');
}

export const mapUrl = (place: string) => `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`;

type Participant = Awaited<ReturnType<typeof participantsOf>>[number];

/** Who comes, with a role each: the citizen, professionals by their assignment, others as relatives. */
async function withRoles(db: Db, citizenId: string, rows: Participant[]) {
	const roles = await rolesWithCitizen(
		db,
		citizenId,
		rows.map((r) => r.personId)
	);
	return rows.map((r) => ({
		...r,
		role: (r.personId === citizenId ? 'citizen' : (roles.get(r.personId) ?? 'relative')) as Role
	}));
}

/** A meeting as a list shows it; `response` is the citizen's own answer (undefined or null: not invited). */
function summary(
	m: Pick<
		MeetingRow,
		| 'id'
		| 'kind'
		| 'title'
		| 'startsAt'
		| 'endsAt'
		| 'location'
		| 'videoUrl'
		| 'status'
		| 'seriesId'
		| 'agreed'
		| 'hiddenFromRelatives'
	>,
	response: Participant['response'] | null | undefined
) {
	return {
		id: m.id,
		kind: m.kind,
		title: m.title,
		startsAt: m.startsAt.toISOString(),
		endsAt: m.endsAt.toISOString(),
		location: m.location,
		isVideo: Boolean(m.videoUrl),
		status: m.status,
		seriesId: m.seriesId,
		response: response ?? 'none',
		hasAgreed: Boolean(m.agreed),
		hiddenFromRelatives: m.hiddenFromRelatives
	};
}

/** The citizen's meetings: all coming ones and the latest past ones, with the citizen's own answer. */
export async function meetingsOverview(db: Db, grant: Grant<'meetings'>, now = new Date()) {
	return overviewOf(await readTogether(db, meetingListReads(db, grant.citizenId, now, meetingsLimitedTo(grant))));
}

function overviewOf([upcoming, past]: ListRows) {
	return {
		upcoming: upcoming.map((m) => summary(m, m.response)),
		past: past.map((m) => summary(m, m.response))
	};
}
type ListReads = ReturnType<typeof meetingListReads>;
type ListRows = [Awaited<ListReads[0]>, Awaited<ListReads[1]>];

/** meetingsPage's reads, built once (preparedReads): `relative` null sees every meeting, `settingsOf` null reads none. */
const meetingsPageReads = preparedReads(
	'meetings_page',
	['citizenId', 'now', 'relative', 'settingsOf'],
	(db, p) => [...meetingListReads(db, p.citizenId, p.now, p.relative), meetingSettingsOf(db, p.settingsOf)] as const
);

/**
 * The citizen's meetings page in one round trip: the list (as meetingsOverview) and, for the
 * citizen themself, their reminder choice and whether they have a calendar link (one settings
 * read; a relative's page reads none of the citizen's settings).
 */
export async function meetingsPage(db: Db, grant: Grant<'meetings'>, now = new Date()) {
	const isSelf = grant.relation.kind === 'self';
	const [upcoming, past, settings] = await meetingsPageReads(db, {
		citizenId: grant.citizenId,
		now: now.toISOString(),
		relative: meetingsLimitedTo(grant),
		settingsOf: isSelf ? grant.citizenId : null
	});
	return {
		...overviewOf([upcoming, past]),
		reminders: isSelf ? reminderChoiceOf(settings[0]?.reminderMinutes) : null,
		hasCalendar: isSelf && Boolean(settings[0]?.calendarTokenHash)
	};
}

/** The staff list: like the citizen's, with every answer and reason. */
export async function meetingsForStaff(db: Db, grant: Grant<'meetings'>, now = new Date()) {
	if (grant.relation.kind !== 'professional') throw new DomainError('invalid', 'The staff list is for professionals');
	const [upcoming, past] = await Promise.all([
		upcomingMeetings(db, grant.citizenId, now, null),
		pastMeetings(db, grant.citizenId, now, null, 20)
	]);
	const all = [...upcoming, ...past];
	const participants = await withRoles(
		db,
		grant.citizenId,
		await participantsOf(
			db,
			all.map((m) => m.id)
		)
	);
	const shape = (m: MeetingRow) => {
		const mine = participants.filter((p) => p.meetingId === m.id);
		const citizen = mine.find((p) => p.personId === grant.citizenId);
		return {
			...summary(m, citizen?.response),
			reason: citizen?.reason ?? null,
			replies: mine.map((p) => ({ name: p.name, role: p.role, response: p.response, reason: p.reason }))
		};
	};
	return { upcoming: upcoming.map(shape), past: past.map(shape) };
}

/**
 * One meeting in full: when, where or how, who comes, how to prepare, what was agreed.
 * The grant's relation decides what is left out for a relative.
 */
export async function meetingDetail(db: Db, grant: Grant<'meetings'>, meetingId: string, now = new Date()) {
	const meeting = await meetingOf(db, grant.citizenId, meetingId, meetingsLimitedTo(grant));
	if (!meeting) throw new DomainError('not_found');
	const [participants, allowlist, organiserPhone, joins] = await Promise.all([
		participantsOf(db, [meeting.id]).then((rows) => withRoles(db, grant.citizenId, rows)),
		meeting.videoUrl ? videoAllowlist(db, grant.citizenId, meeting.courseId) : Promise.resolve([]),
		meeting.phone ? Promise.resolve(null) : phoneOf(db, meeting.createdBy),
		meeting.videoUrl ? mayJoinVideo(db, grant, meeting.id, now) : Promise.resolve(false)
	]);
	const relation = grant.relation;
	const isRelative = relation.kind === 'relative';
	const citizen = participants.find((p) => p.personId === grant.citizenId);
	const ended = meeting.endsAt.getTime() <= now.getTime();
	return {
		id: meeting.id,
		kind: meeting.kind,
		title: meeting.title,
		startsAt: meeting.startsAt.toISOString(),
		endsAt: meeting.endsAt.toISOString(),
		location: meeting.location,
		mapUrl: meeting.location ? mapUrl(meeting.location) : null,
		video: meeting.videoUrl && joins ? safeVideoLink(meeting.videoUrl, allowlist) : null,
		isVideo: Boolean(meeting.videoUrl),
		phone: meeting.phone ?? organiserPhone,
		prepare: {
			topics: meeting.prepareTopics,
			bring: meeting.prepareBring,
			question: meeting.prepareQuestion
		},
		agreed: meeting.agreed,
		agreedEasy: meeting.agreedEasy,
		hiddenFromRelatives: meeting.hiddenFromRelatives,
		status: meeting.status,
		version: meeting.version,
		seriesId: meeting.seriesId,
		ended,
		response: citizen?.response ?? 'none',
		// The citizen's reason is between the citizen and the professionals.
		reason: isRelative ? null : (citizen?.reason ?? null),
		canReply: relation.kind === 'self' && !ended && meeting.status !== 'cancelled',
		participants: participants
			.filter((p) => p.personId !== grant.citizenId)
			.map((p) => ({
				name: p.name,
				role: p.role,
				// Answers and reasons of others are for the professionals.
				response: relation.kind === 'professional' ? p.response : null,
				reason: relation.kind === 'professional' ? p.reason : null
			})),
		participantIds: participants.map((p) => p.personId),
		allowlist: relation.kind === 'professional' ? allowlist : [],
		// What the staff form edits: the link and phone as typed.
		edit: relation.kind === 'professional' ? { videoUrl: meeting.videoUrl, phone: meeting.phone } : null
	};
}

/** The citizen answers: coming, cannot come (with a reason if they like), or needs help. */
export async function replyToMeeting(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: ReplyInput,
	now = new Date()
) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen replies');
	const meeting = await meetingOf(db, grant.citizenId, meetingId);
	if (!meeting) throw new DomainError('not_found');
	if (meeting.status === 'cancelled' || meeting.endsAt.getTime() <= now.getTime())
		throw new DomainError('conflict', 'The meeting is over or cancelled');
	const reason = input.response === 'coming' ? null : input.reason;
	const values = { response: input.response, responseReason: reason, respondedAt: now };
	await db
		.insert(meetingParticipants)
		.values({ meetingId: meeting.id, personId: grant.citizenId, ...values })
		.onConflictDoUpdate({ target: [meetingParticipants.meetingId, meetingParticipants.personId], set: values });
	return { meetingId: meeting.id, ...values };
}

/**
 * The citizen's choice for one meeting: whether relatives with the meetings scope see it. A
 * relative invited to the meeting still sees it (they were asked to come).
 */
export async function setHiddenFromRelatives(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	hidden: boolean
): Promise<{ hidden: boolean }> {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen decides what relatives see');
	const [row] = await db
		.update(meetings)
		.set({ hiddenFromRelatives: hidden })
		.where(and(eq(meetings.id, meetingId), eq(meetings.citizenId, grant.citizenId)))
		.returning({ hidden: meetings.hiddenFromRelatives });
	if (!row) throw new DomainError('not_found');
	return row;
}

/** The given names of the relatives who see the citizen's meetings now (for the citizen's own choice). */
export async function relativesWhoSeeMeetings(db: Db, grant: Grant<'meetings'>, now = new Date()): Promise<string[]> {
	if (grant.relation.kind !== 'self') return [];
	const relatives = await relativesInForce(db, grant.citizenId, now);
	return relatives.filter((r) => r.status === 'active' && r.scopes.includes('meetings')).map((r) => r.name);
}

/** The one meeting as a file for the calendar: null when the grant may not see it. */
export async function meetingForCalendar(db: Db, grant: Grant<'meetings'>, meetingId: string) {
	return meetingOf(db, grant.citizenId, meetingId, meetingsLimitedTo(grant));
}

/** Whom a professional may invite: the citizen's care team, and relatives with the citizen's consent. */
export async function participantOptions(db: Db, grant: Grant<'meetings' | 'people'>, now = new Date()) {
	const [team, relatives] = await Promise.all([
		careTeamOf(db, grant.citizenId, now),
		relativesForMeetings(db, grant.citizenId, now)
	]);
	const seen = new Set<string>();
	return {
		team: team
			.filter((m) => !seen.has(m.id) && seen.add(m.id))
			.map((m) => ({ id: m.id, displayName: m.displayName, role: m.role })),
		relatives
	};
}

async function checkParticipants(db: Db, grant: Grant<'meetings', 'write'>, ids: string[], now: Date) {
	const options = await participantOptions(db, grant, now);
	const allowed = new Set([
		...options.team.map((m) => m.id),
		...options.relatives.filter((r) => r.consent).map((r) => r.id)
	]);
	const chosen = ids.filter((id) => id !== grant.citizenId);
	if (chosen.some((id) => !allowed.has(id)))
		throw new MeetingInputError('participants', 'validation.unknownParticipant');
	return chosen;
}

function placeAndTexts(input: ChangeMeetingInput | NewMeetingInput) {
	return {
		kind: input.kind,
		title: input.title,
		location: input.location,
		videoUrl: input.videoUrl,
		phone: input.phone,
		prepareTopics: input.prepareTopics,
		prepareBring: input.prepareBring,
		prepareQuestion: input.prepareQuestion
	};
}

/** Schedules one meeting or a weekly series. The citizen and the chosen people are invited. */
export async function scheduleMeetings(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	input: NewMeetingInput,
	now = new Date()
) {
	requireProfessional(grant);
	const invited = await checkParticipants(db, grant, input.participants, now);
	const times =
		input.repeat === 'weekly'
			? expandSeries({
					date: input.date,
					startTime: input.startTime,
					endTime: input.endTime,
					weekdays: input.weekdays,
					count: input.count,
					until: input.until
				})
			: [
					{ startsAt: copenhagenToUtc(input.date, input.startTime), endsAt: copenhagenToUtc(input.date, input.endTime) }
				];
	if (times.length === 0) throw new MeetingInputError('weekdays', 'validation.seriesEmpty');
	const found = await currentCourse(db, grant.citizenId);
	return db.transaction(async (tx) => {
		let seriesId: string | null = null;
		if (input.repeat === 'weekly') {
			const [series] = await tx
				.insert(meetingSeries)
				.values({
					citizenId: grant.citizenId,
					rrule: seriesRule({ ...input, count: input.count, until: input.until }),
					createdBy: grant.actor.id
				})
				.returning({ id: meetingSeries.id });
			seriesId = series.id;
		}
		const rows = await tx
			.insert(meetings)
			.values(
				times.map((t) => ({
					citizenId: grant.citizenId,
					courseId: found?.course.id ?? null,
					seriesId,
					...placeAndTexts(input),
					startsAt: t.startsAt,
					endsAt: t.endsAt,
					createdBy: grant.actor.id
				}))
			)
			.returning();
		const people = [grant.citizenId, ...invited];
		await tx
			.insert(meetingParticipants)
			.values(rows.flatMap((m) => people.map((personId) => ({ meetingId: m.id, personId }))));
		return { seriesId, meetings: rows };
	});
}

async function lockedMeeting(db: Db, grant: Grant<'meetings', 'write'>, meetingId: string, version: number) {
	const before = await meetingOf(db, grant.citizenId, meetingId);
	if (!before) throw new DomainError('not_found');
	if (before.version !== version) throw new StaleWriteError(before);
	return before;
}

/**
 * The one way a booked meeting's row is changed: optimistic on the version it was read at, a
 * new time or place marks it "changed" (the citizen is told), and a new time asks everyone to
 * answer again. Used by the professional's change form and by the citizen's pick of a new time.
 */
export async function writeMeetingChange(
	tx: Db,
	before: MeetingRow,
	set: Partial<typeof meetings.$inferInsert> & { startsAt: Date; endsAt: Date },
	placeChanged = false
) {
	if (before.status === 'cancelled') throw new DomainError('conflict', 'A cancelled meeting is not changed');
	const newTime =
		before.startsAt.getTime() !== set.startsAt.getTime() || before.endsAt.getTime() !== set.endsAt.getTime();
	const noticeable = newTime || placeChanged;
	const [updated] = await tx
		.update(meetings)
		.set({ ...set, status: noticeable ? 'changed' : before.status, version: before.version + 1 })
		.where(and(eq(meetings.id, before.id), eq(meetings.version, before.version)))
		.returning();
	if (!updated) throw new StaleWriteError(before);
	if (newTime) {
		await tx
			.update(meetingParticipants)
			.set({ response: 'none', responseReason: null, respondedAt: null })
			.where(eq(meetingParticipants.meetingId, before.id));
		// The photos of the meeting's topics are kept for a time after the meeting: after the new time.
		await movePhotoExpiry(tx, before.id, set.startsAt, topicRetentionDays());
	}
	return { meeting: updated, newTime, notify: noticeable ? ('changed' as const) : null };
}

/**
 * Changes one meeting. When the time, place or link changes the meeting is marked "changed"
 * and the citizen is told (`queued`: a notice job committed in the same transaction), and a new
 * time asks everyone to answer again.
 */
export async function changeMeeting(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: ChangeMeetingInput,
	now = new Date()
) {
	requireProfessional(grant);
	const invited = await checkParticipants(db, grant, input.participants, now);
	const startsAt = copenhagenToUtc(input.date, input.startTime);
	const endsAt = copenhagenToUtc(input.date, input.endTime);
	return db.transaction(async (tx) => {
		const before = await lockedMeeting(tx, grant, meetingId, input.version);
		const newPlace =
			(before.location ?? null) !== input.location ||
			(before.videoUrl ?? null) !== input.videoUrl ||
			before.kind !== input.kind;
		const { meeting: updated, notify } = await writeMeetingChange(
			tx,
			before,
			{ ...placeAndTexts(input), startsAt, endsAt },
			newPlace
		);
		// Invitations: the citizen always, and exactly the people chosen now.
		const keep = new Set([grant.citizenId, ...invited]);
		const current = await tx
			.select({ personId: meetingParticipants.personId })
			.from(meetingParticipants)
			.where(eq(meetingParticipants.meetingId, before.id));
		const gone = current.map((p) => p.personId).filter((id) => !keep.has(id));
		if (gone.length)
			await tx
				.delete(meetingParticipants)
				.where(and(eq(meetingParticipants.meetingId, before.id), inArray(meetingParticipants.personId, gone)));
		const have = new Set(current.map((p) => p.personId));
		const added = [...keep].filter((id) => !have.has(id));
		if (added.length)
			await tx.insert(meetingParticipants).values(added.map((personId) => ({ meetingId: before.id, personId })));
		// The citizen is told by a job committed with the change (never lost between the two).
		const queued = notify
			? await queueMeetingNoticeIn(tx, { kind: 'changed', meetingId: updated.id, version: updated.version })
			: false;
		return { meeting: updated, notify, queued };
	});
}

/**
 * Cancels a meeting, and when asked every later meeting of its series. The citizen is told of the
 * one cancelled here by a notice job committed with it (`queued`).
 */
export async function cancelMeeting(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: { version: number; laterInSeries: boolean }
) {
	requireProfessional(grant);
	return db.transaction(async (tx) => {
		const before = await lockedMeeting(tx, grant, meetingId, input.version);
		const [cancelled] = await tx
			.update(meetings)
			.set({ status: 'cancelled', version: before.version + 1 })
			.where(and(eq(meetings.id, before.id), eq(meetings.version, input.version)))
			.returning();
		if (!cancelled) throw new StaleWriteError(before);
		const ids = [cancelled.id];
		if (input.laterInSeries && before.seriesId) {
			const later = await tx
				.select({ id: meetings.id, version: meetings.version })
				.from(meetings)
				.where(
					and(
						eq(meetings.seriesId, before.seriesId),
						eq(meetings.citizenId, grant.citizenId),
						gte(meetings.startsAt, before.startsAt),
						ne(meetings.status, 'cancelled')
					)
				);
			for (const m of later) {
				await tx
					.update(meetings)
					.set({ status: 'cancelled', version: m.version + 1 })
					.where(eq(meetings.id, m.id));
				ids.push(m.id);
			}
		}
		const queued = await queueMeetingNoticeIn(tx, { kind: 'cancelled', meetingId: cancelled.id });
		return { meeting: cancelled, ids, queued };
	});
}

/** A network meeting that has been held puts what was agreed into Borgerens Plan (its period's status). */
function agreedGoesIntoPlan(m: MeetingRow, agreed: string | null, now: Date) {
	return m.kind === 'netvaerksmoede' && m.status !== 'cancelled' && m.startsAt.getTime() <= now.getTime() && !!agreed;
}

/**
 * What the staff page shows beside "what we agreed" of a network meeting: which period of the
 * plan it will be the status of (a new one from the meeting's day, or the one it has), and the
 * token the save must send back (someone changing that period meanwhile makes the save stale).
 */
export async function agreedPlanPeriod(db: Db, grant: Grant<'meetings'>, meetingId: string, now = new Date()) {
	if (grant.relation.kind !== 'professional') return null;
	const meeting = await meetingOf(db, grant.citizenId, meetingId);
	if (!meeting || meeting.kind !== 'netvaerksmoede' || meeting.status === 'cancelled') return null;
	const target = await networkPeriodFor(db, meeting);
	if (!target) return null;
	return {
		mode: target.mode,
		startsOn: target.startsOn,
		statusEasy: target.mode === 'update' ? target.period.statusEasy : null,
		token: target.token,
		begun: meeting.startsAt.getTime() <= now.getTime()
	};
}

/**
 * "What we agreed", written after the meeting in plain words; a meeting that has begun is then
 * held. For a network meeting that has been held it is also the status of its period in the
 * plan (see plan/network-period.ts): that needs a plan write grant from the policy, asked for
 * only then (`planGrant`), and `period` is the token of the period the professional saw.
 */
export async function saveAgreed(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: { agreed: string | null; agreedEasy?: string | null; period?: string | null; version: number },
	now = new Date(),
	planGrant?: () => Promise<Grant<'plan', 'write'>>
) {
	requireProfessional(grant);
	const first = await meetingOf(db, grant.citizenId, meetingId);
	if (!first) throw new DomainError('not_found');
	let plan: Grant<'plan', 'write'> | null = null;
	if (agreedGoesIntoPlan(first, input.agreed, now)) {
		if (!planGrant) throw new DomainError('invalid', 'A network meeting writes the plan: a plan grant is needed');
		plan = await planGrant();
	}
	return db.transaction(async (tx) => {
		const before = await lockedMeeting(tx, grant, meetingId, input.version);
		const begun = before.startsAt.getTime() <= now.getTime();
		let period = null;
		if (agreedGoesIntoPlan(before, input.agreed, now)) {
			if (!plan) throw new StaleWriteError(before);
			period = await writeNetworkMeetingStatus(
				tx,
				plan,
				before,
				{ status: input.agreed!, statusEasy: input.agreedEasy ?? null },
				input.period ?? null
			);
		}
		const [updated] = await tx
			.update(meetings)
			.set({
				agreed: input.agreed,
				agreedEasy: input.agreed ? (input.agreedEasy ?? null) : null,
				status: begun && before.status !== 'cancelled' && input.agreed ? 'held' : before.status,
				planPeriodId: period?.id ?? before.planPeriodId,
				version: before.version + 1
			})
			.where(and(eq(meetings.id, before.id), eq(meetings.version, input.version)))
			.returning();
		if (!updated) throw new StaleWriteError(before);
		return { ...updated, period };
	});
}
