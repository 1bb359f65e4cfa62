// Demo data for development and demonstrations: fictitious people of the fictitious Ådal Kommune,
// one citizen per programme. Relative imports only: scripts/seed.ts runs this under tsx, outside Vite.

import { count, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import {
	consentSupporters,
	consents,
	loginIdentities,
	organisationContacts,
	organisations,
	people,
	personRoles,
	personSettings,
	relativeDelegations
} from '../db/schema';
import { ali } from './citizens/ali';
import { fatima } from './citizens/fatima';
import { jonas } from './citizens/jonas';
import { mette } from './citizens/mette';
import { sara } from './citizens/sara';
import { SEEDED_DEMO_PEOPLE } from './demo-people';
import { ORGANISATIONS, PRIVATE_PHONES, STAFF } from './organisations';
import { seedClock } from './time';
import type { CitizenSeed, OrgKey } from './types';
import { writeCitizen, type SeedContext } from './write-citizen';

/** The Danish consent text Jonas was shown (consent.share_health_info_caseworker_mentor, version 1). */
export const JONAS_CONSENT_TEXT =
	'Jeg giver lov til, at min sagsbehandler må fortælle min mentor om mit helbred. ' +
	'Det kan for eksempel være en diagnose. ' +
	'Det skal hjælpe min mentor med at støtte mig på den rigtige måde. ' +
	'Jeg kan altid trække min tilladelse tilbage.';

/** The Danish consent text Fatima was shown (consent.share_with_job_consultant, version 1). */
export const FATIMA_CONSENT_TEXT =
	'Jeg giver lov til, at min sagsbehandler må fortælle min jobkonsulent om min plan og mine mål. ' +
	'Det skal hjælpe jobkonsulenten med at finde et job eller en praktik, der passer til mig. ' +
	'Jeg kan altid trække min tilladelse tilbage.';

/** Fatima's consent to her job consultant ends this many days after the seed: "renew or let it end". */
const FATIMA_CONSENT_ENDS_IN_DAYS = 20;

/**
 * Fills an empty database with the demo. Does nothing when there are people already,
 * so it is safe to run on every start of a development server.
 */
export async function seedDemo(db: Db, opts: { issuer: string; now?: Date }): Promise<{ created: boolean }> {
	const clock = seedClock(opts.now ?? new Date());

	return db.transaction(async (tx) => {
		// Two seeds started at once: the second waits here and then finds the first one's people.
		await tx.execute(sql`lock table people in share row exclusive mode`);
		const [{ n }] = await tx.select({ n: count() }).from(people);
		if (n > 0) return { created: false };

		// Organisations and their contact lists.
		const orgIds = new Map<OrgKey, string>();
		for (const [key, org] of Object.entries(ORGANISATIONS) as Array<[OrgKey, (typeof ORGANISATIONS)[OrgKey]]>) {
			const [row] = await tx
				.insert(organisations)
				.values({ name: org.name, kind: org.kind, phone: org.phone, videoHostAllowlist: org.videoHostAllowlist })
				.returning({ id: organisations.id });
			orgIds.set(key, row.id);
			await tx
				.insert(organisationContacts)
				.values(org.contacts.map((contact) => ({ organisationId: row.id, ...contact })));
		}
		const organisationId = (key: OrgKey) => orgIds.get(key)!;

		// Every demo person, with a role, a login identity and settings.
		const personIds = new Map<string, string>();
		// Unlinked demo people (Karen) are known only to the identity provider: they come in by invitation.
		for (const demo of SEEDED_DEMO_PEOPLE) {
			const staff = STAFF[demo.subject];
			const [row] = await tx
				.insert(people)
				.values({
					displayName: demo.displayName,
					givenName: demo.givenName,
					phone: staff?.phone ?? PRIVATE_PHONES[demo.subject] ?? null,
					email: staff?.email ?? null,
					availability: staff?.availability ?? null
				})
				.returning({ id: people.id });
			personIds.set(demo.subject, row.id);
			await tx.insert(personRoles).values(
				[staff?.organisation ?? null, ...(staff?.alsoAdministers ?? [])].map((org) => ({
					personId: row.id,
					role: demo.role,
					organisationId: org ? organisationId(org) : null
				}))
			);
			await tx.insert(loginIdentities).values({ personId: row.id, issuer: opts.issuer, subject: demo.subject });
		}
		const personId = (subject: string) => {
			const id = personIds.get(subject);
			if (!id) throw new Error(`Seed: unknown demo person ${subject}`);
			return id;
		};

		// One citizen per programme.
		const citizens: CitizenSeed[] = [sara(clock), ali(clock), mette(clock), jonas(clock), fatima(clock)];
		const ctx: SeedContext = { tx, clock, personId, organisationId };
		for (const citizen of citizens) await writeCitizen(ctx, citizen);

		// Reading and language settings; citizens may have their own.
		const settingsOf = new Map(citizens.map((c) => [c.subject, c.settings ?? {}]));
		await tx
			.insert(personSettings)
			.values(
				SEEDED_DEMO_PEOPLE.map((demo) => ({ personId: personId(demo.subject), ...settingsOf.get(demo.subject) }))
			);

		// Jens may see Sara's plan and meetings: an active, confirmed delegation for a year.
		const invitedAt = clock.ago(62, '18:00');
		const expiresAt = new Date(clock.now);
		expiresAt.setUTCMonth(expiresAt.getUTCMonth() + 12);
		await tx.insert(relativeDelegations).values({
			citizenId: personId('demo-sara'),
			relativeId: personId('demo-jens'),
			label: 'Far',
			scopes: ['plan', 'meetings'],
			status: 'active',
			invitationHash: null,
			invitationExpiresAt: null,
			acceptedAt: clock.ago(61, '20:15'),
			confirmedAt: clock.ago(61, '20:40'),
			expiresAt,
			createdAt: invitedAt,
			updatedAt: clock.ago(61, '20:40')
		});

		// Jonas lets his caseworker share health information with his mentor.
		await tx.insert(consents).values({
			citizenId: personId('demo-jonas'),
			purpose: 'share_health_info_caseworker_mentor',
			fromPartyId: personId('demo-peter'),
			toPartyId: personId('demo-lone'),
			textKey: 'consent.share_health_info_caseworker_mentor',
			textVersion: 1,
			textShown: JONAS_CONSENT_TEXT,
			givenAt: clock.ago(10, '10:30'),
			createdAt: clock.ago(10, '10:30'),
			updatedAt: clock.ago(10, '10:30')
		});

		// Fatima let her caseworker tell her job consultant about her plan, for a year that ends soon.
		await tx.insert(consents).values({
			citizenId: personId('demo-fatima'),
			purpose: 'share_with_job_consultant',
			fromPartyId: personId('demo-peter'),
			toPartyId: personId('demo-karim'),
			textKey: 'consent.share_with_job_consultant',
			textVersion: 1,
			textShown: FATIMA_CONSENT_TEXT,
			givenAt: clock.ago(345, '13:00'),
			expiresAt: clock.fromNow(FATIMA_CONSENT_ENDS_IN_DAYS),
			createdAt: clock.ago(345, '13:00'),
			updatedAt: clock.ago(345, '13:00')
		});

		// Sara asked her father to help her with consent questions (he sees the questions, not her data).
		await tx.insert(consentSupporters).values({
			citizenId: personId('demo-sara'),
			supporterId: personId('demo-jens'),
			name: 'Jens Nielsen',
			phone: PRIVATE_PHONES['demo-jens'] ?? null,
			createdAt: clock.ago(40, '19:00'),
			updatedAt: clock.ago(40, '19:00')
		});

		return { created: true };
	});
}
