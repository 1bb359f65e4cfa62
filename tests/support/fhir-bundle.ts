import type { Bundle, ConsentProvision, Period, Reference, Resource } from '@medplum/fhirtypes';

/**
 * What the FHIR R4 types (@medplum/fhirtypes, which the export is built with) cannot say about a
 * Bundle: that fullUrls are unique urn:uuids matching the ids (bdl-7), that every urn:uuid
 * reference resolves inside the Bundle to a resource of an allowed type, the invariants that apply
 * (app-2, app-3, ppc-1, ppc-2, cpl-3, per-1), the lists that need an item (1..*), and the
 * formats of ids, dates and instants (strings to the types). Value sets and required elements
 * are the types' job. A focused check for tests, not a full validator.
 */

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ACTORS = [
	'Patient',
	'Practitioner',
	'PractitionerRole',
	'RelatedPerson',
	'Device',
	'HealthcareService',
	'Location'
];
const CONSENT_ACTORS = [
	'Device',
	'Group',
	'CareTeam',
	'Organization',
	'Patient',
	'Practitioner',
	'RelatedPerson',
	'PractitionerRole'
];

/** Checks a Bundle (as parsed from its text); returns one message per problem, with its path. */
export function checkFhirBundle(bundle: Bundle): string[] {
	const errors: string[] = [];
	const fail = (path: string, message: string) => errors.push(`${path}: ${message}`);
	if (bundle.timestamp !== undefined && !INSTANT.test(bundle.timestamp)) fail('Bundle.timestamp', 'not an instant');

	// bdl-7: fullUrl unique; and every entry names its resource.
	const byUrl = new Map<string, Resource>();
	(bundle.entry ?? []).forEach((entry, i) => {
		const path = `Bundle.entry[${i}]`;
		if (!entry.resource) return fail(path, 'entry without a resource');
		const url = entry.fullUrl;
		if (typeof url !== 'string' || !/^urn:uuid:[0-9a-f-]{36}$/.test(url)) fail(`${path}.fullUrl`, 'not a urn:uuid');
		else if (byUrl.has(url)) fail(`${path}.fullUrl`, `duplicate ${url} (bdl-7)`);
		else byUrl.set(url, entry.resource);
	});

	/** A reference that must point at one of these resource types inside the Bundle. */
	const needRef = (path: string, value: Reference | undefined, types: string[]) => {
		if (!value) return fail(path, 'missing (required)');
		const type = value.reference ? byUrl.get(value.reference)?.resourceType : undefined;
		if (!type) return fail(path, `reference ${JSON.stringify(value.reference)} does not resolve in the Bundle`);
		if (!types.includes(type)) fail(path, `points at ${type}, expected ${types.join('|')}`);
	};
	/** A Reference that is either resolvable or a display-only reference. */
	const softRef = (path: string, value: Reference | undefined, types: string[]) => {
		if (value?.reference !== undefined) needRef(path, value, types);
		else if (!value?.display) fail(path, 'a Reference needs a reference or a display');
	};
	const period = (path: string, value: Period | undefined) => {
		if (!value) return;
		for (const key of ['start', 'end'] as const)
			if (value[key] !== undefined && !DATE_TIME.test(String(value[key]))) fail(`${path}.${key}`, 'not a dateTime');
		if (value.start && value.end && value.start > value.end) fail(path, 'start after end (per-1)');
	};
	const checkProvision = (provision: ConsentProvision | undefined, path: string) => {
		if (!provision) return;
		period(`${path}.period`, provision.period);
		(provision.actor ?? []).forEach((a, i) => softRef(`${path}.actor[${i}].reference`, a.reference, CONSENT_ACTORS));
		(provision.provision ?? []).forEach((inner, i) => checkProvision(inner, `${path}.provision[${i}]`));
	};

	for (const [url, resource] of byUrl) {
		const p = `${resource.resourceType}/${resource.id}`;
		if (typeof resource.id !== 'string' || !ID.test(resource.id)) fail(p, 'id is not a FHIR id');
		if (url !== `urn:uuid:${resource.id}`) fail(p, 'fullUrl does not match the id');
		switch (resource.resourceType) {
			case 'Patient':
				break;
			case 'CarePlan':
				needRef(`${p}.subject`, resource.subject, ['Patient', 'Group']);
				period(`${p}.period`, resource.period);
				(resource.goal ?? []).forEach((g, i) => needRef(`${p}.goal[${i}]`, g, ['Goal']));
				(resource.activity ?? []).forEach((a, i) => {
					const ap = `${p}.activity[${i}]`;
					if (a.reference && a.detail) fail(ap, 'reference and detail both given (cpl-3)');
					(a.detail?.goal ?? []).forEach((g, j) => needRef(`${ap}.detail.goal[${j}]`, g, ['Goal']));
					period(`${ap}.detail.scheduledPeriod`, a.detail?.scheduledPeriod);
				});
				break;
			case 'Goal':
				needRef(`${p}.subject`, resource.subject, ['Patient', 'Group', 'Organization']);
				if (resource.startDate !== undefined && !DATE.test(resource.startDate)) fail(`${p}.startDate`, 'not a date');
				break;
			case 'Appointment': {
				const hasStart = resource.start !== undefined;
				if (hasStart !== (resource.end !== undefined)) fail(p, 'start and end must be given together (app-2)');
				if (!hasStart && !['proposed', 'cancelled', 'waitlist'].includes(resource.status))
					fail(p, 'only proposed, cancelled or waitlisted appointments may lack start and end (app-3)');
				for (const key of ['start', 'end'] as const)
					if (resource[key] !== undefined && !INSTANT.test(String(resource[key])))
						fail(`${p}.${key}`, 'not an instant');
				if (resource.start && resource.end && Date.parse(resource.start) > Date.parse(resource.end))
					fail(p, 'start after end');
				if (
					resource.minutesDuration !== undefined &&
					!(Number.isInteger(resource.minutesDuration) && resource.minutesDuration > 0)
				)
					fail(`${p}.minutesDuration`, 'not a positive integer');
				if (!resource.participant?.length) fail(`${p}.participant`, 'at least one participant (1..*)');
				(resource.participant ?? []).forEach((pa, i) => {
					if (pa.actor === undefined && pa.type === undefined)
						fail(`${p}.participant[${i}]`, 'a type or an actor (app-1)');
					if (pa.actor !== undefined) softRef(`${p}.participant[${i}].actor`, pa.actor, ACTORS);
				});
				break;
			}
			case 'Consent': {
				if (!resource.category?.length) fail(`${p}.category`, 'at least one category (1..*)');
				if (!resource.policy?.length && !resource.policyRule) fail(p, 'a policy or a policyRule (ppc-1)');
				const privacy = resource.scope?.coding?.some(
					(c) => c.system === 'http://terminology.hl7.org/CodeSystem/consentscope' && c.code === 'patient-privacy'
				);
				if (privacy && !resource.patient) fail(p, 'privacy consent without a patient (ppc-2)');
				if (resource.patient !== undefined) needRef(`${p}.patient`, resource.patient, ['Patient']);
				if (resource.dateTime !== undefined && !DATE_TIME.test(resource.dateTime))
					fail(`${p}.dateTime`, 'not a dateTime');
				checkProvision(resource.provision, `${p}.provision`);
				break;
			}
			case 'RelatedPerson':
				needRef(`${p}.patient`, resource.patient, ['Patient']);
				period(`${p}.period`, resource.period);
				break;
			default:
				fail(p, `unexpected resource type ${resource.resourceType}`);
		}
	}
	return errors;
}
