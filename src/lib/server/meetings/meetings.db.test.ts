import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import { and, count, desc, eq } from 'drizzle-orm';
import { createTestDb, SEEDED_AT_FIXED } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	consents,
	loginIdentities,
	meetingParticipants,
	meetings,
	meetingSeries,
	personRoles,
	personSettings,
	pushSubscriptions,
	relativeDelegations
} from '../db/schema';
import { AccessDenied, authorize, type Action, type Grant } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError, StaleWriteError } from '../../errors';
import { changeMeetingSchema, newMeetingSchema } from '../../meetings/schemas';
import { utcToCopenhagen } from '../../meetings/time';
import { createTranslate } from '../../i18n/translator';
import { resourcesFor } from '../../i18n/resources';
import { parseForm } from '../../validation';
import {
	cancelMeeting,
	changeMeeting,
	MeetingInputError,
	meetingDetail,
	meetingForCalendar,
	meetingsForStaff,
	meetingsOverview,
	meetingsPage,
	participantOptions,
	relativesWhoSeeMeetings,
	replyToMeeting,
	saveAgreed,
	scheduleMeetings,
	setHiddenFromRelatives
} from './service';
import { dueReminders, reminderChoice, saveReminderChoice } from './reminders';
import {
	hashCalendarToken,
	meetingsCalendar,
	personByCalendarToken,
	renewCalendarToken,
	stopCalendarToken
} from './calendar';
import { meetingsSince, nextMeeting } from './repository';
import { meetingsLimitedTo } from '../policy';

/**
 * The demo is seeded at a fixed "now" (the shared template's, test-templates.ts), so these dates
 * mean the same on any day the test runs.
 */
const NOW = SEEDED_AT_FIXED;

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

const grant = <A extends Action>(actor: string, citizen: string, action: A, now = NOW) =>
	authorize(database.db, users[actor], users[citizen].id, 'meetings', action, { now });

function form(values: Record<string, string>) {
	const parsed = parseForm(newMeetingSchema, values);
	if (!parsed.ok) throw new Error(`bad test input: ${JSON.stringify(parsed.errors)}`);
	return parsed.data;
}

async function meetingCount(citizen: string) {
	const [{ n }] = await database.db
		.select({ n: count() })
		.from(meetings)
		.where(eq(meetings.citizenId, users[citizen].id));
	return n;
}

beforeAll(async () => {
	database = await createTestDb({ seeded: NOW });
	for (const s of ['demo-jonas', 'demo-sara', 'demo-jens', 'demo-lone', 'demo-peter', 'demo-nina'])
		users[s] = await user(s);
});
afterAll(async () => database?.close());

describe('scheduling', () => {
	let seriesIds: string[] = [];

	it('a weekly series of 8 keeps 10:00 Danish time across the end of summer time', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { seriesId, meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'gruppeforloeb',
				title: 'Gruppeforløb: hverdagen',
				date: '2027-10-19',
				startTime: '10:00',
				endTime: '11:30',
				location: 'Jobcenter Ådal, Torvet 3',
				prepareTopics: 'Ro og søvn',
				participants: users['demo-lone'].id,
				repeat: 'weekly',
				count: '8'
			}),
			NOW
		);
		seriesIds = rows.map((r) => r.id);
		expect(rows).toHaveLength(8);
		expect(new Set(rows.map((r) => utcToCopenhagen(r.startsAt).time))).toEqual(new Set(['10:00']));
		expect(new Set(rows.map((r) => utcToCopenhagen(r.endsAt).time))).toEqual(new Set(['11:30']));
		expect(rows[1].startsAt.toISOString()).toBe('2027-10-26T08:00:00.000Z');
		expect(rows[2].startsAt.toISOString()).toBe('2027-11-02T09:00:00.000Z');
		const [series] = await database.db.select().from(meetingSeries).where(eq(meetingSeries.id, seriesId!));
		expect(series.rrule).toBe('FREQ=WEEKLY;WKST=MO;BYDAY=TU;COUNT=8');
		expect(rows.every((r) => r.seriesId === seriesId && r.courseId !== null)).toBe(true);
		const invited = await database.db
			.select()
			.from(meetingParticipants)
			.where(eq(meetingParticipants.meetingId, rows[0].id));
		expect(invited.map((p) => p.personId).sort()).toEqual([users['demo-jonas'].id, users['demo-lone'].id].sort());

		const jonas = await grant('demo-jonas', 'demo-jonas', 'read');
		const overview = await meetingsOverview(database.db, jonas, NOW);
		const mine = overview.upcoming.filter((m) => m.seriesId === seriesId);
		expect(mine).toHaveLength(8);
		expect(mine[0]).toMatchObject({ kind: 'gruppeforloeb', title: 'Gruppeforløb: hverdagen', response: 'none' });
	});

	it('a network meeting by video: a link only to an allowed https host', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { meetings: allowed } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'netvaerksmoede',
				date: '2027-10-21',
				startTime: '13:00',
				endTime: '14:00',
				videoUrl: 'https://video.kommune.dk/rum/jonas',
				phone: '12 50 10 21',
				prepareTopics: 'Din plan',
				prepareBring: 'Dine noter',
				prepareQuestion: 'Hvad vil du gerne nå?',
				participants: `${users['demo-lone'].id},${users['demo-peter'].id}`
			}),
			NOW
		);
		const { meetings: planted } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'video_bostoette',
				date: '2027-10-22',
				startTime: '13:00',
				endTime: '13:30',
				videoUrl: 'https://video-kommune.example/rum/jonas'
			}),
			NOW
		);
		const jonas = await grant('demo-jonas', 'demo-jonas', 'read');
		const detail = await meetingDetail(database.db, jonas, allowed[0].id, NOW);
		expect(detail.video).toEqual({
			kind: 'link',
			href: 'https://video.kommune.dk/rum/jonas',
			host: 'video.kommune.dk'
		});
		expect(detail.prepare).toEqual({ topics: 'Din plan', bring: 'Dine noter', question: 'Hvad vil du gerne nå?' });
		expect(detail.phone).toBe('12 50 10 21');
		expect(detail.participants.map((p) => p.role).sort()).toEqual(['caseworker', 'mentor']);
		expect(detail.participants.every((p) => p.response === null)).toBe(true);
		expect(detail.canReply).toBe(true);
		const other = await meetingDetail(database.db, jonas, planted[0].id, NOW);
		expect(other.video).toMatchObject({ kind: 'text', problem: 'not_allowed' });
		// Without a phone on the meeting, the organiser's number is the one to call.
		expect(other.phone).toBe('12 50 10 21');
	});

	it('refuses someone who is not on the care team, and saves nothing', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const before = await meetingCount('demo-jonas');
		const attempt = scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'individuel_samtale',
				date: '2027-10-25',
				startTime: '09:00',
				endTime: '10:00',
				participants: users['demo-nina'].id,
				repeat: 'weekly',
				count: '4'
			}),
			NOW
		);
		await expect(attempt).rejects.toBeInstanceOf(MeetingInputError);
		await expect(attempt).rejects.toMatchObject({ field: 'participants', messageKey: 'validation.unknownParticipant' });
		expect(await meetingCount('demo-jonas')).toBe(before);
	});

	it('a professional without the citizen gets no grant to plan, and a citizen cannot plan', async () => {
		await expect(grant('demo-nina', 'demo-jonas', 'write')).rejects.toBeInstanceOf(AccessDenied);
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await expect(
			scheduleMeetings(
				database.db,
				jonas,
				form({ kind: 'opfoelgning', date: '2027-10-25', startTime: '09:00', endTime: '10:00' }),
				NOW
			)
		).rejects.toBeInstanceOf(DomainError);
	});

	it('the staff list shows the series', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'read');
		const list = await meetingsForStaff(database.db, lone, NOW);
		expect(list.upcoming.filter((m) => seriesIds.includes(m.id))).toHaveLength(8);
	});
});

describe('replies', () => {
	let meetingId: string;

	beforeAll(async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'trepartsmoede',
				date: '2027-10-12',
				startTime: '10:00',
				endTime: '11:00',
				location: 'Torvet 3',
				participants: users['demo-lone'].id
			}),
			NOW
		);
		meetingId = rows[0].id;
	});

	it('the citizen cannot come, with a reason, and the mentor sees it', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await replyToMeeting(
			database.db,
			jonas,
			meetingId,
			{ response: 'cannot_come', reason: 'Jeg skal til tandlæge' },
			NOW
		);
		const lone = await grant('demo-lone', 'demo-jonas', 'read');
		const detail = await meetingDetail(database.db, lone, meetingId, NOW);
		expect(detail).toMatchObject({ response: 'cannot_come', reason: 'Jeg skal til tandlæge' });
		const listed = (await meetingsForStaff(database.db, lone, NOW)).upcoming.find((m) => m.id === meetingId)!;
		expect(listed).toMatchObject({ response: 'cannot_come', reason: 'Jeg skal til tandlæge' });
		expect(listed.replies.find((r) => r.role === 'citizen')).toMatchObject({ response: 'cannot_come' });
	});

	it('"I am coming" clears the reason; "I need help" keeps one', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await replyToMeeting(database.db, jonas, meetingId, { response: 'coming', reason: 'ignored' }, NOW);
		let detail = await meetingDetail(database.db, jonas, meetingId, NOW);
		expect(detail).toMatchObject({ response: 'coming', reason: null });
		await replyToMeeting(database.db, jonas, meetingId, { response: 'needs_help', reason: 'Bussen' }, NOW);
		detail = await meetingDetail(database.db, jonas, meetingId, NOW);
		expect(detail).toMatchObject({ response: 'needs_help', reason: 'Bussen' });
	});

	it('no reply after the meeting, to a cancelled one, or from someone else', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		const after = new Date('2027-10-12T10:00:00Z');
		await expect(
			replyToMeeting(database.db, jonas, meetingId, { response: 'coming', reason: null }, after)
		).rejects.toMatchObject({ code: 'conflict' });
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		await expect(
			replyToMeeting(database.db, lone, meetingId, { response: 'coming', reason: null }, NOW)
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(grant('demo-jens', 'demo-sara', 'write')).rejects.toMatchObject({ reason: 'not_allowed' });
		await expect(
			replyToMeeting(database.db, jonas, crypto.randomUUID(), { response: 'coming', reason: null }, NOW)
		).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('relatives', () => {
	const sarasMeeting = (participants: string, date = '2027-10-20') =>
		form({
			kind: 'netvaerksmoede',
			date,
			startTime: '10:00',
			endTime: '11:00',
			videoUrl: 'https://video.kommune.dk/rum/sara',
			participants
		});

	it('may be invited only with the citizen’s consent, read live', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const jens = users['demo-jens'].id;
		let options = await participantOptions(database.db, lone, NOW);
		expect(options.relatives).toEqual([expect.objectContaining({ id: jens, label: 'Far', consent: false })]);
		const before = await meetingCount('demo-sara');
		await expect(scheduleMeetings(database.db, lone, sarasMeeting(jens), NOW)).rejects.toMatchObject({
			field: 'participants'
		});
		expect(await meetingCount('demo-sara')).toBe(before);

		const [consent] = await database.db
			.insert(consents)
			.values({
				citizenId: users['demo-sara'].id,
				purpose: 'relative_joins_network_meetings',
				fromPartyId: null,
				toPartyId: jens,
				textKey: 'consent.relative_joins_network_meetings',
				textVersion: 1,
				textShown: 'Min far må komme med til netværksmøder.',
				givenAt: new Date(NOW.getTime() - 60_000)
			})
			.returning();
		options = await participantOptions(database.db, lone, NOW);
		expect(options.relatives[0].consent).toBe(true);
		const { meetings: rows } = await scheduleMeetings(database.db, lone, sarasMeeting(jens), NOW);
		const sara = await grant('demo-sara', 'demo-sara', 'read');
		const detail = await meetingDetail(database.db, sara, rows[0].id, NOW);
		expect(detail.participants).toEqual([expect.objectContaining({ role: 'relative' })]);

		await database.db.update(consents).set({ revokedAt: NOW }).where(eq(consents.id, consent.id));
		await expect(scheduleMeetings(database.db, lone, sarasMeeting(jens, '2027-10-27'), NOW)).rejects.toMatchObject({
			field: 'participants'
		});
	});

	it('with the meetings scope read meetings, without the reasons or the video link', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			sarasMeeting(users['demo-lone'].id, '2027-10-28'),
			NOW
		);
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		await replyToMeeting(database.db, sara, rows[0].id, { response: 'cannot_come', reason: 'Privat grund' }, NOW);
		const jens = await grant('demo-jens', 'demo-sara', 'read');
		const detail = await meetingDetail(database.db, jens, rows[0].id, NOW);
		expect(detail).toMatchObject({ isVideo: true, video: null, reason: null, canReply: false, edit: null });
		expect(detail.participants.every((p) => p.response === null && p.reason === null)).toBe(true);
	});

	it('join the video call only when the policy’s video resource allows it (join_video), read live', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			sarasMeeting(users['demo-lone'].id, '2027-10-29'),
			NOW
		);
		const jensId = users['demo-jens'].id;
		const setScopes = (scopes: ('plan' | 'meetings' | 'join_video')[]) =>
			database.db.update(relativeDelegations).set({ scopes }).where(eq(relativeDelegations.relativeId, jensId));
		const lastVideoRead = async () => {
			const [row] = await database.db
				.select()
				.from(accessLog)
				.where(and(eq(accessLog.actorId, jensId), eq(accessLog.resource, 'video')))
				.orderBy(desc(accessLog.id))
				.limit(1);
			return row ?? null;
		};
		try {
			await setScopes(['plan', 'meetings', 'join_video']);
			let jens = await grant('demo-jens', 'demo-sara', 'read');
			let detail = await meetingDetail(database.db, jens, rows[0].id, NOW);
			expect(detail.video).toEqual({
				kind: 'link',
				href: 'https://video.kommune.dk/rum/sara',
				host: 'video.kommune.dk'
			});
			// Sara can see that her father was given the link to this meeting.
			expect(await lastVideoRead()).toMatchObject({ resourceId: rows[0].id, actorRole: 'relative', action: 'read' });

			// Sara takes the scope back: the very next page has no button.
			await setScopes(['plan', 'meetings']);
			jens = await grant('demo-jens', 'demo-sara', 'read');
			detail = await meetingDetail(database.db, jens, rows[0].id, NOW);
			expect(detail).toMatchObject({ isVideo: true, video: null });
		} finally {
			await setScopes(['plan', 'meetings']);
		}
	});
});

describe('a meeting the citizen hides from relatives', () => {
	it('is gone for Jens everywhere he would see it, until Sara shows it again; staff see it all along', async () => {
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'individuel_samtale',
				title: 'Samtale i psykiatrien',
				// Far ahead: seen from the day before, Sara's next meeting.
				date: '2029-12-31',
				startTime: '09:00',
				endTime: '09:30',
				location: 'Distriktspsykiatrien'
			}),
			NOW
		);
		const id = rows[0].id;
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		expect(await relativesWhoSeeMeetings(database.db, sara, NOW)).toEqual(['Jens Nielsen']);
		const jensSees = async () => {
			const jens = await grant('demo-jens', 'demo-sara', 'read');
			const overview = await meetingsOverview(database.db, jens, NOW);
			const dayBefore = new Date('2029-12-30T08:00:00Z');
			const next = await nextMeeting(database.db, users['demo-sara'].id, meetingsLimitedTo(jens), dayBefore);
			const detail = await meetingDetail(database.db, jens, id, NOW).then(
				() => true,
				(e) => (e instanceof DomainError && e.code === 'not_found' ? false : Promise.reject(e))
			);
			const page = await meetingsPage(database.db, jens, NOW);
			expect({ upcoming: page.upcoming, past: page.past }).toEqual(overview);
			expect({ reminders: page.reminders, hasCalendar: page.hasCalendar }).toEqual({
				reminders: null,
				hasCalendar: false
			});
			return {
				list: [...overview.upcoming, ...overview.past].some((m) => m.id === id),
				next: next?.id === id,
				detail,
				file: Boolean(await meetingForCalendar(database.db, jens, id))
			};
		};
		expect(await jensSees()).toEqual({ list: true, next: true, detail: true, file: true });

		expect(await setHiddenFromRelatives(database.db, sara, id, true)).toEqual({ hidden: true });
		expect(await jensSees()).toEqual({ list: false, next: false, detail: false, file: false });
		// Sara and her mentor still see it, marked.
		const saraOverview = await meetingsOverview(database.db, await grant('demo-sara', 'demo-sara', 'read'), NOW);
		const saraPage = await meetingsPage(database.db, await grant('demo-sara', 'demo-sara', 'read'), NOW);
		expect({ upcoming: saraPage.upcoming, past: saraPage.past }).toEqual(saraOverview);
		expect(saraPage.reminders).not.toBeNull();
		expect(saraOverview.upcoming.find((m) => m.id === id)).toMatchObject({ hiddenFromRelatives: true });
		const staff = await meetingsForStaff(database.db, await grant('demo-lone', 'demo-sara', 'read'), NOW);
		expect(staff.upcoming.find((m) => m.id === id)).toMatchObject({ hiddenFromRelatives: true });

		// Only Sara decides: not Jens, not her mentor.
		await expect(setHiddenFromRelatives(database.db, lone, id, false)).rejects.toBeInstanceOf(DomainError);
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'meetings', 'write', { now: NOW })
		).rejects.toBeInstanceOf(AccessDenied);
		// Not someone else's meeting either.
		const jonasOwn = await grant('demo-jonas', 'demo-jonas', 'write');
		await expect(setHiddenFromRelatives(database.db, jonasOwn, id, false)).rejects.toMatchObject({
			code: 'not_found'
		});

		await setHiddenFromRelatives(database.db, sara, id, false);
		expect(await jensSees()).toEqual({ list: true, next: true, detail: true, file: true });
	});

	it('stays visible to a relative who is invited to it', async () => {
		const jens = users['demo-jens'].id;
		await database.db.insert(consents).values({
			citizenId: users['demo-sara'].id,
			purpose: 'relative_joins_network_meetings',
			fromPartyId: null,
			toPartyId: jens,
			textKey: 'consent.relative_joins_network_meetings',
			textVersion: 1,
			textShown: 'Min far må komme med til netværksmøder.',
			givenAt: new Date(NOW.getTime() - 60_000)
		});
		const lone = await grant('demo-lone', 'demo-sara', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'netvaerksmoede',
				date: '2027-10-21',
				startTime: '10:00',
				endTime: '11:00',
				location: 'Jobcenter Ådal',
				participants: jens
			}),
			NOW
		);
		const sara = await grant('demo-sara', 'demo-sara', 'write');
		await setHiddenFromRelatives(database.db, sara, rows[0].id, true);
		const jensGrant = await grant('demo-jens', 'demo-sara', 'read');
		await expect(meetingDetail(database.db, jensGrant, rows[0].id, NOW)).resolves.toMatchObject({ id: rows[0].id });
	});
});

describe('what was agreed in easy words', () => {
	it('is kept with the meeting and shown beside the standard words; emptying what was agreed empties both', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'individuel_samtale',
				date: '2027-09-30',
				startTime: '10:00',
				endTime: '11:00',
				location: 'Jobcenter Ådal'
			}),
			new Date('2027-09-01T08:00:00Z')
		);
		let saved = await saveAgreed(
			database.db,
			lone,
			rows[0].id,
			{ agreed: 'Jonas ringer til lægen om søvnen.', agreedEasy: 'Du ringer til lægen.', version: 1 },
			NOW
		);
		const jonas = await grant('demo-jonas', 'demo-jonas', 'read');
		expect(await meetingDetail(database.db, jonas, rows[0].id, NOW)).toMatchObject({
			agreed: 'Jonas ringer til lægen om søvnen.',
			agreedEasy: 'Du ringer til lægen.'
		});
		saved = await saveAgreed(
			database.db,
			lone,
			rows[0].id,
			{ agreed: null, agreedEasy: 'Rest', version: saved.version },
			NOW
		);
		expect(saved).toMatchObject({ agreed: null, agreedEasy: null });
	});
});

describe('change and cancel', () => {
	let ids: string[];
	let lone: Grant<'meetings', 'write'>;

	beforeAll(async () => {
		lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({
				kind: 'intro_og_plan',
				date: '2027-11-01',
				startTime: '09:00',
				endTime: '11:00',
				location: 'CBR',
				participants: users['demo-lone'].id,
				repeat: 'weekly',
				weekdays: 'TU,TH',
				until: '2027-11-18'
			}),
			NOW
		);
		ids = rows.map((r) => r.id);
		expect(rows).toHaveLength(6);
	});

	const change = (id: string, values: Record<string, string>) => {
		const parsed = parseForm(changeMeetingSchema, {
			kind: 'intro_og_plan',
			date: '2027-11-02',
			startTime: '09:00',
			endTime: '11:00',
			location: 'CBR',
			participants: users['demo-lone'].id,
			...values
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return changeMeeting(database.db, lone, id, parsed.data, NOW);
	};

	it('a new time marks the meeting changed, asks for new answers and says to notify', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await replyToMeeting(database.db, jonas, ids[0], { response: 'coming', reason: null }, NOW);
		await expect(change(ids[0], { version: '7', startTime: '10:00' })).rejects.toBeInstanceOf(StaleWriteError);
		const result = await change(ids[0], { version: '1', startTime: '09:30' });
		expect(result.notify).toBe('changed');
		expect(result.meeting).toMatchObject({ status: 'changed', version: 2 });
		expect(utcToCopenhagen(result.meeting.startsAt)).toEqual({ date: '2027-11-02', time: '09:30' });
		const detail = await meetingDetail(database.db, jonas, ids[0], NOW);
		expect(detail.response).toBe('none');
	});

	it('a change in the texts only is no notice', async () => {
		const result = await change(ids[1], { date: '2027-11-04', version: '1', prepareTopics: 'Dit CV' });
		expect(result.notify).toBeNull();
		expect(result.meeting.status).toBe('planned');
	});

	it('refuses an unknown participant and changes nothing', async () => {
		await expect(
			change(ids[2], { date: '2027-11-09', version: '1', participants: users['demo-nina'].id })
		).rejects.toBeInstanceOf(MeetingInputError);
		const [row] = await database.db.select().from(meetings).where(eq(meetings.id, ids[2]));
		expect(row.version).toBe(1);
	});

	it('cancels one and the later ones of its series', async () => {
		const result = await cancelMeeting(database.db, lone, ids[3], { version: 1, laterInSeries: true });
		expect(result.ids.sort()).toEqual(ids.slice(3).sort());
		const rows = await database.db.select().from(meetings).where(eq(meetings.seriesId, result.meeting.seriesId!));
		const status = new Map(rows.map((r) => [r.id, r.status]));
		expect(ids.map((id) => status.get(id))).toEqual([
			'changed',
			'planned',
			'planned',
			'cancelled',
			'cancelled',
			'cancelled'
		]);
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await expect(
			replyToMeeting(database.db, jonas, ids[4], { response: 'coming', reason: null }, NOW)
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('what was agreed is saved and the meeting is then held', async () => {
		const after = new Date('2027-11-04T12:00:00Z');
		const updated = await saveAgreed(database.db, lone, ids[1], { agreed: 'Jonas skriver sit CV.', version: 2 }, after);
		expect(updated).toMatchObject({ agreed: 'Jonas skriver sit CV.', status: 'held', version: 3 });
		await expect(saveAgreed(database.db, lone, ids[1], { agreed: 'x', version: 2 }, after)).rejects.toBeInstanceOf(
			StaleWriteError
		);
	});
});

describe('reminders', () => {
	let meetingId: string;
	const start = new Date('2027-10-06T08:00:00Z');

	beforeAll(async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		const { meetings: rows } = await scheduleMeetings(
			database.db,
			lone,
			form({ kind: 'individuel_samtale', date: '2027-10-06', startTime: '10:00', endTime: '11:00' }),
			NOW
		);
		meetingId = rows[0].id;
	});

	const dueFor = async (now: Date) => (await dueReminders(database.db, now)).filter((r) => r.meetingId === meetingId);
	const minutesBefore = (m: number) => new Date(start.getTime() - m * 60_000);

	it('lists nothing for a citizen without a push subscription', async () => {
		expect(await dueFor(minutesBefore(60))).toEqual([]);
	});

	it('lists the day-before and the hour-before reminder when each is due', async () => {
		await database.db.insert(pushSubscriptions).values({
			personId: users['demo-jonas'].id,
			endpoint: 'https://push.example/jonas',
			p256dh: 'x',
			auth: 'y'
		});
		expect(await dueFor(minutesBefore(1441))).toEqual([]);
		expect(await dueFor(minutesBefore(1440))).toEqual([
			{
				meetingId,
				citizenId: users['demo-jonas'].id,
				minutesBefore: 1440,
				startsAt: start,
				dueAt: minutesBefore(1440),
				key: `${meetingId}:1440:${start.toISOString()}`
			}
		]);
		// Within the job's window (5 minutes) it is still due; after that it has been sent.
		expect((await dueFor(minutesBefore(1436))).map((r) => r.minutesBefore)).toEqual([1440]);
		expect(await dueFor(minutesBefore(1430))).toEqual([]);
		expect((await dueFor(minutesBefore(58))).map((r) => r.minutesBefore)).toEqual([60]);
		expect(await dueFor(minutesBefore(30))).toEqual([]);
	});

	it('follows the citizen’s choice: only an hour before, or none', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		await saveReminderChoice(database.db, jonas, { dayBefore: false, hourBefore: true });
		expect(await reminderChoice(database.db, users['demo-jonas'].id)).toEqual({ dayBefore: false, hourBefore: true });
		expect(await dueFor(minutesBefore(1440))).toEqual([]);
		expect((await dueFor(minutesBefore(60))).map((r) => r.minutesBefore)).toEqual([60]);
		await saveReminderChoice(database.db, jonas, { dayBefore: false, hourBefore: false });
		const [settings] = await database.db
			.select()
			.from(personSettings)
			.where(eq(personSettings.personId, users['demo-jonas'].id));
		expect(settings.reminderMinutes).toEqual([]);
		expect(await dueFor(minutesBefore(60))).toEqual([]);
		await saveReminderChoice(database.db, jonas, { dayBefore: true, hourBefore: true });
	});

	it('has nothing for a cancelled meeting', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		await cancelMeeting(database.db, lone, meetingId, { version: 1, laterInSeries: false });
		expect(await dueFor(minutesBefore(60))).toEqual([]);
	});

	it('only the citizen chooses reminders', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		await expect(saveReminderChoice(database.db, lone, { dayBefore: true, hourBefore: true })).rejects.toBeInstanceOf(
			DomainError
		);
	});
});

describe('the calendar link', () => {
	it('keeps only a hash; renewing stops the old link at once', async () => {
		const jonas = await grant('demo-jonas', 'demo-jonas', 'write');
		const first = await renewCalendarToken(database.db, jonas);
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const [settings] = await database.db
			.select()
			.from(personSettings)
			.where(eq(personSettings.personId, users['demo-jonas'].id));
		expect(settings.calendarTokenHash).toBe(hashCalendarToken(first));
		expect(settings.calendarTokenHash).not.toContain(first);
		expect(await personByCalendarToken(database.db, first)).toMatchObject({ personId: users['demo-jonas'].id });

		const second = await renewCalendarToken(database.db, jonas);
		expect(second).not.toBe(first);
		expect(await personByCalendarToken(database.db, first)).toBeNull();
		expect(await personByCalendarToken(database.db, second)).toMatchObject({ personId: users['demo-jonas'].id });
		expect(await personByCalendarToken(database.db, 'nonsense')).toBeNull();

		await stopCalendarToken(database.db, jonas);
		expect(await personByCalendarToken(database.db, second)).toBeNull();
	});

	it('only the citizen makes a link', async () => {
		const lone = await grant('demo-lone', 'demo-jonas', 'write');
		await expect(renewCalendarToken(database.db, lone)).rejects.toBeInstanceOf(DomainError);
	});

	it('the feed holds all the citizen’s meetings, the series too, and parses back', async () => {
		const rows = await meetingsSince(database.db, users['demo-jonas'].id, new Date(NOW.getTime() - 90 * 86_400_000));
		const text = meetingsCalendar(rows, {
			t: createTranslate(resourcesFor('da'), 'da', 'easy'),
			origin: 'http://localhost:3000',
			name: 'Mit forløb'
		});
		const events = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
		expect(events).toHaveLength(rows.length);
		const series = events.filter((e) => String(e.summary).startsWith('Gruppeforløb: hverdagen'));
		expect(series).toHaveLength(8);
		expect(series.map((e) => e.start.toISOString())[2]).toBe('2027-11-02T09:00:00.000Z');
		const sarasIds = await database.db
			.select({ id: meetings.id })
			.from(meetings)
			.where(and(eq(meetings.citizenId, users['demo-sara'].id)));
		expect(events.some((e) => sarasIds.some((s) => String(e.uid).startsWith(s.id)))).toBe(false);
	});
});
