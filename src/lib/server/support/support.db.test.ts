import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, max } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import {
	accessLog,
	consentDecisions,
	consentSupporters,
	consents,
	relativeDelegations,
	staffTasks
} from '../db/schema';
import { FATIMA_CONSENT_TEXT } from '../seed';
import { AccessDenied, authorize, caseloadOf, type Resource } from '../policy';
import type { SessionUser } from '../auth/session';
import { demoUser } from '../../../../tests/support/demo-user';
import { DomainError } from '../../errors';
import { askToTalk, contactPersonOf, markTalkDone, openTalksForStaff, openTalksOf } from './tasks';
import { caseloadPage } from '../people/caseload';
import { consentQuestionsFor, nameSupporter, removeSupporter, supporterChoices, supportersOf } from './supporters';
import { expiringSoon, letItEnd, renewSoon } from './expiry';
import { supportView } from './view';

/**
 * Supported consent against a seeded database: "I want to talk about it first" (one open task for
 * the contact person, however often pressed, until a professional marks it done), supporters who
 * may read the consent questions and nothing else, and renewing or letting a consent or a
 * relative's access end.
 */

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const SUBJECTS = [
	'demo-sara',
	'demo-ali',
	'demo-fatima',
	'demo-jonas',
	'demo-lone',
	'demo-peter',
	'demo-anne',
	'demo-jens'
];
const DAY = 86_400_000;

const own = <R extends Resource, A extends 'read' | 'write'>(subject: string, resource: R, action: A) =>
	authorize(database.db, users[subject], users[subject].id, resource, action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of SUBJECTS) users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

describe('I want to talk about it first', () => {
	it('goes to the contact person: Anne for Ali (contact person), Lone for Sara (her mentor, first in line)', async () => {
		expect((await contactPersonOf(database.db, users['demo-ali'].id))?.id).toBe(users['demo-anne'].id);
		expect((await contactPersonOf(database.db, users['demo-sara'].id))?.id).toBe(users['demo-lone'].id);
	});

	it('pressing twice, or twice at once, gives one open task for the contact person', async () => {
		const grant = await own('demo-sara', 'support_tasks', 'write');
		const input = { kind: 'talk_about_consent' as const, subject: 'share_health_info_caseworker_mentor' };
		const first = await askToTalk(database.db, grant, input);
		const second = await askToTalk(database.db, grant, input);
		const [a, b] = await Promise.all([askToTalk(database.db, grant, input), askToTalk(database.db, grant, input)]);
		expect(first.created).toBe(true);
		expect([second.created, a.created, b.created]).toEqual([false, false, false]);
		expect(new Set([first.task.id, second.task.id, a.task.id, b.task.id]).size).toBe(1);
		const rows = await database.db
			.select()
			.from(staffTasks)
			.where(and(eq(staffTasks.citizenId, users['demo-sara'].id), eq(staffTasks.subject, input.subject)));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ kind: 'talk_about_consent', assigneeId: users['demo-lone'].id, doneAt: null });
	});

	it('shows the citizen a reminder naming the person, and the contact person a task; the read is logged', async () => {
		const talks = await openTalksOf(database.db, await own('demo-sara', 'support_tasks', 'read'));
		expect(talks.map((t) => [t.purpose, t.assigneeGivenName])).toEqual([
			['share_health_info_caseworker_mentor', 'Lone']
		]);

		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		const { talks: tasks } = await caseloadPage(database.db, users['demo-lone']);
		expect(tasks.map((t) => [t.citizenName, t.kind, t.purpose])).toEqual([
			['Sara Nielsen', 'talk_about_consent', 'share_health_info_caseworker_mentor']
		]);
		const logged = await database.db
			.select()
			.from(accessLog)
			.where(gt(accessLog.id, last ?? 0));
		expect(logged.map((r) => [r.citizenId, r.actorId, r.resource])).toEqual([
			[users['demo-sara'].id, users['demo-lone'].id, 'support_tasks']
		]);
		// Peter works with Sara too, but the task is Lone's.
		expect((await caseloadPage(database.db, users['demo-peter'])).talks).toEqual([]);
		// The page lists exactly the policy's caseload, and is no one else's to see.
		const page = await caseloadPage(database.db, users['demo-lone']);
		const caseload = await caseloadOf(database.db, users['demo-lone']);
		expect(page.citizens.map((c) => c.id).sort()).toEqual([...caseload].sort());
		expect(caseload.length).toBeGreaterThan(0);
		await expect(caseloadPage(database.db, users['demo-sara'])).rejects.toBeInstanceOf(AccessDenied);
	});

	it('a talk about a relative names their access; another citizen’s access is not found and makes nothing', async () => {
		const [jens] = await database.db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, users['demo-sara'].id));
		const grant = await own('demo-sara', 'support_tasks', 'write');
		await askToTalk(database.db, grant, { kind: 'talk_about_delegation', subject: jens.id });
		await askToTalk(database.db, grant, { kind: 'talk_about_delegation', subject: 'new' });
		const staffGrant = await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'support_tasks', 'read');
		const view = await openTalksForStaff(database.db, staffGrant);
		expect(view.find((t) => t.subject === jens.id)?.relative).toBe('Far (Jens Nielsen)');
		expect(view.find((t) => t.subject === 'new')?.newRelative).toBe(true);

		const before = await database.db.select().from(staffTasks);
		const ali = await own('demo-ali', 'support_tasks', 'write');
		await expect(
			askToTalk(database.db, ali, { kind: 'talk_about_delegation', subject: jens.id })
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await database.db.select().from(staffTasks)).toHaveLength(before.length);
	});

	it('only the citizen asks, and relatives never see the tasks', async () => {
		const lone = await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'support_tasks', 'write');
		await expect(
			askToTalk(database.db, lone, { kind: 'talk_about_consent', subject: 'share_with_job_consultant' })
		).rejects.toBeInstanceOf(DomainError);
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'support_tasks', 'read')
		).rejects.toMatchObject({ reason: 'not_allowed' });
		await expect(
			authorize(database.db, users['demo-anne'], users['demo-sara'].id, 'support_tasks', 'read')
		).rejects.toMatchObject({ reason: 'no_relation' });
	});

	it('marking done ends the reminder and the task; twice changes nothing; asking again opens a new one', async () => {
		const lone = await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'support_tasks', 'write');
		const loneReads = await authorize(database.db, users['demo-lone'], users['demo-sara'].id, 'support_tasks', 'read');
		const [task] = (await openTalksForStaff(database.db, loneReads)).filter((t) => t.kind === 'talk_about_consent');
		const done = await markTalkDone(database.db, lone, task.id);
		expect(done.doneBy).toBe(users['demo-lone'].id);
		const again = await markTalkDone(database.db, lone, task.id);
		expect(again.doneAt).toEqual(done.doneAt);
		const talks = await openTalksOf(database.db, await own('demo-sara', 'support_tasks', 'read'));
		expect(talks.filter((t) => t.kind === 'talk_about_consent')).toEqual([]);

		// A task of another citizen through Sara's grant: not found.
		const ali = await own('demo-ali', 'support_tasks', 'write');
		const { task: aliTask } = await askToTalk(database.db, ali, {
			kind: 'talk_about_consent',
			subject: 'share_with_job_consultant'
		});
		expect(aliTask.assigneeId).toBe(users['demo-anne'].id);
		await expect(markTalkDone(database.db, lone, aliTask.id)).rejects.toMatchObject({ code: 'not_found' });

		const reopened = await askToTalk(database.db, await own('demo-sara', 'support_tasks', 'write'), {
			kind: 'talk_about_consent',
			subject: 'share_health_info_caseworker_mentor'
		});
		expect(reopened.created).toBe(true);
		expect(reopened.task.id).not.toBe(task.id);
	});
});

describe('supporters', () => {
	it('Jens (named in the seed) reads Sara’s consent questions, logged, and never her consents', async () => {
		const [{ last }] = await database.db.select({ last: max(accessLog.id) }).from(accessLog);
		const grant = await authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'consent_questions', 'read');
		expect(grant.relation.kind).toBe('supporter');
		const questions = await consentQuestionsFor(database.db, grant);
		expect(questions.citizenGivenName).toBe('Sara');
		expect(questions.purposes.map((p) => p.purpose)).toContain('share_health_info_caseworker_mentor');
		// The questions only: nothing about what Sara answered.
		expect(JSON.stringify(questions)).not.toMatch(/givenAt|revokedAt|textShown|expiresAt/);
		const logged = await database.db
			.select()
			.from(accessLog)
			.where(gt(accessLog.id, last ?? 0));
		expect(logged.map((r) => [r.actorId, r.actorRole, r.resource])).toEqual([
			[users['demo-jens'].id, 'relative', 'consent_questions']
		]);
		for (const resource of ['consents', 'diary', 'log', 'access_log', 'relatives'] as const)
			await expect(
				authorize(database.db, users['demo-jens'], users['demo-sara'].id, resource, 'read')
			).rejects.toBeInstanceOf(AccessDenied);
		// Not Ali's: Jens is nobody to Ali.
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-ali'].id, 'consent_questions', 'read')
		).rejects.toMatchObject({ reason: 'no_relation' });
	});

	it('names a bisidder by name and phone, and a relative once however often; both are in the history', async () => {
		const grant = await own('demo-sara', 'consents', 'write');
		const bisidder = await nameSupporter(database.db, grant, {
			relative: null,
			name: 'Hanne Bisidder',
			phone: '20 30 40 50'
		});
		expect(bisidder.supporter).toMatchObject({ name: 'Hanne Bisidder', phone: '20 30 40 50', supporterId: null });
		// Jens is already a supporter: no choice offered, and naming him again keeps one.
		expect(await supporterChoices(database.db, await own('demo-sara', 'consents', 'read'))).toEqual([]);
		const jensAgain = await nameSupporter(database.db, grant, {
			relative: users['demo-jens'].id,
			name: null,
			phone: null
		});
		expect(jensAgain.created).toBe(false);
		const list = await supportersOf(database.db, await own('demo-sara', 'consents', 'read'));
		expect(list.map((s) => s.name).sort()).toEqual(['Hanne Bisidder', 'Jens Nielsen']);
		const decisions = await database.db
			.select()
			.from(consentDecisions)
			.where(and(eq(consentDecisions.citizenId, users['demo-sara'].id), eq(consentDecisions.kind, 'supporter_named')));
		expect(decisions.map((d) => d.details.label)).toEqual(['Hanne Bisidder']);
	});

	it('a person who is not the citizen’s relative cannot be named by id; nothing is stored', async () => {
		const before = await database.db.select().from(consentSupporters);
		await expect(
			nameSupporter(database.db, await own('demo-sara', 'consents', 'write'), {
				relative: users['demo-lone'].id,
				name: null,
				phone: null
			})
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await database.db.select().from(consentSupporters)).toHaveLength(before.length);
		// Relatives and professionals cannot name supporters: the policy refuses the consents resource.
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'consents', 'write')
		).rejects.toMatchObject({ reason: 'not_allowed' });
	});

	it('removing Jens refuses his very next look at the questions', async () => {
		const [jens] = (await supportersOf(database.db, await own('demo-sara', 'consents', 'read'))).filter(
			(s) => s.supporterId === users['demo-jens'].id
		);
		await removeSupporter(database.db, await own('demo-sara', 'consents', 'write'), jens.id);
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'consent_questions', 'read')
		).rejects.toMatchObject({ reason: 'not_allowed' });
		// Twice is once; another citizen's supporter is not found.
		await removeSupporter(database.db, await own('demo-sara', 'consents', 'write'), jens.id);
		await expect(
			removeSupporter(database.db, await own('demo-ali', 'consents', 'write'), jens.id)
		).rejects.toMatchObject({ code: 'not_found' });
		const removed = await database.db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.kind, 'supporter_removed'));
		expect(removed).toHaveLength(1);
	});
});

describe('renew or let it end', () => {
	it('the seeded text of Fatima’s consent is the Danish text of its version', () => {
		const da = JSON.parse(readFileSync(path.resolve('src/lib/i18n/locales/da/consent.json'), 'utf8'));
		expect(FATIMA_CONSENT_TEXT).toBe(da.share_with_job_consultant);
	});

	it('lists what ends within 30 days, soonest first, and nothing later', async () => {
		const [jens] = await database.db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, users['demo-sara'].id));
		expect(await expiringSoon(database.db, await own('demo-sara', 'consents', 'read'))).toEqual([]);
		await database.db
			.update(relativeDelegations)
			.set({ expiresAt: new Date(Date.now() + 10 * DAY) })
			.where(eq(relativeDelegations.id, jens.id));
		const soon = await expiringSoon(database.db, await own('demo-sara', 'consents', 'read'));
		expect(soon.map((i) => [i.target, i.label, i.name, i.lettingEnd])).toEqual([
			['relative', 'Far', 'Jens Nielsen', false]
		]);
		const fatima = await expiringSoon(database.db, await own('demo-fatima', 'consents', 'read'));
		expect(fatima.map((i) => [i.target, i.purpose])).toEqual([['consent', 'share_with_job_consultant']]);
	});

	it('letting it end records the choice once and changes nothing else', async () => {
		const [item] = await expiringSoon(database.db, await own('demo-fatima', 'consents', 'read'));
		const grant = await own('demo-fatima', 'consents', 'write');
		await letItEnd(database.db, grant, 'consent', item.id);
		await letItEnd(database.db, grant, 'consent', item.id);
		const [after] = await expiringSoon(database.db, await own('demo-fatima', 'consents', 'read'));
		expect(after.lettingEnd).toBe(true);
		expect(after.expiresAt).toEqual(item.expiresAt);
		const choices = await database.db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.kind, 'consent_let_expire'));
		expect(choices.map((c) => [c.consentId, c.details.purpose])).toEqual([[item.id, 'share_with_job_consultant']]);
		// The consent is still in force until its date; the job consultant's access is unchanged.
		const [row] = await database.db.select().from(consents).where(eq(consents.id, item.id));
		expect(row.revokedAt).toBeNull();
	});

	it('renewing a consent extends it by 12 months from today and records it; it then leaves the list', async () => {
		const [item] = await expiringSoon(database.db, await own('demo-fatima', 'consents', 'read'));
		const { expiresAt } = await renewSoon(
			database.db,
			await own('demo-fatima', 'consents', 'write'),
			'consent',
			item.id
		);
		const months = (expiresAt.getTime() - Date.now()) / (30.44 * DAY);
		expect(months).toBeGreaterThan(11.5);
		expect(months).toBeLessThan(12.5);
		expect(await expiringSoon(database.db, await own('demo-fatima', 'consents', 'read'))).toEqual([]);
		const renewed = await database.db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.kind, 'consent_renewed'));
		expect(renewed.map((d) => [d.consentId, d.details.expiresAt])).toEqual([[item.id, expiresAt.toISOString()]]);
	});

	it('renewing a relative’s access uses the relatives service: 12 months and a relative_renewed decision', async () => {
		const [item] = await expiringSoon(database.db, await own('demo-sara', 'consents', 'read'));
		const { expiresAt } = await renewSoon(
			database.db,
			await own('demo-sara', 'relatives', 'write'),
			'relative',
			item.id
		);
		expect((expiresAt.getTime() - Date.now()) / (30.44 * DAY)).toBeGreaterThan(11.5);
		const renewed = await database.db
			.select()
			.from(consentDecisions)
			.where(and(eq(consentDecisions.kind, 'relative_renewed'), eq(consentDecisions.delegationId, item.id)));
		expect(renewed).toHaveLength(1);
	});

	it('a consent whose text has a newer version is not renewed (read the new text); nothing changes', async () => {
		const [jonas] = await database.db.select().from(consents).where(eq(consents.citizenId, users['demo-jonas'].id));
		const soon = new Date(Date.now() + 5 * DAY);
		await database.db.update(consents).set({ expiresAt: soon, textVersion: 0 }).where(eq(consents.id, jonas.id));
		await expect(
			renewSoon(database.db, await own('demo-jonas', 'consents', 'write'), 'consent', jonas.id)
		).rejects.toMatchObject({ code: 'stale' });
		const [row] = await database.db.select().from(consents).where(eq(consents.id, jonas.id));
		expect(row.expiresAt).toEqual(soon);
	});

	it('another citizen’s consent cannot be renewed or let end through one’s own grant', async () => {
		const [jonas] = await database.db.select().from(consents).where(eq(consents.citizenId, users['demo-jonas'].id));
		await expect(
			renewSoon(database.db, await own('demo-ali', 'consents', 'write'), 'consent', jonas.id)
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			letItEnd(database.db, await own('demo-ali', 'consents', 'write'), 'consent', jonas.id)
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the citizen looking as a relative gets none of it', async () => {
		const [jens] = await database.db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, users['demo-sara'].id));
		const grant = await authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'plan', 'read', {
			viewAs: jens.id
		});
		await expect(supportView(database.db, grant)).rejects.toBeInstanceOf(DomainError);
		await expect(
			authorize(database.db, users['demo-sara'], users['demo-sara'].id, 'consents', 'write', { viewAs: jens.id })
		).rejects.toMatchObject({ reason: 'not_allowed' });
	});
});
