import { asc, eq } from 'drizzle-orm';
import type { Consent } from '@medplum/fhirtypes';
import { consentDecisions, consents } from '../db/schema';
import { exportSection, iso } from '../export/section';
import { base64, consentBase, fhirEntry, LOCAL, present } from '../export/fhir-util';

/**
 * The consents, with the very text the citizen was shown. In FHIR a Consent each, active while
 * neither revoked nor expired.
 */
export const consentsSection = exportSection({
	async load({ db, citizenId }) {
		const consentRows = await db
			.select()
			.from(consents)
			.where(eq(consents.citizenId, citizenId))
			.orderBy(asc(consents.givenAt));
		return {
			mentions: consentRows.flatMap((c) => [c.fromPartyId, c.toPartyId]),
			json: (nameOf) => ({
				consents: consentRows.map((c) => ({
					id: c.id,
					purpose: c.purpose,
					from: nameOf(c.fromPartyId),
					to: nameOf(c.toPartyId),
					textKey: c.textKey,
					textVersion: c.textVersion,
					textShown: c.textShown,
					givenAt: c.givenAt.toISOString(),
					expiresAt: iso(c.expiresAt),
					revokedAt: iso(c.revokedAt)
				}))
			})
		};
	},
	fhir: ({ consents }, { patientId, now }) =>
		consents.map((consent) => {
			const inForce = !consent.revokedAt && (!consent.expiresAt || Date.parse(consent.expiresAt) > now.getTime());
			return fhirEntry<Consent>(consent.id, {
				...consentBase(patientId, inForce ? 'active' : 'inactive', consent.givenAt),
				sourceAttachment: {
					contentType: 'text/plain; charset=utf-8',
					title: `${consent.textKey} v${consent.textVersion}`,
					data: base64(consent.textShown)
				},
				provision: {
					type: 'permit',
					period: { start: consent.givenAt, end: consent.revokedAt ?? consent.expiresAt ?? undefined },
					actor: present([
						consent.from
							? {
									role: {
										coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'INF' }]
									},
									reference: { display: consent.from }
								}
							: null,
						{
							role: {
								coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }]
							},
							reference: { display: consent.to ?? '' }
						}
					]),
					purpose: [{ system: `${LOCAL}/consent-purpose`, code: consent.purpose }]
				}
			});
		})
});

/** Every decision about consent and relatives' access: who did what, when. */
export const consentDecisionsSection = exportSection({
	async load({ db, citizenId }) {
		const decisionRows = await db
			.select()
			.from(consentDecisions)
			.where(eq(consentDecisions.citizenId, citizenId))
			.orderBy(asc(consentDecisions.at), asc(consentDecisions.id));
		return {
			mentions: decisionRows.map((d) => d.actorId),
			json: (nameOf) => ({
				consentDecisions: decisionRows.map((d) => ({
					kind: d.kind,
					by: nameOf(d.actorId),
					consentId: d.consentId,
					delegationId: d.delegationId,
					details: d.details,
					at: d.at.toISOString()
				}))
			})
		};
	}
});
