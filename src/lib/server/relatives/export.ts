import { asc, eq } from 'drizzle-orm';
import type { Consent, RelatedPerson } from '@medplum/fhirtypes';
import { relativeDelegations } from '../db/schema';
import { exportSection, iso } from '../export/section';
import { consentBase, fhirEntry, LOCAL, ref, uuidFrom } from '../export/fhir-util';
import { citizenViewState } from './service';

/**
 * The relatives the citizen invited, what each may see and how far the invitation got (never the
 * invitation's key). In FHIR a RelatedPerson and a Consent (the access) per relative who accepted.
 */
export const relativesSection = exportSection({
	async load({ db, citizenId, now }) {
		const delegationRows = await db
			.select()
			.from(relativeDelegations)
			.where(eq(relativeDelegations.citizenId, citizenId))
			.orderBy(asc(relativeDelegations.createdAt));
		return {
			mentions: delegationRows.map((d) => d.relativeId),
			json: (nameOf) => ({
				relatives: delegationRows.map((d) => ({
					id: d.id,
					label: d.label,
					name: nameOf(d.relativeId),
					scopes: [...d.scopes],
					state: citizenViewState(d, now),
					invitedAt: d.createdAt.toISOString(),
					acceptedAt: iso(d.acceptedAt),
					confirmedAt: iso(d.confirmedAt),
					expiresAt: d.expiresAt.toISOString(),
					revokedAt: iso(d.revokedAt)
				}))
			})
		};
	},
	fhir: ({ relatives }, { patientId, patientName }) =>
		relatives.flatMap((relative) => {
			if (!relative.name) return []; // An invitation nobody has accepted names no person yet.
			const status = relative.state === 'active' ? 'active' : relative.state === 'accepted' ? 'proposed' : 'inactive';
			return [
				fhirEntry<RelatedPerson>(relative.id, {
					resourceType: 'RelatedPerson',
					active: relative.state === 'active',
					patient: ref(patientId, patientName),
					relationship: [{ text: relative.label }],
					name: [{ text: relative.name }],
					period: {
						start: relative.confirmedAt ?? relative.acceptedAt ?? undefined,
						end: relative.revokedAt ?? relative.expiresAt
					}
				}),
				fhirEntry<Consent>(uuidFrom(`delegation-consent:${relative.id}`), {
					...consentBase(patientId, status, relative.confirmedAt ?? relative.invitedAt),
					provision: {
						type: 'permit',
						period: {
							start: relative.confirmedAt ?? relative.invitedAt,
							end: relative.revokedAt ?? relative.expiresAt
						},
						actor: [
							{
								role: {
									coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }]
								},
								reference: ref(relative.id, relative.name)
							}
						],
						provision: relative.scopes.map((scope) => ({
							type: 'permit',
							code: [{ coding: [{ system: `${LOCAL}/delegation-scope`, code: scope }] }]
						}))
					}
				})
			];
		})
});
