import type { Bundle } from '@medplum/fhirtypes';
import { uuidFrom } from './fhir-util';
import { EXPORT_SECTIONS, type CitizenExport } from './service';

/**
 * The plan as FHIR R4 resources, for systems that speak FHIR: a Bundle of type "collection" with
 * the Patient, one CarePlan per course (delmål as its activities), a Goal per goal, an Appointment
 * per meeting, a Consent per consent and per relative's access, and a RelatedPerson per relative.
 * Built from the same data as the JSON export, each section giving its own resources (typed with
 * @medplum/fhirtypes); a test checks what the types cannot say (references resolve, invariants).
 * Every entry has a urn:uuid fullUrl and references point at those.
 */
export function fhirBundle(data: CitizenExport, now = new Date()): Bundle {
	const context = { patientId: data.person.id, patientName: data.person.displayName, now };
	return {
		resourceType: 'Bundle',
		id: uuidFrom(`bundle:${data.person.id}:${now.toISOString()}`),
		meta: { lastUpdated: now.toISOString() },
		type: 'collection',
		timestamp: now.toISOString(),
		entry: EXPORT_SECTIONS.flatMap((section) => section.fhir?.(data, context) ?? [])
	};
}
