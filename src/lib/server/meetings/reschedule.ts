import { and, asc, desc, eq, gt, inArray, lt, ne, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { meetingParticipants, meetings, people, rescheduleOffers, rescheduleRequests } from '../db/schema';
import type { Grant } from '../policy';
import { grantEach } from '../policy/decisions';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../../errors';
import {
	OFFER_MAX,
	OFFER_MIN,
	type AskInput,
	type ChooseInput,
	type DeclineInput,
	type OfferInput
} from '../../meetings/reschedule';
import { queueMeetingNoticeIn } from '../jobs';
import { meetingOf, type MeetingRow } from './repository';
import { MeetingInputError, writeMeetingChange } from './service';

/**
 * "I need another time" (jeg har brug for en anden tid). The citizen asks on a meeting, the
 * professional offers 2–3 times (or declines with a message), the citizen picks one in one tap
 * and the meeting moves through the same change path as the professional's form: new version,
 * the "changed" mark, answers asked again, and the change notice. Each answer to the citizen (times
 * offered, a no, the move) queues its notice job in the transaction that saves it.
 * Every function takes a Grant for the citizen's meetings; bad input is refused with a message
 * beside the field it is about, and nothing is changed.
 */

type RequestRow = typeof rescheduleRequests.$inferSelect;
const OPEN = ['asked', 'offered'] as const;
const isOpen = (r: Pick<RequestRow, 'status'>) => (OPEN as readonly string[]).includes(r.status);

/** A refusal the page shows beside a field ('form' for the whole form). */
export class RescheduleRefused extends MeetingInputError {
	constructor(
		readonly reason:
			| 'meeting_closed'
			| 'already_open'
			| 'not_open'
			| 'not_asked'
			| 'not_offered'
			| 'not_among_offers'
			| 'offer_past'
			| 'in_past'
			| 'same_time'
			| 'duplicate'
			| 'overlaps'
			| 'few_times'
			| 'many_times',
		field = 'form'
	) {
		super(field, `rebook.errors.${reason}`);
	}
}

// Who writes (the citizen asks, a professional offers) is known only at run time: the policy's relation says.
function requireCitizen(grant: Grant<'meetings', 'write'>) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen asks for another time');
}

function requireProfessional(grant: Grant<'meetings', 'write'>) {
	if (grant.relation.kind !== 'professional') throw new DomainError('invalid', 'Only professionals offer times');
}

/** The meeting, if it is the citizen's; someone else's meeting is "not found", as everywhere. */
async function ownMeeting(db: Db, grant: Grant<'meetings'>, meetingId: string) {
	const meeting = await meetingOf(db, grant.citizenId, meetingId);
	if (!meeting) throw new DomainError('not_found');
	return meeting;
}

/** A meeting can be moved while it is still to come and not cancelled or held. */
function movable(meeting: MeetingRow, now: Date) {
	return meeting.status !== 'cancelled' && meeting.status !== 'held' && meeting.startsAt.getTime() > now.getTime();
}

async function requestOf(db: Db, meeting: MeetingRow, requestId: string) {
	const [row] = await db
		.select()
		.from(rescheduleRequests)
		.where(
			and(
				eq(rescheduleRequests.id, requestId),
				eq(rescheduleRequests.meetingId, meeting.id),
				eq(rescheduleRequests.citizenId, meeting.citizenId)
			)
		)
		.limit(1);
	if (!row) throw new DomainError('not_found');
	return row;
}

async function openRequestOf(db: Db, meetingId: string) {
	const [row] = await db
		.select()
		.from(rescheduleRequests)
		.where(and(eq(rescheduleRequests.meetingId, meetingId), inArray(rescheduleRequests.status, [...OPEN])))
		.limit(1);
	return row ?? null;
}

async function offersOf(db: Db, requestIds: string[]) {
	if (requestIds.length === 0) return [];
	return db
		.select()
		.from(rescheduleOffers)
		.where(inArray(rescheduleOffers.requestId, requestIds))
		.orderBy(asc(rescheduleOffers.startsAt));
}

/** Moves the request on only from the state it was read in, so two taps cannot both win. */
async function transition(
	tx: Db,
	request: RequestRow,
	from: RequestRow['status'][],
	set: Partial<typeof rescheduleRequests.$inferInsert>
) {
	const [updated] = await tx
		.update(rescheduleRequests)
		.set(set)
		.where(and(eq(rescheduleRequests.id, request.id), inArray(rescheduleRequests.status, from)))
		.returning();
	if (!updated) throw new RescheduleRefused('not_open');
	return updated;
}

/** The citizen asks for another time, with a one-tap reason and/or their own words (both optional). */
export async function askForAnotherTime(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: AskInput,
	now = new Date()
) {
	requireCitizen(grant);
	return db.transaction(async (tx) => {
		const meeting = await ownMeeting(tx, grant, meetingId);
		if (!movable(meeting, now)) throw new RescheduleRefused('meeting_closed');
		if (await openRequestOf(tx, meeting.id)) throw new RescheduleRefused('already_open');
		const [request] = await tx
			.insert(rescheduleRequests)
			.values({
				meetingId: meeting.id,
				citizenId: grant.citizenId,
				reasonChoice: input.reasonChoice,
				reason: input.reason,
				status: 'asked',
				createdAt: now,
				updatedAt: now
			})
			.returning();
		return request;
	});
}

/** The citizen takes the request back (before or after times were offered); the meeting stays. */
export async function withdrawRequest(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: { requestId: string },
	now = new Date()
) {
	requireCitizen(grant);
	return db.transaction(async (tx) => {
		const meeting = await ownMeeting(tx, grant, meetingId);
		const request = await requestOf(tx, meeting, input.requestId);
		if (!isOpen(request)) throw new RescheduleRefused('not_open');
		return transition(tx, request, [...OPEN], { status: 'withdrawn', closedAt: now, updatedAt: now });
	});
}

/**
 * The professional offers 2–3 times: each in the future, different from each other and from the
 * time now, and not on top of another of the citizen's meetings. The citizen is told by a notice
 * job committed with the offer (`queued`).
 */
export async function offerTimes(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: OfferInput,
	now = new Date()
) {
	requireProfessional(grant);
	if (input.times.length < OFFER_MIN) throw new RescheduleRefused('few_times');
	if (input.times.length > OFFER_MAX) throw new RescheduleRefused('many_times');
	return db.transaction(async (tx) => {
		const meeting = await ownMeeting(tx, grant, meetingId);
		if (!movable(meeting, now)) throw new RescheduleRefused('meeting_closed');
		const request = await requestOf(tx, meeting, input.requestId);
		if (request.status !== 'asked') throw new RescheduleRefused('not_asked');
		const seen = new Set<number>();
		for (const time of input.times) {
			const field = `start${time.row}`;
			if (time.endsAt.getTime() <= time.startsAt.getTime())
				throw new MeetingInputError(`end${time.row}`, 'validation.endBeforeStart');
			if (time.startsAt.getTime() <= now.getTime()) throw new RescheduleRefused('in_past', field);
			if (seen.has(time.startsAt.getTime())) throw new RescheduleRefused('duplicate', field);
			seen.add(time.startsAt.getTime());
			if (time.startsAt.getTime() === meeting.startsAt.getTime() && time.endsAt.getTime() === meeting.endsAt.getTime())
				throw new RescheduleRefused('same_time', field);
			const [clash] = await tx
				.select({ id: meetings.id })
				.from(meetings)
				.where(
					and(
						eq(meetings.citizenId, grant.citizenId),
						ne(meetings.id, meeting.id),
						ne(meetings.status, 'cancelled'),
						lt(meetings.startsAt, time.endsAt),
						gt(meetings.endsAt, time.startsAt)
					)
				)
				.limit(1);
			if (clash) throw new RescheduleRefused('overlaps', field);
		}
		const updated = await transition(tx, request, ['asked'], {
			status: 'offered',
			offeredBy: grant.actor.id,
			offeredAt: now,
			updatedAt: now
		});
		const offers = await tx
			.insert(rescheduleOffers)
			.values(input.times.map((t) => ({ requestId: request.id, startsAt: t.startsAt, endsAt: t.endsAt })))
			.returning();
		// The citizen is told by a job committed with the offer (never lost between the two).
		const queued = await queueMeetingNoticeIn(tx, { kind: 'offered', meetingId: meeting.id, requestId: request.id });
		return { request: updated, offers, queued };
	});
}

/**
 * The professional says no, with a message the citizen reads; the meeting stays as it is. The
 * citizen is told by a notice job committed with the answer (`queued`).
 */
export async function declineRequest(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: DeclineInput,
	now = new Date()
) {
	requireProfessional(grant);
	return db.transaction(async (tx) => {
		const meeting = await ownMeeting(tx, grant, meetingId);
		const request = await requestOf(tx, meeting, input.requestId);
		if (!isOpen(request)) throw new RescheduleRefused('not_open');
		const declined = await transition(tx, request, [...OPEN], {
			status: 'declined',
			answer: input.answer,
			offeredBy: request.offeredBy ?? grant.actor.id,
			closedAt: now,
			updatedAt: now
		});
		const queued = await queueMeetingNoticeIn(tx, { kind: 'declined', meetingId: meeting.id, requestId: request.id });
		return { request: declined, queued };
	});
}

/**
 * The citizen picks one of the offered times in one tap. The meeting moves through the same path
 * as a professional's change (version, "changed", answers again); the citizen is then "coming",
 * and their phone is told as for any change (a notice job committed with the move).
 */
export async function chooseOffer(
	db: Db,
	grant: Grant<'meetings', 'write'>,
	meetingId: string,
	input: ChooseInput,
	now = new Date()
) {
	requireCitizen(grant);
	return db.transaction(async (tx) => {
		const before = await ownMeeting(tx, grant, meetingId);
		const request = await requestOf(tx, before, input.requestId);
		if (request.status !== 'offered') throw new RescheduleRefused('not_offered');
		if (!movable(before, now)) throw new RescheduleRefused('meeting_closed');
		const [offer] = await tx
			.select()
			.from(rescheduleOffers)
			.where(and(eq(rescheduleOffers.id, input.offerId), eq(rescheduleOffers.requestId, request.id)))
			.limit(1);
		if (!offer) throw new RescheduleRefused('not_among_offers', 'offerId');
		if (offer.startsAt.getTime() <= now.getTime()) throw new RescheduleRefused('offer_past', 'offerId');
		const closed = await transition(tx, request, ['offered'], {
			status: 'chosen',
			chosenOfferId: offer.id,
			chosenAt: now,
			closedAt: now,
			updatedAt: now
		});
		const moved = await writeMeetingChange(tx, before, { startsAt: offer.startsAt, endsAt: offer.endsAt });
		// The citizen chose this time: they are coming. Everyone else answers again.
		const answer = { response: 'coming' as const, responseReason: null, respondedAt: now };
		await tx
			.insert(meetingParticipants)
			.values({ meetingId: before.id, personId: grant.citizenId, ...answer })
			.onConflictDoUpdate({ target: [meetingParticipants.meetingId, meetingParticipants.personId], set: answer });
		const queued = moved.notify
			? await queueMeetingNoticeIn(tx, { kind: 'changed', meetingId: before.id, version: moved.meeting.version })
			: false;
		return { request: closed, offer, meeting: moved.meeting, notify: moved.notify, queued };
	});
}

interface RescheduleView {
	id: string;
	status: RequestRow['status'];
	/** The citizen's reason: for the citizen and the professionals, never for relatives. */
	reasonChoice: RequestRow['reasonChoice'];
	reason: string | null;
	askedAt: string;
	offeredBy: string | null;
	offers: Array<{ id: string; startsAt: string; endsAt: string; chosen: boolean }>;
	answer: string | null;
	closedAt: string | null;
}

/**
 * What the meeting page shows about rebooking: the latest request on the meeting (open or
 * closed) and whether the citizen may ask now. A relative sees only that a new time was asked.
 */
export async function rescheduleState(db: Db, grant: Grant<'meetings'>, meetingId: string, now = new Date()) {
	// A write grant reads as well (the ask page is opened with the grant it posts with).
	const meeting = await ownMeeting(db, grant, meetingId);
	const [latest] = await db
		.select({ request: rescheduleRequests, offeredByName: people.givenName })
		.from(rescheduleRequests)
		.leftJoin(people, eq(people.id, rescheduleRequests.offeredBy))
		.where(eq(rescheduleRequests.meetingId, meeting.id))
		// An open request first (there is at most one), else the latest.
		.orderBy(
			sql`case when ${rescheduleRequests.status} in ('asked', 'offered') then 0 else 1 end`,
			desc(rescheduleRequests.createdAt)
		)
		.limit(1);
	const open = latest && isOpen(latest.request) ? latest.request : null;
	const canAsk = grant.relation.kind === 'self' && movable(meeting, now) && !open;
	if (!latest) return { canAsk, request: null };
	const r = latest.request;
	if (grant.relation.kind === 'relative')
		return { canAsk: false, request: { id: r.id, status: r.status, relativeView: true as const } };
	const offers = await offersOf(db, [r.id]);
	const view: RescheduleView = {
		id: r.id,
		status: r.status,
		reasonChoice: r.reasonChoice,
		reason: r.reason,
		askedAt: r.createdAt.toISOString(),
		offeredBy: latest.offeredByName,
		offers: offers.map((o) => ({
			id: o.id,
			startsAt: o.startsAt.toISOString(),
			endsAt: o.endsAt.toISOString(),
			chosen: o.id === r.chosenOfferId
		})),
		answer: r.answer,
		closedAt: r.closedAt?.toISOString() ?? null
	};
	return { canAsk, request: { ...view, relativeView: false as const } };
}

export type RescheduleState = Awaited<ReturnType<typeof rescheduleState>>;

/** The open requests of one citizen, for the professional's list of meetings. */
export async function openRequests(db: Db, grant: Grant<'meetings', 'read'>) {
	if (grant.relation.kind !== 'professional') throw new DomainError('invalid', 'For professionals');
	return db
		.select({
			id: rescheduleRequests.id,
			status: rescheduleRequests.status,
			reasonChoice: rescheduleRequests.reasonChoice,
			reason: rescheduleRequests.reason,
			askedAt: rescheduleRequests.createdAt,
			meetingId: meetings.id,
			kind: meetings.kind,
			title: meetings.title,
			startsAt: meetings.startsAt,
			endsAt: meetings.endsAt
		})
		.from(rescheduleRequests)
		.innerJoin(meetings, eq(meetings.id, rescheduleRequests.meetingId))
		.where(and(eq(rescheduleRequests.citizenId, grant.citizenId), inArray(rescheduleRequests.status, [...OPEN])))
		.orderBy(asc(rescheduleRequests.createdAt));
}

/**
 * On the caseload: which citizens wait for times (status 'asked'). The caseload comes from the
 * policy; `askedForTimes` reads the requests (a read to go with the page's others), and
 * `waitingCounts` reads each citizen with a waiting request through the policy, so the citizen's
 * access log shows that the professional saw it. Citizens with nothing waiting are not read.
 */
export function askedForTimes(db: Db, citizenIds: string[] | SQLWrapper) {
	return db
		.select({ citizenId: rescheduleRequests.citizenId, id: rescheduleRequests.id })
		.from(rescheduleRequests)
		.where(and(inArray(rescheduleRequests.citizenId, citizenIds), eq(rescheduleRequests.status, 'asked')));
}

export async function waitingCounts(db: Db, actor: SessionUser, asked: { citizenId: string }[], now = new Date()) {
	const counts = new Map<string, number>();
	for (const row of asked) counts.set(row.citizenId, (counts.get(row.citizenId) ?? 0) + 1);
	if (counts.size === 0) return counts;
	const seen = await grantEach(db, actor, [...counts.keys()], 'meetings', 'read', { now, refused: 'skip' });
	for (const citizenId of counts.keys()) if (!seen.has(citizenId)) counts.delete(citizenId);
	return counts;
}
