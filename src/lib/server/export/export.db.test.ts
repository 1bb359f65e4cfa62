import type { Bundle, CarePlan, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	ACCESS_DETAILS,
	ACCESS_OUTCOMES,
	meetings,
	notificationDeliveries,
	relativeDelegations,
	sessions,
	togetherEvents,
	togetherSessions
} from '../db/schema';
import { askForAnotherTime, offerTimes } from '../meetings/reschedule';
import { nameSupporter } from '../support/supporters';
import { askToTalk } from '../support/tasks';
import { authorize } from '../policy';
import { createSession, type SessionUser } from '../auth/session';
import { demoUser } from '../../../../tests/support/demo-user';
import { inviteRelative } from '../relatives/service';
import { requestRecords, requestsOf, setRequestStatus } from '../access/record-requests';
import { CONSENT_DECISION_KINDS } from '../../consent/decisions';
import { CONSENT_PURPOSES, DELEGATION_SCOPES, MEETING_KINDS, PROGRAMMES, ROLES } from '../../domain';
import { collectExport } from './service';
import { fhirBundle } from './fhir';
import { checkFhirBundle } from '../../../../tests/support/fhir-bundle';
import { exportSchema, exportSchemaErrors } from '../../../../tests/support/export-schema';

const CITIZENS = ['demo-sara', 'demo-ali', 'demo-mette', 'demo-jonas', 'demo-fatima'];

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const exportOf = async (subject: string) =>
	collectExport(database.db, await authorize(database.db, users[subject], users[subject].id, 'export', 'read'));

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of [...CITIZENS, 'demo-jens', 'demo-peter', 'demo-lone']) users[s] = await demoUser(database.db, s);
	// Something in every part: a session, an open invitation, a request for aktindsigt.
	await createSession(database.db, {
		personId: users['demo-sara'].id,
		loa: 'substantial',
		deviceLabel: 'Chrome · Android'
	});
	const sara = await authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'relatives', 'write');
	await inviteRelative(database.db, sara, { label: 'Søster', scopes: ['plan', 'join_video'] });
	await requestRecords(
		database.db,
		await authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'record_requests', 'write'),
		'Jeg vil gerne se mine papirer.'
	);

	// What the newer parts hold: a request for another time with two offers, a bisidder, a wish to
	// talk first, a together session with a pointer, and a message sent to the phone.
	const grantFor = <R extends Parameters<typeof authorize>[3]>(subject: string, resource: R) =>
		authorize(database.db, users[subject], users['demo-sara'].id, resource, 'write');
	const [next] = await database.db
		.select()
		.from(meetings)
		.where(and(eq(meetings.citizenId, users['demo-sara'].id), gt(meetings.startsAt, new Date(Date.now() + 86_400_000))))
		.orderBy(asc(meetings.startsAt))
		.limit(1);
	const asked = await askForAnotherTime(database.db, await grantFor('demo-sara', 'meetings'), next.id, {
		reasonChoice: 'transport',
		reason: 'Bussen kører ikke om morgenen.'
	});
	const later = (days: number) => new Date(next.startsAt.getTime() + days * 86_400_000 + 3_600_000);
	await offerTimes(database.db, await grantFor('demo-lone', 'meetings'), next.id, {
		requestId: asked.id,
		times: [
			{ row: 1, startsAt: later(20), endsAt: later(20.02) },
			{ row: 2, startsAt: later(21), endsAt: later(21.02) }
		]
	});
	await nameSupporter(database.db, await grantFor('demo-sara', 'consents'), {
		relative: null,
		name: 'Hanne Bisidder',
		phone: '20 30 40 50'
	});
	await askToTalk(database.db, await grantFor('demo-sara', 'support_tasks'), {
		kind: 'talk_about_consent',
		subject: 'share_health_info_caseworker_mentor'
	});
	const [together] = await database.db
		.insert(togetherSessions)
		.values({
			citizenId: users['demo-sara'].id,
			professionalId: users['demo-lone'].id,
			startedBy: users['demo-lone'].id,
			status: 'ended',
			invitationExpiresAt: new Date(),
			acceptedAt: new Date(),
			endedAt: new Date(),
			endedBy: users['demo-sara'].id
		})
		.returning();
	await database.db.insert(togetherEvents).values({
		sessionId: together.id,
		senderId: users['demo-lone'].id,
		kind: 'highlight',
		payload: { target: 'goal' }
	});
	await database.db
		.insert(notificationDeliveries)
		.values({ key: `meeting-offered:${asked.id}`, personId: users['demo-sara'].id, kind: 'meeting_offered' });
	// The newest access-log row: Lone reads the plan.
	await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'plan', 'read');
});
afterAll(async () => database?.close());

describe('JSON export (aktindsigt)', () => {
	it.each(CITIZENS)('%s: the export validates against docs/export-schema.json', async (subject) => {
		const data: unknown = JSON.parse(JSON.stringify(await exportOf(subject)));
		expect(exportSchemaErrors(data)).toEqual([]);
	});

	it('holds everything about the citizen and nothing secret', async () => {
		const data = await exportOf('demo-sara');
		expect(data.person.displayName).toBe('Sara Nielsen');
		expect(data.courses[0].goals.length).toBeGreaterThan(0);
		expect(data.diary.length).toBeGreaterThan(0);
		expect(data.meetings.length).toBeGreaterThan(0);
		expect(data.relatives.map((r) => r.state).sort()).toEqual(['active', 'invited']);
		expect(data.accessLog[0]).toMatchObject({ who: 'Lone Berg', role: 'mentor', resource: 'plan' });
		expect(data.recordRequests[0]).toMatchObject({ message: 'Jeg vil gerne se mine papirer.', status: 'sent' });
		expect(data.login.sessions[0].deviceLabel).toBe('Chrome · Android');
		expect(data.rescheduleRequests).toEqual([
			expect.objectContaining({
				reasonChoice: 'transport',
				reason: 'Bussen kører ikke om morgenen.',
				status: 'offered',
				offeredBy: 'Lone Berg',
				offers: [expect.objectContaining({ chosen: false }), expect.objectContaining({ chosen: false })]
			})
		]);
		// Jens (a supporter in the demo data, who uses the app) and the bisidder named here.
		expect(data.consentSupporters).toEqual([
			expect.objectContaining({ name: 'Jens Nielsen', usesTheApp: true, revokedAt: null }),
			expect.objectContaining({ name: 'Hanne Bisidder', phone: '20 30 40 50', usesTheApp: false, revokedAt: null })
		]);
		expect(data.talkTasks).toEqual([
			expect.objectContaining({ kind: 'talk_about_consent', contactPerson: 'Lone Berg', doneAt: null })
		]);
		expect(data.togetherSessions).toEqual([
			expect.objectContaining({
				professional: 'Lone Berg',
				endedBy: 'Sara Nielsen',
				events: [expect.objectContaining({ by: 'Lone Berg', kind: 'highlight', details: { target: 'goal' } })]
			})
		]);
		expect(data.notifications).toEqual([expect.objectContaining({ kind: 'meeting_offered' })]);

		const text = JSON.stringify(data);
		const [session] = await database.db.select().from(sessions).where(eq(sessions.personId, users['demo-sara'].id));
		const [invitation] = await database.db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.label, 'Søster'));
		expect(text).not.toContain(session.secretHash);
		expect(text).not.toContain(invitation.invitationHash!);
		expect(text).not.toMatch(/secretHash|invitationHash|calendarTokenHash|p256dh/);
		// Other people's data is not in it: Jonas's consent is only in Jonas's export.
		expect(text).not.toContain('helbred');
		expect(JSON.stringify(await exportOf('demo-jonas'))).toContain('helbred');
	});

	it('is only for the citizen themself', async () => {
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'export', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
		await expect(
			authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'export', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
	});

	it('the schema lists the domain’s words, and the validator catches what does not fit', async () => {
		type Items = { items: { properties: Record<string, { enum?: unknown[] }> } };
		const items = (name: string) => (exportSchema.properties[name] as Items).items.properties;
		expect(items('accessLog').role.enum).toEqual([...ROLES]);
		expect(items('accessLog').detail.enum).toEqual([...ACCESS_DETAILS, null]);
		expect(items('accessLog').outcome.enum).toEqual([...ACCESS_OUTCOMES]);
		expect(items('courses').programme.enum).toEqual([...PROGRAMMES]);
		expect(items('meetings').kind.enum).toEqual([...MEETING_KINDS]);
		expect(items('consentDecisions').kind.enum).toEqual([...CONSENT_DECISION_KINDS]);
		const $defs = exportSchema.$defs as Record<string, { enum: unknown[] }>;
		expect([...$defs.purpose.enum].sort()).toEqual([...CONSENT_PURPOSES].sort());
		expect($defs.scope.enum).toEqual([...DELEGATION_SCOPES]);

		const data = JSON.parse(JSON.stringify(await exportOf('demo-sara')));
		data.person.secret = 'x';
		data.diary[0].mood = 9;
		data.meetings[0].startsAt = 'tomorrow';
		delete data.consents;
		data.relatives[0].scopes.push('everything');
		const errors = exportSchemaErrors(data).map((e) => ({ at: e.instancePath, keyword: e.keyword, params: e.params }));
		expect(errors).toEqual(
			expect.arrayContaining([
				{ at: '/person', keyword: 'additionalProperties', params: { additionalProperty: 'secret' } },
				expect.objectContaining({ at: '/diary/0/mood', keyword: 'maximum' }),
				expect.objectContaining({ at: '/meetings/0/startsAt', keyword: 'format', params: { format: 'date-time' } }),
				{ at: '', keyword: 'required', params: { missingProperty: 'consents' } },
				expect.objectContaining({ at: expect.stringMatching(/^\/relatives\/0\/scopes\/\d$/), keyword: 'enum' })
			])
		);
	});
});

describe('FHIR R4 export', () => {
	/** The Bundle as a receiver gets it: parsed from its text. */
	const received = async (subject: string): Promise<Bundle> =>
		JSON.parse(JSON.stringify(fhirBundle(await exportOf(subject))));
	const resourceOf = <K extends Resource['resourceType']>(bundle: Bundle, type: K) =>
		bundle.entry!.find((e) => e.resource?.resourceType === type)!.resource as Extract<Resource, { resourceType: K }>;

	it.each(CITIZENS)('%s: the Bundle’s references resolve and the R4 invariants hold', async (subject) => {
		expect(checkFhirBundle(await received(subject))).toEqual([]);
	});

	it('has the Patient, CarePlan, Goal, Appointment, Consent and RelatedPerson resources', async () => {
		const bundle = await received('demo-sara');
		expect(bundle.type).toBe('collection');
		const types = new Set(bundle.entry!.map((e) => e.resource!.resourceType));
		expect([...types].sort()).toEqual(['Appointment', 'CarePlan', 'Consent', 'Goal', 'Patient', 'RelatedPerson']);
		const consent = resourceOf(await received('demo-jonas'), 'Consent');
		expect(consent.status).toBe('active');
		expect(consent.sourceAttachment!.title).toBe('consent.share_health_info_caseworker_mentor v1');
		expect(Buffer.from(consent.sourceAttachment!.data!, 'base64').toString('utf8')).toMatch(/^Jeg giver lov til/);
	});

	it('the types refuse a code outside the R4 value set; the checker finds what the types cannot say', async () => {
		// @ts-expect-error 'running' is not a CarePlan status (svelte-check fails if the types allow it).
		const status: CarePlan['status'] = 'running';
		expect(status).toBe('running');

		const bundle = await received('demo-sara');
		resourceOf(bundle, 'Goal').subject = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
		const appointment = resourceOf(bundle, 'Appointment');
		appointment.participant = [];
		delete appointment.end;
		const consent = resourceOf(bundle, 'Consent');
		delete consent.policyRule;
		delete consent.patient;
		delete (resourceOf(bundle, 'RelatedPerson') as { patient?: unknown }).patient;
		bundle.entry!.push({ ...bundle.entry![0] });
		const errors = checkFhirBundle(bundle);
		for (const expected of [
			/Goal\/.*\.subject: reference .* does not resolve/,
			/Appointment\/.*: start and end must be given together \(app-2\)/,
			/Appointment\/.*\.participant: at least one participant/,
			/Consent\/.*: a policy or a policyRule \(ppc-1\)/,
			/Consent\/.*: privacy consent without a patient \(ppc-2\)/,
			/RelatedPerson\/.*\.patient: missing/,
			/duplicate urn:uuid:.* \(bdl-7\)/
		])
			expect(
				errors.some((e) => expected.test(e)),
				`${expected} in ${errors.join('\n')}`
			).toBe(true);
	});
});

describe('requests for aktindsigt', () => {
	it('the citizen sends one; the caseworker sees it and moves it on; nobody else does', async () => {
		const caseworker = await authorize(
			database.db,
			users['demo-peter'],
			users['demo-sara'].id,
			'record_requests',
			'read'
		);
		const [request] = await requestsOf(database.db, caseworker);
		expect(request).toMatchObject({ message: 'Jeg vil gerne se mine papirer.', status: 'sent' });
		const write = await authorize(database.db, users['demo-peter'], users['demo-sara'].id, 'record_requests', 'write');
		expect((await setRequestStatus(database.db, write, request.id, 'in_progress')).status).toBe('in_progress');
		await expect(setRequestStatus(database.db, write, request.id, 'in_progress')).rejects.toMatchObject({
			code: 'conflict'
		});
		expect((await setRequestStatus(database.db, write, request.id, 'answered')).status).toBe('answered');
		await expect(
			authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'record_requests', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
		const own = await authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'record_requests', 'read');
		expect((await requestsOf(database.db, own))[0].status).toBe('answered');
	});
});
