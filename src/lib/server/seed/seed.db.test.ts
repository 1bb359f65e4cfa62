import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db/index';
import {
	careAssignments,
	consentSupporters,
	consents,
	coursePhases,
	courses,
	crisisContacts,
	crisisPlans,
	diaryEntries,
	diaryShares,
	goals,
	loginIdentities,
	meetingParticipants,
	meetings,
	organisationContacts,
	organisations,
	people,
	personRoles,
	personSettings,
	planPeriods,
	relativeDelegations,
	subgoalNotes,
	subgoals,
	subgoalSuggestions,
	logEntries
} from '../db/schema';
import { PROGRAMMES } from '../../domain';
import { phasePlan } from '../../programmes';
import { SEEDED_DEMO_PEOPLE as DEMO_PEOPLE } from './demo-people';
import { FATIMA_CONSENT_TEXT, seedDemo } from './index';
import { diaryContentHash } from './write-citizen';

const ISSUER = 'http://127.0.0.1:5174';
const CITIZENS = ['demo-sara', 'demo-ali', 'demo-mette', 'demo-jonas', 'demo-fatima'];

describe('seedDemo', () => {
	let database: OpenDatabase;
	const now = new Date();
	const ids = new Map<string, string>();

	beforeAll(async () => {
		database = await createTestDb();
		const result = await seedDemo(database.db, { issuer: ISSUER, now });
		expect(result).toEqual({ created: true });
		const rows = await database.db
			.select({ personId: loginIdentities.personId, subject: loginIdentities.subject })
			.from(loginIdentities)
			.where(eq(loginIdentities.issuer, ISSUER));
		for (const row of rows) ids.set(row.subject, row.personId);
	});
	afterAll(async () => database?.close());

	const idOf = (subject: string) => {
		const id = ids.get(subject);
		if (!id) throw new Error(`no person for ${subject}`);
		return id;
	};

	it('creates exactly one course per programme, each with phases from its template', async () => {
		const rows = await database.db.select().from(courses);
		expect(rows.map((c) => c.programme).sort()).toEqual([...PROGRAMMES].sort());
		const expected: Record<string, string> = {
			'demo-sara': 'mestringsforloeb',
			'demo-ali': 'jobrettet_rehabilitering',
			'demo-mette': 'mestringsvejledning',
			'demo-jonas': 'ressourceforloeb',
			'demo-fatima': 'paa_vej_til_arbejde'
		};
		for (const [subject, programme] of Object.entries(expected)) {
			const course = rows.find((c) => c.citizenId === idOf(subject));
			expect(course?.programme, subject).toBe(programme);
		}
		expect(rows.find((c) => c.programme === 'jobrettet_rehabilitering')?.variant).toBe('9_months');

		for (const course of rows) {
			const phases = await database.db
				.select()
				.from(coursePhases)
				.where(eq(coursePhases.courseId, course.id))
				.orderBy(coursePhases.position);
			const plan = phasePlan(course.programme, course.variant, course.startsOn);
			expect(phases.map((p) => [p.key, p.startsOn, p.endsOn])).toEqual(plan.map((p) => [p.key, p.startsOn, p.endsOn]));
			// Started 1–4 months ago.
			const daysAgo = (now.getTime() - new Date(`${course.startsOn}T12:00:00Z`).getTime()) / 86_400_000;
			expect(daysAgo, course.programme).toBeGreaterThan(25);
			expect(daysAgo, course.programme).toBeLessThan(125);
		}
	});

	it('gives every demo person a login identity at the issuer, a role and settings', async () => {
		expect([...ids.keys()].sort()).toEqual(DEMO_PEOPLE.map((p) => p.subject).sort());
		const [{ n: peopleCount }] = await database.db.select({ n: count() }).from(people);
		expect(peopleCount).toBe(DEMO_PEOPLE.length);
		const roles = await database.db.select().from(personRoles);
		for (const demo of DEMO_PEOPLE) {
			const role = roles.find((r) => r.personId === idOf(demo.subject));
			expect(role?.role, demo.subject).toBe(demo.role);
			const professional = !['citizen', 'relative'].includes(demo.role);
			expect(role?.organisationId !== null, demo.subject).toBe(professional);
		}
		const [{ n: settingsCount }] = await database.db.select({ n: count() }).from(personSettings);
		expect(settingsCount).toBe(DEMO_PEOPLE.length);
	});

	it('ties professionals to organisations with contact details and contact lists', async () => {
		const orgs = await database.db.select().from(organisations);
		expect(orgs.map((o) => o.kind).sort()).toEqual([
			'cbr',
			'disability_organisation',
			'jobcentre',
			'municipality',
			'psychiatry_centre'
		]);
		for (const org of orgs) expect(org.videoHostAllowlist).toContain('video.kommune.dk');
		const contacts = await database.db.select().from(organisationContacts);
		expect(contacts.some((c) => c.name === 'Livslinien' && c.phone === '70 201 201')).toBe(true);
		// Every seeded line is one the app knows: its texts come in every language (src/lib/crisis/lines.ts).
		expect(contacts.filter((c) => c.textKey === null)).toEqual([]);
		expect(contacts.find((c) => c.name === 'Livslinien')?.textKey).toBe('livslinien');
		const [lone] = await database.db
			.select()
			.from(people)
			.where(eq(people.id, idOf('demo-lone')));
		expect(lone.availability).toBe('Mandag–torsdag kl. 9–15');
		expect(lone.phone).toBeTruthy();
	});

	it('assigns the team to each citizen and nobody to Nina', async () => {
		const assignments = await database.db.select().from(careAssignments);
		const pairs = assignments.map(
			(a) =>
				`${a.role}:${[...ids].find(([, id]) => id === a.professionalId)?.[0]}→${[...ids].find(([, id]) => id === a.citizenId)?.[0]}`
		);
		expect(pairs.sort()).toEqual(
			[
				'mentor:demo-lone→demo-sara',
				'mentor:demo-lone→demo-jonas',
				'caseworker:demo-peter→demo-sara',
				'caseworker:demo-peter→demo-ali',
				'caseworker:demo-peter→demo-mette',
				'caseworker:demo-peter→demo-jonas',
				'caseworker:demo-peter→demo-fatima',
				'contact_person:demo-anne→demo-ali',
				'job_consultant:demo-karim→demo-ali',
				'job_consultant:demo-karim→demo-fatima',
				'support_worker:demo-birgitte→demo-mette',
				'resource_consultant:demo-henrik→demo-fatima'
			].sort()
		);
		const nina = assignments.filter((a) => a.professionalId === idOf('demo-nina'));
		expect(nina).toEqual([]);
	});

	it('gives Jens an active delegation for Sara with exactly plan and meetings', async () => {
		const rows = await database.db.select().from(relativeDelegations);
		expect(rows).toHaveLength(1);
		const [delegation] = rows;
		expect(delegation.citizenId).toBe(idOf('demo-sara'));
		expect(delegation.relativeId).toBe(idOf('demo-jens'));
		expect(delegation.status).toBe('active');
		expect([...delegation.scopes].sort()).toEqual(['meetings', 'plan']);
		expect(delegation.label).toBe('Far');
		expect(delegation.confirmedAt).not.toBeNull();
		expect(delegation.revokedAt).toBeNull();
		const months = (delegation.expiresAt.getTime() - now.getTime()) / (30.44 * 86_400_000);
		expect(months).toBeGreaterThan(11.5);
		expect(months).toBeLessThan(12.5);
	});

	it("records Jonas's consent to share health information from Peter to Lone", async () => {
		const rows = await database.db
			.select()
			.from(consents)
			.where(eq(consents.citizenId, idOf('demo-jonas')));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			citizenId: idOf('demo-jonas'),
			purpose: 'share_health_info_caseworker_mentor',
			fromPartyId: idOf('demo-peter'),
			toPartyId: idOf('demo-lone'),
			textKey: 'consent.share_health_info_caseworker_mentor',
			textVersion: 1,
			revokedAt: null
		});
		expect(rows[0].textShown).toMatch(/helbred/);
	});

	it("records Fatima's consent for her job consultant, ending within 30 days, with the exact text", async () => {
		const rows = await database.db
			.select()
			.from(consents)
			.where(eq(consents.citizenId, idOf('demo-fatima')));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			purpose: 'share_with_job_consultant',
			fromPartyId: idOf('demo-peter'),
			toPartyId: idOf('demo-karim'),
			textVersion: 1,
			textShown: FATIMA_CONSENT_TEXT,
			revokedAt: null
		});
		const days = (rows[0].expiresAt!.getTime() - now.getTime()) / 86_400_000;
		expect(days).toBeGreaterThan(0);
		expect(days).toBeLessThanOrEqual(30);
		expect(await database.db.select().from(consents)).toHaveLength(2);
	});

	it('names Jens as the supporter who helps Sara with consent questions', async () => {
		const rows = await database.db.select().from(consentSupporters);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			citizenId: idOf('demo-sara'),
			supporterId: idOf('demo-jens'),
			name: 'Jens Nielsen',
			revokedAt: null
		});
	});

	for (const subject of CITIZENS) {
		describe(subject, () => {
			it('has 2–4 goals with 2–4 delmål each, exactly one delmål in focus and a pending suggestion', async () => {
				const citizenGoals = await database.db
					.select()
					.from(goals)
					.innerJoin(courses, eq(goals.courseId, courses.id))
					.where(eq(courses.citizenId, idOf(subject)));
				expect(citizenGoals.length).toBeGreaterThanOrEqual(2);
				expect(citizenGoals.length).toBeLessThanOrEqual(4);
				const goalIds = citizenGoals.map((g) => g.goals.id);
				for (const g of citizenGoals)
					expect(g.goals.whyItMatters && g.goals.titleEasy && g.goals.ownWords).toBeTruthy();
				const rows = await database.db.select().from(subgoals).where(inArray(subgoals.goalId, goalIds));
				for (const goalId of goalIds) {
					const n = rows.filter((s) => s.goalId === goalId).length;
					expect(n).toBeGreaterThanOrEqual(2);
					expect(n).toBeLessThanOrEqual(4);
				}
				expect(rows.filter((s) => s.inFocus)).toHaveLength(1);
				expect(new Set(rows.map((s) => s.status)).size).toBeGreaterThanOrEqual(2);
				const suggestions = await database.db
					.select()
					.from(subgoalSuggestions)
					.where(inArray(subgoalSuggestions.goalId, goalIds));
				expect(suggestions.filter((s) => s.status === 'pending')).toHaveLength(1);
			});

			it('has at least one upcoming meeting with the citizen invited, and past meetings with what was agreed', async () => {
				const rows = await database.db
					.select()
					.from(meetings)
					.where(eq(meetings.citizenId, idOf(subject)));
				const upcoming = rows.filter((m) => m.startsAt.getTime() > now.getTime());
				expect(upcoming.length).toBeGreaterThanOrEqual(1);
				for (const m of upcoming) expect(m.status).not.toBe('held');
				const held = rows.filter((m) => m.status === 'held');
				expect(held.length).toBeGreaterThanOrEqual(1);
				for (const m of held) expect(m.startsAt.getTime()).toBeLessThan(now.getTime());
				expect(held.some((m) => m.agreed)).toBe(true);
				const invited = await database.db
					.select()
					.from(meetingParticipants)
					.where(
						and(
							eq(meetingParticipants.personId, idOf(subject)),
							inArray(
								meetingParticipants.meetingId,
								upcoming.map((m) => m.id)
							)
						)
					);
				expect(invited).toHaveLength(upcoming.length);
			});

			it('has 6–10 diary entries with content hashes, some shared', async () => {
				const entries = await database.db
					.select()
					.from(diaryEntries)
					.where(eq(diaryEntries.citizenId, idOf(subject)));
				expect(entries.length).toBeGreaterThanOrEqual(6);
				expect(entries.length).toBeLessThanOrEqual(10);
				for (const e of entries) {
					expect(e.contentHash).toBe(diaryContentHash(e.mood, e.text));
					expect(e.mood).toBeGreaterThanOrEqual(1);
					expect(e.mood).toBeLessThanOrEqual(5);
					expect(e.writtenFor.getTime()).toBeLessThanOrEqual(now.getTime());
				}
				const shares = await database.db
					.select()
					.from(diaryShares)
					.where(
						inArray(
							diaryShares.entryId,
							entries.map((e) => e.id)
						)
					);
				expect(shares.length).toBeGreaterThanOrEqual(1);
			});

			it('has 3–5 log entries, some read and some unread, and a crisis plan with contacts', async () => {
				const log = await database.db
					.select()
					.from(logEntries)
					.where(eq(logEntries.citizenId, idOf(subject)));
				expect(log.length).toBeGreaterThanOrEqual(3);
				expect(log.length).toBeLessThanOrEqual(5);
				expect(log.some((l) => l.readByCitizenAt)).toBe(true);
				expect(log.some((l) => !l.readByCitizenAt)).toBe(true);
				const plan = await database.db
					.select()
					.from(crisisPlans)
					.where(eq(crisisPlans.citizenId, idOf(subject)));
				expect(plan).toHaveLength(1);
				const contacts = await database.db
					.select()
					.from(crisisContacts)
					.where(eq(crisisContacts.citizenId, idOf(subject)));
				expect(contacts.length).toBeGreaterThanOrEqual(1);
			});
		});
	}

	it('writes the meetings the programmes are known for', async () => {
		const rows = await database.db.select().from(meetings);
		const kindsOf = (subject: string) => rows.filter((m) => m.citizenId === idOf(subject)).map((m) => m.kind);
		expect(kindsOf('demo-fatima')).toContain('netvaerksmoede');
		expect(kindsOf('demo-jonas')).toContain('trepartsmoede');
		expect(kindsOf('demo-ali')).toContain('intro_og_plan');
		const video = rows.find(
			(m) => m.citizenId === idOf('demo-mette') && m.kind === 'video_bostoette' && m.startsAt.getTime() > now.getTime()
		);
		expect(video?.videoUrl).toBe('https://video.kommune.dk/rum/mette-birgitte');
		expect(video?.phone).toBeTruthy();
	});

	it('gives Fatima two plan periods between network meetings', async () => {
		const [course] = await database.db
			.select()
			.from(courses)
			.where(eq(courses.citizenId, idOf('demo-fatima')));
		const periods = await database.db
			.select()
			.from(planPeriods)
			.where(eq(planPeriods.courseId, course.id))
			.orderBy(planPeriods.startsOn);
		expect(periods).toHaveLength(2);
		expect(periods[0].endsOn).toBe(periods[1].startsOn);
		for (const p of periods) expect(p.status && p.statusEasy).toBeTruthy();
	});

	it('keeps delmål notes with client-made ids', async () => {
		const notes = await database.db.select().from(subgoalNotes);
		expect(notes.length).toBeGreaterThanOrEqual(5);
		for (const note of notes)
			expect(note.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('does nothing the second time', async () => {
		const tables = [people, courses, meetings, diaryEntries, organisations, loginIdentities] as const;
		const before = await Promise.all(tables.map(async (t) => (await database.db.select({ n: count() }).from(t))[0].n));
		expect(await seedDemo(database.db, { issuer: ISSUER })).toEqual({ created: false });
		expect(await seedDemo(database.db, { issuer: 'https://other.example' })).toEqual({ created: false });
		const after = await Promise.all(tables.map(async (t) => (await database.db.select({ n: count() }).from(t))[0].n));
		expect(after).toEqual(before);
	});
});
