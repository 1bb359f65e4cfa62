import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { createTestDb, SEEDED_AT_FIXED } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	loginIdentities,
	meetingParticipants,
	meetings,
	personRoles,
	rescheduleOffers,
	rescheduleRequests
} from '../db/schema';
import { AccessDenied, authorize, type Action } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../../errors';
import { offerSchema, type OfferInput } from '../../meetings/reschedule';
import { copenhagenToUtc, utcToCopenhagen } from '../../meetings/time';
import { parseForm } from '../../validation';
import { cancelMeeting, MeetingInputError } from './service';
import {
	askForAnotherTime,
	chooseOffer,
	declineRequest,
	offerTimes,
	openRequests,
	RescheduleRefused,
	rescheduleState,
	waitingCounts,
	askedForTimes,
	withdrawRequest
} from './reschedule';

/**
 * "I need another time" through the policy: Sara asks, Lone offers 2–3 times, Sara picks one and
 * the meeting moves the way a professional's change would. Every bad input is refused with a
 * reason and leaves the meeting and the request as they were.
 */

// The date the shared seeded template is seeded at (test-templates.ts).
const NOW = SEEDED_AT_FIXED;
/** A little later the same morning: requests made later sort later. */
const LATER = new Date(NOW.getTime() + 60 * 60_000);
let database: OpenDatabase;
const users: Record<string, SessionUser> = {};

async function user(subject: string): Promise<SessionUser> {
	const [identity] = await database.db.select().from(loginIdentities).where(eq(loginIdentities.subject, subject));
	const roles = await database.db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	return {
		id: identity.personId,
		displayName: subject,
		givenName: subject,
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
}

const grant = <A extends Action>(actor: string, citizen: string, action: A) =>
	authorize(database.db, users[actor], users[citizen].id, 'meetings', action, { now: NOW });

async function meetingTitled(title: string) {
	const [row] = await database.db.select().from(meetings).where(eq(meetings.title, title));
	return row;
}
async function meetingRow(id: string) {
	const [row] = await database.db.select().from(meetings).where(eq(meetings.id, id));
	return row;
}
async function requestRow(id: string) {
	const [row] = await database.db.select().from(rescheduleRequests).where(eq(rescheduleRequests.id, id));
	return row;
}
async function offersFor(requestId: string) {
	return database.db.select().from(rescheduleOffers).where(eq(rescheduleOffers.requestId, requestId));
}

/** Three rows of Danish date and time, as the offer form sends them. */
function offerForm(requestId: string, rows: Array<[date: string, start: string, end: string]>): OfferInput {
	const values: Record<string, string> = { requestId };
	rows.forEach(([date, start, end], i) =>
		Object.assign(values, { [`date${i + 1}`]: date, [`start${i + 1}`]: start, [`end${i + 1}`]: end })
	);
	const parsed = parseForm(offerSchema, values);
	if (!parsed.ok) throw new Error(`bad test input: ${JSON.stringify(parsed.errors)}`);
	return parsed.data;
}

/** The reason a refusal gives, for compact assertions. */
async function refusal(attempt: Promise<unknown>) {
	try {
		await attempt;
		return 'accepted';
	} catch (cause) {
		if (cause instanceof RescheduleRefused) return `${cause.reason}@${cause.field}`;
		if (cause instanceof MeetingInputError) return `${cause.messageKey}@${cause.field}`;
		if (cause instanceof AccessDenied) return `denied:${cause.reason}`;
		if (cause instanceof DomainError) return `domain:${cause.code}`;
		throw cause;
	}
}

let talk: typeof meetings.$inferSelect; // "Samtale med Lone", in 3 working days
let jobcentre: typeof meetings.$inferSelect; // "Status med jobcentret", later
let requestId = '';

beforeAll(async () => {
	database = await createTestDb({ seeded: NOW });
	for (const s of ['demo-sara', 'demo-ali', 'demo-jonas', 'demo-jens', 'demo-lone', 'demo-peter', 'demo-nina'])
		users[s] = await user(s);
	talk = await meetingTitled('Samtale med Lone');
	jobcentre = await meetingTitled('Status med jobcentret');
});
afterAll(async () => database?.close());

const day = (days: number) => utcToCopenhagen(new Date(NOW.getTime() + days * 86_400_000)).date;

describe('asking for another time', () => {
	it('Sara asks with a one-tap reason and her own words', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const request = await askForAnotherTime(
			database.db,
			sara,
			talk.id,
			{ reasonChoice: 'ill', reason: 'Jeg har feber.' },
			NOW
		);
		requestId = request.id;
		expect(request).toMatchObject({
			status: 'asked',
			reasonChoice: 'ill',
			reason: 'Jeg har feber.',
			meetingId: talk.id
		});
		const state = await rescheduleState(database.db, await grant('demo-sara', 'demo-sara', 'read'), talk.id, NOW);
		expect(state).toMatchObject({ canAsk: false, request: { status: 'asked', reason: 'Jeg har feber.', offers: [] } });
	});

	it('refuses a second request while one is open, and a request on a past, held or cancelled meeting', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const ask = (id: string) => askForAnotherTime(database.db, sara, id, { reasonChoice: null, reason: null }, NOW);
		expect(await refusal(ask(talk.id))).toBe('already_open@form');
		const past = await meetingTitled('Hvordan går det med alarmerne?');
		expect(await refusal(ask(past.id))).toBe('meeting_closed@form');
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const [extra] = await database.db
			.insert(meetings)
			.values({
				citizenId: users['demo-sara'].id,
				kind: 'opfoelgning',
				title: 'Aflyst opfølgning',
				startsAt: copenhagenToUtc(day(20), '09:00'),
				endsAt: copenhagenToUtc(day(20), '10:00'),
				createdBy: users['demo-lone'].id
			})
			.returning();
		await cancelMeeting(database.db, lone, extra.id, { version: 1, laterInSeries: false });
		expect(await refusal(ask(extra.id))).toBe('meeting_closed@form');
		const open = await database.db
			.select()
			.from(rescheduleRequests)
			.where(eq(rescheduleRequests.citizenId, users['demo-sara'].id));
		expect(open).toHaveLength(1);
	});

	it("refuses a request on someone else's meeting, and anyone but the citizen", async () => {
		const ali = await grant('demo-ali', 'demo-ali', 'write');
		expect(
			await refusal(askForAnotherTime(database.db, ali, jobcentre.id, { reasonChoice: null, reason: null }, NOW))
		).toBe('domain:not_found');
		// Jens may see Sara's meetings, not act on them: the policy refuses the write grant.
		expect(await refusal(grant('demo-jens', 'demo-sara', 'write'))).toBe('denied:not_allowed');
		expect(await refusal(grant('demo-nina', 'demo-sara', 'write'))).toBe('denied:no_relation');
		// A professional's grant is not the citizen's: the service refuses it too.
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		expect(
			await refusal(askForAnotherTime(database.db, lone, jobcentre.id, { reasonChoice: null, reason: null }, NOW))
		).toBe('domain:invalid');
	});

	it('a relative with the meetings scope sees that a new time was asked, and nothing more', async () => {
		const jens = await grant('demo-jens', 'demo-sara', 'read');
		const state = await rescheduleState(database.db, jens, talk.id, NOW);
		expect(state).toEqual({ canAsk: false, request: { id: requestId, status: 'asked', relativeView: true } });
	});
});

describe('offering times', () => {
	it('refuses bad offers and changes nothing', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const offer = (rows: Array<[string, string, string]>) =>
			offerTimes(database.db, lone, talk.id, offerForm(requestId, rows), NOW);
		const start = utcToCopenhagen(talk.startsAt);
		const end = utcToCopenhagen(talk.endsAt);
		const job = utcToCopenhagen(jobcentre.startsAt);
		// In the past (yesterday), the same time twice, the meeting's own time, on top of another meeting.
		expect(
			await refusal(
				offer([
					[day(-1), '10:00', '11:00'],
					[day(5), '10:00', '11:00']
				])
			)
		).toBe('in_past@start1');
		expect(
			await refusal(
				offer([
					[day(5), '10:00', '11:00'],
					[day(5), '10:00', '11:00']
				])
			)
		).toBe('duplicate@start2');
		expect(
			await refusal(
				offer([
					[day(5), '10:00', '11:00'],
					[start.date, start.time, end.time]
				])
			)
		).toBe('same_time@start2');
		expect(
			await refusal(
				offer([
					[day(5), '10:00', '11:00'],
					[job.date, '13:00', '14:00']
				])
			)
		).toBe('overlaps@start2');
		// Fewer than two or more than three times, whatever the form did.
		const one: OfferInput = {
			requestId,
			times: [{ row: 1, startsAt: copenhagenToUtc(day(5), '10:00'), endsAt: copenhagenToUtc(day(5), '11:00') }]
		};
		expect(await refusal(offerTimes(database.db, lone, talk.id, one, NOW))).toBe('few_times@form');
		const four: OfferInput = {
			requestId,
			times: [5, 6, 7, 8].map((d, i) => ({
				row: i + 1,
				startsAt: copenhagenToUtc(day(d), '10:00'),
				endsAt: copenhagenToUtc(day(d), '11:00')
			}))
		};
		expect(await refusal(offerTimes(database.db, lone, talk.id, four, NOW))).toBe('many_times@form');
		// A request of another meeting, and an unassigned professional.
		expect(
			await refusal(
				offerTimes(
					database.db,
					lone,
					jobcentre.id,
					offerForm(requestId, [
						[day(5), '10:00', '11:00'],
						[day(6), '10:00', '11:00']
					]),
					NOW
				)
			)
		).toBe('domain:not_found');
		const jonasGrant = await grant('demo-lone', 'demo-jonas', 'write');
		expect(
			await refusal(
				offerTimes(
					database.db,
					jonasGrant,
					talk.id,
					offerForm(requestId, [
						[day(5), '10:00', '11:00'],
						[day(6), '10:00', '11:00']
					]),
					NOW
				)
			)
		).toBe('domain:not_found');
		expect(await requestRow(requestId)).toMatchObject({ status: 'asked', offeredBy: null, offeredAt: null });
		expect(await offersFor(requestId)).toEqual([]);
	});

	it('the form itself wants at least two complete times, each ending after it starts', () => {
		const parse = (values: Record<string, string>) => parseForm(offerSchema, { requestId, ...values });
		expect(parse({ date1: day(5), start1: '10:00', end1: '11:00' })).toEqual({
			ok: false,
			errors: { form: 'rebook.errors.few_times' }
		});
		expect(parse({ date1: day(5), start1: '10:00', end1: '09:00', date2: day(6), start2: '10:00' })).toEqual({
			ok: false,
			errors: { end1: 'validation.endBeforeStart', end2: 'validation.required' }
		});
		expect(
			parse({ date1: 'i morgen', start1: '25:00', end1: '11:00', date2: day(6), start2: '10:00', end2: '11:00' })
		).toEqual({
			ok: false,
			errors: { date1: 'validation.date', start1: 'validation.time' }
		});
		expect(parseForm(offerSchema, { requestId: 'nope' })).toEqual({
			ok: false,
			errors: { requestId: 'validation.unknown' }
		});
	});

	it('Sara cannot choose before times are offered', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const attempt = chooseOffer(database.db, sara, talk.id, { requestId, offerId: crypto.randomUUID() }, NOW);
		expect(await refusal(attempt)).toBe('not_offered@form');
	});

	it('Lone offers three free times in the future; she cannot offer twice', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const { request, offers } = await offerTimes(
			database.db,
			lone,
			talk.id,
			offerForm(requestId, [
				[day(6), '10:00', '10:45'],
				[day(7), '13:00', '13:45'],
				[day(8), '09:00', '09:45']
			]),
			NOW
		);
		expect(request).toMatchObject({ status: 'offered', offeredBy: users['demo-lone'].id });
		expect(offers).toHaveLength(3);
		const again = offerTimes(
			database.db,
			lone,
			talk.id,
			offerForm(requestId, [
				[day(9), '10:00', '11:00'],
				[day(10), '10:00', '11:00']
			]),
			NOW
		);
		expect(await refusal(again)).toBe('not_asked@form');
		expect(await offersFor(requestId)).toHaveLength(3);
		const listed = await openRequests(database.db, await grant('demo-lone', 'demo-sara', 'read'));
		expect(listed.map((r) => [r.id, r.status])).toEqual([[requestId, 'offered']]);
	});
});

describe('choosing a time', () => {
	it('refuses a time that was not offered and leaves the meeting as it was', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		// A made-up id, and an offer of another request.
		const other = await askForAnotherTime(
			database.db,
			sara,
			jobcentre.id,
			{ reasonChoice: 'bad_time', reason: null },
			NOW
		);
		const peter = await grant('demo-peter', 'demo-sara', 'write');
		const { offers: otherOffers } = await offerTimes(
			database.db,
			peter,
			jobcentre.id,
			offerForm(other.id, [
				[day(30), '10:00', '11:00'],
				[day(31), '10:00', '11:00']
			]),
			NOW
		);
		const before = await meetingRow(talk.id);
		for (const offerId of [crypto.randomUUID(), otherOffers[0].id]) {
			const attempt = chooseOffer(database.db, sara, talk.id, { requestId, offerId }, NOW);
			expect(await refusal(attempt)).toBe('not_among_offers@offerId');
		}
		// Choosing on the other meeting with this request's id: not that meeting's request.
		const [mine] = await offersFor(requestId);
		expect(await refusal(chooseOffer(database.db, sara, jobcentre.id, { requestId, offerId: mine.id }, NOW))).toBe(
			'domain:not_found'
		);
		expect(await meetingRow(talk.id)).toEqual(before);
		expect((await requestRow(requestId)).status).toBe('offered');
		await withdrawRequest(database.db, sara, jobcentre.id, { requestId: other.id }, NOW);
		expect((await requestRow(other.id)).status).toBe('withdrawn');
		expect((await meetingRow(jobcentre.id)).startsAt).toEqual(jobcentre.startsAt);
	});

	it('one tap moves the meeting: new time, "changed", a new version, answers asked again, Sara coming', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const offers = (await offersFor(requestId)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
		const picked = offers[1];
		const before = await meetingRow(talk.id);
		const result = await chooseOffer(database.db, sara, talk.id, { requestId, offerId: picked.id }, NOW);
		expect(result.notify).toBe('changed');
		const after = await meetingRow(talk.id);
		expect(after).toMatchObject({
			startsAt: picked.startsAt,
			endsAt: picked.endsAt,
			status: 'changed',
			version: before.version + 1
		});
		expect(await requestRow(requestId)).toMatchObject({ status: 'chosen', chosenOfferId: picked.id, chosenAt: NOW });
		const answers = await database.db
			.select()
			.from(meetingParticipants)
			.where(eq(meetingParticipants.meetingId, talk.id));
		const answerOf = (s: string) => answers.find((a) => a.personId === users[s].id)?.response;
		expect(answerOf('demo-sara')).toBe('coming');
		expect(answerOf('demo-lone')).toBe('none');
		expect(answerOf('demo-jens')).toBe('none');
		const state = await rescheduleState(database.db, await grant('demo-sara', 'demo-sara', 'read'), talk.id, NOW);
		expect(state.canAsk).toBe(true);
		expect(state.request).toMatchObject({
			status: 'chosen',
			offers: expect.arrayContaining([expect.objectContaining({ id: picked.id, chosen: true })])
		});
	});

	it('a choice on a request that is no longer offered is refused, and so is withdrawing it', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const [first] = await offersFor(requestId);
		const version = (await meetingRow(talk.id)).version;
		expect(await refusal(chooseOffer(database.db, sara, talk.id, { requestId, offerId: first.id }, NOW))).toBe(
			'not_offered@form'
		);
		expect(await refusal(withdrawRequest(database.db, sara, talk.id, { requestId }, NOW))).toBe('not_open@form');
		expect((await meetingRow(talk.id)).version).toBe(version);
	});

	it('a meeting cancelled after the offer cannot be moved', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const again = await askForAnotherTime(database.db, sara, talk.id, { reasonChoice: null, reason: null }, NOW);
		const { offers } = await offerTimes(
			database.db,
			lone,
			talk.id,
			offerForm(again.id, [
				[day(12), '10:00', '11:00'],
				[day(13), '10:00', '11:00']
			]),
			NOW
		);
		const row = await meetingRow(talk.id);
		await cancelMeeting(database.db, lone, talk.id, { version: row.version, laterInSeries: false });
		expect(
			await refusal(chooseOffer(database.db, sara, talk.id, { requestId: again.id, offerId: offers[0].id }, NOW))
		).toBe('meeting_closed@form');
		expect(await meetingRow(talk.id)).toMatchObject({ status: 'cancelled', startsAt: row.startsAt });
		// Lone closes it with a message; the meeting is not moved.
		const declined = await declineRequest(
			database.db,
			lone,
			talk.id,
			{ requestId: again.id, answer: 'Mødet er aflyst.' },
			NOW
		);
		expect(declined.request).toMatchObject({ status: 'declined', answer: 'Mødet er aflyst.' });
	});
});

describe('declining and withdrawing', () => {
	it('Peter says no with a message; Sara reads it and may ask again', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		const peter = await grant('demo-peter', 'demo-sara', 'write');
		const request = await askForAnotherTime(
			database.db,
			sara,
			jobcentre.id,
			{ reasonChoice: 'transport', reason: null },
			LATER
		);
		await declineRequest(
			database.db,
			peter,
			jobcentre.id,
			{ requestId: request.id, answer: 'Jobcentret har kun den tid. Lone kan køre dig.' },
			LATER
		);
		expect(
			await refusal(declineRequest(database.db, peter, jobcentre.id, { requestId: request.id, answer: 'Igen' }, NOW))
		).toBe('not_open@form');
		const state = await rescheduleState(database.db, await grant('demo-sara', 'demo-sara', 'read'), jobcentre.id, NOW);
		expect(state).toMatchObject({
			canAsk: true,
			request: { status: 'declined', answer: 'Jobcentret har kun den tid. Lone kan køre dig.' }
		});
		expect((await meetingRow(jobcentre.id)).status).toBe('planned');
		// The citizen cannot decline, the professional cannot withdraw.
		expect(
			await refusal(declineRequest(database.db, sara, jobcentre.id, { requestId: request.id, answer: 'x' }, NOW))
		).toBe('domain:invalid');
		expect(await refusal(withdrawRequest(database.db, peter, jobcentre.id, { requestId: request.id }, NOW))).toBe(
			'domain:invalid'
		);
	});

	it('the caseload shows who waits for times, and the read is in the citizen’s access log', async () => {
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		await askForAnotherTime(
			database.db,
			sara,
			jobcentre.id,
			{ reasonChoice: null, reason: 'Kan vi tage den om eftermiddagen?' },
			NOW
		);
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		const waitingForTimes = async (actor: string, citizens: string[], now: Date) =>
			waitingCounts(database.db, users[actor], await askedForTimes(database.db, citizens), now);
		const waiting = await waitingForTimes('demo-lone', [users['demo-sara'].id, users['demo-jonas'].id], NOW);
		expect([...waiting]).toEqual([[users['demo-sara'].id, 1]]);
		const rows = await database.db
			.select()
			.from(accessLog)
			.where(and(eq(accessLog.citizenId, users['demo-sara'].id), gt(accessLog.id, last ?? 0)));
		expect(rows.map((r) => [r.actorId, r.resource, r.action])).toEqual([[users['demo-lone'].id, 'meetings', 'read']]);
		// Someone not assigned to Sara gets nothing, even if asked about her.
		expect([...(await waitingForTimes('demo-nina', [users['demo-sara'].id], NOW))]).toEqual([]);
	});
});
