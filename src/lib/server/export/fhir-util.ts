import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { BundleEntry, Consent, Reference, Resource } from '@medplum/fhirtypes';

/**
 * What the sections' FHIR R4 resources share (export/section.ts): every entry has a urn:uuid
 * fullUrl and references point at those; codes of our own have one local code system each.
 */

export const LOCAL = 'https://mitforloeb.example/fhir/CodeSystem';
const urn = (id: string) => `urn:uuid:${id}`;
export const ref = <T extends Resource = Resource>(id: string, display?: string): Reference<T> =>
	display ? { reference: urn(id), display } : { reference: urn(id) };

/** A stable UUID made from a name (for resources that have no row of their own). */
export function uuidFrom(name: string): string {
	const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(name)))
		.slice(0, 32)
		.split('');
	hex[12] = '8'; // version 8: "custom"
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function base64(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}

/** Drops null and undefined members, so optional FHIR elements are absent rather than null. */
function clean<T>(value: T): T {
	if (Array.isArray(value)) return value.map(clean) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
				.map(([k, v]) => [k, clean(v)])
		) as T;
	}
	return value;
}

/** A Bundle entry for a resource: the id given, the fullUrl from it, empty elements left out. */
export function fhirEntry<T extends Resource>(id: string, resource: T): BundleEntry<T> {
	return { fullUrl: urn(id), resource: clean({ ...resource, id }) };
}

/** Drops the nulls of an optional list, with the type that says so. */
export const present = <T>(items: Array<T | null | undefined>): T[] =>
	items.filter((item): item is T => item !== null && item !== undefined);

/** A privacy consent of the patient: a given consent and a relative's access both start here. */
export function consentBase(patientId: string, status: Consent['status'], at: string) {
	return {
		resourceType: 'Consent',
		status,
		scope: {
			coding: [
				{
					system: 'http://terminology.hl7.org/CodeSystem/consentscope',
					code: 'patient-privacy',
					display: 'Privacy Consent'
				}
			]
		},
		category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
		patient: ref(patientId),
		dateTime: at,
		policyRule: {
			coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN', display: 'opt-in' }]
		}
	} satisfies Consent;
}
