/**
 * Checks a FHIR R4 Bundle against the shapes of the resources the export uses (hl7.org/fhir/R4):
 * required elements, the required value sets of status codes, the invariants that apply
 * (app-1…app-4, ppc-1, ppc-2, cpl-3, bdl-7) and that every urn:uuid reference resolves inside
 * the Bundle to a resource of an allowed type. A focused check for tests, not a full validator.
 */

type Json = Record<string, unknown>;

const BUNDLE_TYPES = [
	'document',
	'message',
	'transaction',
	'transaction-response',
	'batch',
	'batch-response',
	'history',
	'searchset',
	'collection'
];
const REQUEST_STATUS = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'];
const CAREPLAN_INTENT = ['proposal', 'plan', 'order', 'option'];
const CAREPLAN_ACTIVITY_STATUS = [
	'not-started',
	'scheduled',
	'in-progress',
	'on-hold',
	'completed',
	'cancelled',
	'stopped',
	'unknown',
	'entered-in-error'
];
const GOAL_LIFECYCLE = [
	'proposed',
	'planned',
	'accepted',
	'active',
	'on-hold',
	'completed',
	'cancelled',
	'entered-in-error',
	'rejected'
];
const GOAL_ACHIEVEMENT = [
	'in-progress',
	'improving',
	'worsening',
	'no-change',
	'achieved',
	'sustaining',
	'not-achieved',
	'no-progress',
	'not-attainable'
];
const APPOINTMENT_STATUS = [
	'proposed',
	'pending',
	'booked',
	'arrived',
	'fulfilled',
	'cancelled',
	'noshow',
	'entered-in-error',
	'checked-in',
	'waitlist'
];
const PARTICIPATION_STATUS = ['accepted', 'declined', 'tentative', 'needs-action'];
const PARTICIPANT_REQUIRED = ['required', 'optional', 'information-only'];
const CONSENT_STATUS = ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'];
const CONSENT_SCOPE = ['adr', 'research', 'patient-privacy', 'treatment'];
const CONSENT_PROVISION_TYPE = ['deny', 'permit'];

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (v: unknown): v is Json => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export function checkFhirBundle(bundle: unknown): string[] {
	const errors: string[] = [];
	const fail = (path: string, message: string) => errors.push(`${path}: ${message}`);
	if (!isObject(bundle) || bundle.resourceType !== 'Bundle') return ['Bundle: not a Bundle'];
	if (!BUNDLE_TYPES.includes(bundle.type as string)) fail('Bundle.type', `"${bundle.type}" is not a BundleType`);
	if (bundle.timestamp !== undefined && !INSTANT.test(String(bundle.timestamp)))
		fail('Bundle.timestamp', 'not an instant');
	const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];

	// bdl-7: fullUrl unique (with the version); and every entry names its resource.
	const byUrl = new Map<string, Json>();
	entries.forEach((entry, i) => {
		const path = `Bundle.entry[${i}]`;
		if (!isObject(entry) || !isObject(entry.resource)) return fail(path, 'entry without a resource');
		const url = entry.fullUrl;
		if (typeof url !== 'string' || !/^urn:uuid:[0-9a-f-]{36}$/.test(url)) fail(`${path}.fullUrl`, 'not a urn:uuid');
		else if (byUrl.has(url)) fail(`${path}.fullUrl`, `duplicate ${url} (bdl-7)`);
		else byUrl.set(url, entry.resource);
	});

	const typeAt = (reference: unknown): string | null => {
		if (!isObject(reference) || typeof reference.reference !== 'string') return null;
		return (byUrl.get(reference.reference)?.resourceType as string | undefined) ?? null;
	};
	/** A reference that must point at one of these resource types inside the Bundle. */
	const needRef = (path: string, value: unknown, types: string[]) => {
		if (!isObject(value)) return fail(path, 'missing (required)');
		const type = typeAt(value);
		if (!type) return fail(path, `reference ${JSON.stringify(value.reference)} does not resolve in the Bundle`);
		if (!types.includes(type)) fail(path, `points at ${type}, expected ${types.join('|')}`);
	};
	/** A Reference that is either resolvable or a display-only reference. */
	const softRef = (path: string, value: unknown, types: string[]) => {
		if (!isObject(value)) return fail(path, 'not a Reference');
		if (value.reference !== undefined) needRef(path, value, types);
		else if (typeof value.display !== 'string' || !value.display)
			fail(path, 'a Reference needs a reference or a display');
	};
	const codeIn = (path: string, value: unknown, allowed: string[], required = true) => {
		if (value === undefined) return required ? fail(path, 'missing (required)') : undefined;
		if (!allowed.includes(value as string)) fail(path, `"${value}" is not in the required value set`);
	};
	const concept = (path: string, value: unknown, required = true) => {
		if (value === undefined) return required ? fail(path, 'missing (required)') : undefined;
		if (!isObject(value) || !(typeof value.text === 'string' || Array.isArray(value.coding)))
			fail(path, 'not a CodeableConcept');
	};
	const period = (path: string, value: unknown) => {
		if (value === undefined) return;
		if (!isObject(value)) return fail(path, 'not a Period');
		for (const key of ['start', 'end'] as const)
			if (value[key] !== undefined && !DATE_TIME.test(String(value[key]))) fail(`${path}.${key}`, 'not a dateTime');
		if (value.start && value.end && String(value.start) > String(value.end)) fail(path, 'start after end (per-1)');
	};

	for (const [url, resource] of byUrl) {
		const type = String(resource.resourceType);
		const p = `${type}/${resource.id}`;
		if (typeof resource.id !== 'string' || !ID.test(resource.id)) fail(p, 'id is not a FHIR id');
		if (url !== `urn:uuid:${resource.id}`) fail(p, 'fullUrl does not match the id');
		switch (type) {
			case 'Patient':
				if (resource.active !== undefined && typeof resource.active !== 'boolean') fail(`${p}.active`, 'not a boolean');
				break;
			case 'CarePlan': {
				codeIn(`${p}.status`, resource.status, REQUEST_STATUS);
				codeIn(`${p}.intent`, resource.intent, CAREPLAN_INTENT);
				needRef(`${p}.subject`, resource.subject, ['Patient', 'Group']);
				period(`${p}.period`, resource.period);
				((resource.goal as unknown[]) ?? []).forEach((g, i) => needRef(`${p}.goal[${i}]`, g, ['Goal']));
				((resource.activity as Json[]) ?? []).forEach((a, i) => {
					const ap = `${p}.activity[${i}]`;
					if (a.reference && a.detail) fail(ap, 'reference and detail both given (cpl-3)');
					if (isObject(a.detail)) {
						codeIn(`${ap}.detail.status`, a.detail.status, CAREPLAN_ACTIVITY_STATUS);
						((a.detail.goal as unknown[]) ?? []).forEach((g, j) => needRef(`${ap}.detail.goal[${j}]`, g, ['Goal']));
						period(`${ap}.detail.scheduledPeriod`, a.detail.scheduledPeriod);
					}
				});
				break;
			}
			case 'Goal': {
				codeIn(`${p}.lifecycleStatus`, resource.lifecycleStatus, GOAL_LIFECYCLE);
				concept(`${p}.description`, resource.description);
				needRef(`${p}.subject`, resource.subject, ['Patient', 'Group', 'Organization']);
				if (resource.achievementStatus !== undefined) {
					concept(`${p}.achievementStatus`, resource.achievementStatus);
					const coding = ((resource.achievementStatus as Json).coding as Json[] | undefined) ?? [];
					for (const c of coding)
						if (c.system === 'http://terminology.hl7.org/CodeSystem/goal-achievement')
							codeIn(`${p}.achievementStatus`, c.code, GOAL_ACHIEVEMENT);
				}
				if (resource.startDate !== undefined && !DATE.test(String(resource.startDate)))
					fail(`${p}.startDate`, 'not a date');
				break;
			}
			case 'Appointment': {
				codeIn(`${p}.status`, resource.status, APPOINTMENT_STATUS);
				const hasStart = resource.start !== undefined;
				const hasEnd = resource.end !== undefined;
				if (hasStart !== hasEnd) fail(p, 'start and end must be given together (app-2)');
				if (!hasStart && !['proposed', 'cancelled', 'waitlist'].includes(String(resource.status)))
					fail(p, 'only proposed, cancelled or waitlisted appointments may lack start and end (app-3)');
				if (resource.cancelationReason !== undefined && !['cancelled', 'noshow'].includes(String(resource.status)))
					fail(p, 'a cancelation reason only for cancelled or no-show (app-4)');
				for (const key of ['start', 'end'] as const)
					if (resource[key] !== undefined && !INSTANT.test(String(resource[key])))
						fail(`${p}.${key}`, 'not an instant');
				if (hasStart && hasEnd && Date.parse(String(resource.start)) > Date.parse(String(resource.end)))
					fail(p, 'start after end');
				if (
					resource.minutesDuration !== undefined &&
					!(Number.isInteger(resource.minutesDuration) && Number(resource.minutesDuration) > 0)
				)
					fail(`${p}.minutesDuration`, 'not a positive integer');
				const participants = (resource.participant as Json[] | undefined) ?? [];
				if (participants.length === 0) fail(`${p}.participant`, 'at least one participant (1..*)');
				participants.forEach((pa, i) => {
					const pp = `${p}.participant[${i}]`;
					codeIn(`${pp}.status`, pa.status, PARTICIPATION_STATUS);
					codeIn(`${pp}.required`, pa.required, PARTICIPANT_REQUIRED, false);
					if (pa.actor === undefined && pa.type === undefined) fail(pp, 'a type or an actor (app-1)');
					if (pa.actor !== undefined)
						softRef(`${pp}.actor`, pa.actor, [
							'Patient',
							'Practitioner',
							'PractitionerRole',
							'RelatedPerson',
							'Device',
							'HealthcareService',
							'Location'
						]);
				});
				break;
			}
			case 'Consent': {
				codeIn(`${p}.status`, resource.status, CONSENT_STATUS);
				concept(`${p}.scope`, resource.scope);
				const scopeCodes = (((resource.scope as Json | undefined)?.coding as Json[] | undefined) ?? [])
					.filter((c) => c.system === 'http://terminology.hl7.org/CodeSystem/consentscope')
					.map((c) => String(c.code));
				scopeCodes.forEach((code) => codeIn(`${p}.scope`, code, CONSENT_SCOPE));
				const categories = (resource.category as unknown[] | undefined) ?? [];
				if (categories.length === 0) fail(`${p}.category`, 'at least one category (1..*)');
				categories.forEach((c, i) => concept(`${p}.category[${i}]`, c));
				if (!resource.policy && !resource.policyRule) fail(p, 'a policy or a policyRule (ppc-1)');
				if (scopeCodes.includes('patient-privacy') && !resource.patient)
					fail(p, 'privacy consent without a patient (ppc-2)');
				if (resource.patient !== undefined) needRef(`${p}.patient`, resource.patient, ['Patient']);
				if (resource.dateTime !== undefined && !DATE_TIME.test(String(resource.dateTime)))
					fail(`${p}.dateTime`, 'not a dateTime');
				const checkProvision = (provision: unknown, path: string) => {
					if (provision === undefined) return;
					if (!isObject(provision)) return fail(path, 'not a provision');
					codeIn(`${path}.type`, provision.type, CONSENT_PROVISION_TYPE, false);
					period(`${path}.period`, provision.period);
					((provision.actor as Json[] | undefined) ?? []).forEach((a, i) => {
						concept(`${path}.actor[${i}].role`, a.role);
						softRef(`${path}.actor[${i}].reference`, a.reference, [
							'Device',
							'Group',
							'CareTeam',
							'Organization',
							'Patient',
							'Practitioner',
							'RelatedPerson',
							'PractitionerRole'
						]);
					});
					((provision.provision as unknown[] | undefined) ?? []).forEach((inner, i) =>
						checkProvision(inner, `${path}.provision[${i}]`)
					);
				};
				checkProvision(resource.provision, `${p}.provision`);
				break;
			}
			case 'RelatedPerson':
				needRef(`${p}.patient`, resource.patient, ['Patient']);
				if (resource.active !== undefined && typeof resource.active !== 'boolean') fail(`${p}.active`, 'not a boolean');
				period(`${p}.period`, resource.period);
				break;
			default:
				fail(p, `unexpected resource type ${type}`);
		}
	}
	return errors;
}
