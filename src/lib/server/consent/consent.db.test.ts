import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-helpers';
import type { OpenDatabase } from '../db';
import { consentDecisions, consents } from '../db/schema';
import { JONAS_CONSENT_TEXT } from '../seed';
import { AccessDenied, authorize, canRead } from '../policy';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../../errors';
import { consentOverview, giveConsent, withdrawConsent } from './service';
import { decisionsOf, historyOf } from './decisions';
import { demoUser } from '../../../../tests/support/demo-user';

let database: OpenDatabase;
const users: Record<string, SessionUser> = {};
const own = <A extends 'read' | 'write'>(subject: string, action: A) =>
	authorize(database.db, users[subject], users[subject].id, 'consents', action);

beforeAll(async () => {
	database = await createTestDb({ seeded: true });
	for (const s of ['demo-jonas', 'demo-lone', 'demo-peter', 'demo-sara', 'demo-jens', 'demo-ali', 'demo-karim'])
		users[s] = await demoUser(database.db, s);
});
afterAll(async () => database?.close());

describe('consents', () => {
	it('shows what is in force, with the parties, the text shown and its version', async () => {
		const view = await consentOverview(database.db, await own('demo-jonas', 'read'));
		expect(view.inForce).toHaveLength(1);
		expect(view.inForce[0]).toMatchObject({
			purpose: 'share_health_info_caseworker_mentor',
			from: { name: 'Peter Holm', role: 'caseworker' },
			to: { name: 'Lone Berg', role: 'mentor' },
			textKey: 'consent.share_health_info_caseworker_mentor',
			textVersion: 1,
			textShown: JONAS_CONSENT_TEXT
		});
		// Jonas has no job consultant and no relative: nothing else can be given, and the given one is not offered again.
		expect(view.offers).toEqual([]);
	});

	it('withdrawing takes effect on the mentor’s very next request, with a receipt and a history row', async () => {
		expect(await canRead(database.db, users['demo-lone'], users['demo-jonas'].id, 'health_info')).toBe(true);
		const [consent] = (await consentOverview(database.db, await own('demo-jonas', 'read'))).inForce;
		const result = await withdrawConsent(database.db, await own('demo-jonas', 'write'), consent.id);
		expect(result.created).toBe(true);
		expect(result.receipt.number).toMatch(/^K-\d{8}-\d{4}$/);
		await expect(
			authorize(database.db, users['demo-lone'], users['demo-jonas'].id, 'health_info', 'read')
		).rejects.toMatchObject({ reason: 'consent_missing' });
		// Still the mentor: the plan is not affected.
		expect(await canRead(database.db, users['demo-lone'], users['demo-jonas'].id, 'plan')).toBe(true);

		// Twice is the same receipt, not a second withdrawal.
		const again = await withdrawConsent(database.db, await own('demo-jonas', 'write'), consent.id);
		expect(again).toMatchObject({ created: false, receipt: { number: result.receipt.number } });
		const history = await decisionsOf(database.db, users['demo-jonas'].id);
		expect(history.filter((d) => d.kind === 'consent_withdrawn')).toHaveLength(1);

		const view = await consentOverview(database.db, await own('demo-jonas', 'read'));
		expect(view.inForce).toEqual([]);
		expect(view.ended[0]).toMatchObject({ id: consent.id, inForce: false });
		expect(view.offers.map((o) => o.purpose)).toEqual(['share_health_info_caseworker_mentor']);
	});

	it('giving a consent records the exact text, key, version, who and when; giving it twice adds nothing', async () => {
		const write = await own('demo-jonas', 'write');
		const input = {
			purpose: 'share_health_info_caseworker_mentor' as const,
			fromPartyId: users['demo-peter'].id,
			toPartyId: users['demo-lone'].id,
			textKey: 'consent.share_health_info_caseworker_mentor_easy',
			textVersion: 1,
			textShown: 'Min sagsbehandler må fortælle min mentor om mit helbred.'
		};
		const at = new Date('2026-11-25T09:30:00Z');
		const given = await giveConsent(database.db, write, input, at);
		expect(given.created).toBe(true);
		const [row] = await database.db.select().from(consents).where(eq(consents.id, given.consent.id));
		expect(row).toMatchObject({ textKey: input.textKey, textVersion: 1, textShown: input.textShown, givenAt: at });
		expect(await canRead(database.db, users['demo-lone'], users['demo-jonas'].id, 'health_info')).toBe(true);
		expect((await giveConsent(database.db, write, input)).created).toBe(false);

		const [decision] = await database.db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.consentId, given.consent.id));
		expect(decision).toMatchObject({ kind: 'consent_given', actorId: users['demo-jonas'].id, at });
	});

	it('refuses an old text version, a party who is not around the citizen, and anyone but the citizen', async () => {
		const write = await own('demo-jonas', 'write');
		const base = {
			purpose: 'share_health_info_caseworker_mentor' as const,
			fromPartyId: users['demo-peter'].id,
			toPartyId: users['demo-lone'].id,
			textKey: 'consent.share_health_info_caseworker_mentor',
			textVersion: 1,
			textShown: 'x'
		};
		await expect(giveConsent(database.db, write, { ...base, textVersion: 0 })).rejects.toMatchObject({ code: 'stale' });
		await expect(
			giveConsent(database.db, write, { ...base, toPartyId: users['demo-karim'].id })
		).rejects.toBeInstanceOf(DomainError);
		await expect(
			authorize(database.db, users['demo-lone'], users['demo-jonas'].id, 'consents', 'read')
		).rejects.toBeInstanceOf(AccessDenied);
		// A relative never sees the citizen's consents.
		await expect(
			authorize(database.db, users['demo-jens'], users['demo-sara'].id, 'consents', 'read')
		).rejects.toMatchObject({
			reason: 'not_allowed'
		});
		// Another citizen's consent cannot be withdrawn.
		const [jonasConsent] = await database.db
			.select()
			.from(consents)
			.where(eq(consents.citizenId, users['demo-jonas'].id));
		await expect(withdrawConsent(database.db, await own('demo-ali', 'write'), jonasConsent.id)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('offers a relative-consent only for relatives whose access is in force', async () => {
		const view = await consentOverview(database.db, await own('demo-sara', 'read'));
		const relative = view.offers.find((o) => o.purpose === 'relative_joins_network_meetings');
		expect(relative?.pairs.map((p) => p.to.name)).toEqual(['Jens Nielsen']);
		// Ali has a job consultant and a caseworker: the job-consultant consent is offered.
		const ali = await consentOverview(database.db, await own('demo-ali', 'read'));
		expect(ali.offers.find((o) => o.purpose === 'share_with_job_consultant')?.pairs[0]).toMatchObject({
			from: { name: 'Peter Holm' },
			to: { name: 'Karim Said' }
		});
	});
});

describe('history', () => {
	it('tells the seeded decisions by their dates, and recorded ones once, newest first', async () => {
		const jonas = await historyOf(database.db, users['demo-jonas'].id);
		const kinds = jonas.map((h) => h.kind);
		// Seeded consent (given, then withdrawn above) and the new one given above.
		expect(kinds.filter((k) => k === 'consent_given')).toHaveLength(2);
		expect(kinds.filter((k) => k === 'consent_withdrawn')).toHaveLength(1);
		expect(jonas.map((h) => h.at.getTime())).toEqual([...jonas.map((h) => h.at.getTime())].sort((a, b) => b - a));

		const sara = await historyOf(database.db, users['demo-sara'].id);
		expect(sara.map((h) => [h.kind, h.label, h.actorName]).reverse()).toEqual([
			['relative_invited', 'Far', 'Sara Nielsen'],
			['relative_accepted', 'Far', 'Jens Nielsen'],
			['relative_confirmed', 'Far', 'Sara Nielsen']
		]);
	});
});
