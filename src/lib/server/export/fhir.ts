import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { CitizenExport } from './service';

/**
 * The plan as FHIR R4 resources, for systems that speak FHIR: a Bundle of type "collection" with
 * the Patient, one CarePlan per course (delmål as its activities), a Goal per goal, an Appointment
 * per meeting, a Consent per consent and per relative's access, and a RelatedPerson per relative.
 * Built from the same data as the JSON export; checked against the R4 resource shapes in a test.
 * Every entry has a urn:uuid fullUrl and references point at those.
 */

type Json = Record<string, unknown>;

const LOCAL = 'https://mitforloeb.example/fhir/CodeSystem';
const urn = (id: string) => `urn:uuid:${id}`;
const ref = (id: string, display?: string) => (display ? { reference: urn(id), display } : { reference: urn(id) });

/** A stable UUID made from a name (for resources that have no row of their own). */
function uuidFrom(name: string): string {
	const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(name)))
		.slice(0, 32)
		.split('');
	hex[12] = '8'; // version 8: "custom"
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function base64(text: string): string {
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

const CAREPLAN_STATUS = { planned: 'draft', active: 'active', follow_up: 'active', ended: 'completed' } as const;
const ACTIVITY_STATUS = {
	not_started: 'not-started',
	working_on_it: 'in-progress',
	done: 'completed',
	paused: 'on-hold'
} as const;
const GOAL_STATUS = { active: 'active', reached: 'completed', paused: 'on-hold', dropped: 'cancelled' } as const;
const GOAL_ACHIEVEMENT = {
	active: 'in-progress',
	reached: 'achieved',
	paused: 'no-progress',
	dropped: 'not-achieved'
} as const;
const APPOINTMENT_STATUS = { planned: 'booked', changed: 'booked', cancelled: 'cancelled', held: 'fulfilled' } as const;
const PARTICIPATION = {
	none: 'needs-action',
	coming: 'accepted',
	cannot_come: 'declined',
	needs_help: 'tentative'
} as const;

function consentBase(patientId: string, status: string, at: string) {
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
	};
}

export function fhirBundle(data: CitizenExport, now = new Date()): Json {
	const patientId = data.person.id;
	const entries: Json[] = [];
	const add = (id: string, resource: Json) => entries.push({ fullUrl: urn(id), resource: clean({ ...resource, id }) });

	add(patientId, {
		resourceType: 'Patient',
		active: true,
		name: [{ text: data.person.displayName, given: [data.person.givenName] }],
		telecom: [
			data.person.phone ? { system: 'phone', value: data.person.phone } : null,
			data.person.email ? { system: 'email', value: data.person.email } : null
		].filter(Boolean),
		communication: data.person.settings
			? [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: data.person.settings.language }] } }]
			: []
	});

	for (const course of data.courses) {
		for (const goal of course.goals) {
			add(goal.id, {
				resourceType: 'Goal',
				lifecycleStatus: GOAL_STATUS[goal.status],
				achievementStatus: {
					coding: [
						{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: GOAL_ACHIEVEMENT[goal.status] }
					]
				},
				description: { text: goal.title },
				subject: ref(patientId, data.person.displayName),
				startDate: course.startsOn,
				note: [
					goal.ownWords ? { text: goal.ownWords } : null,
					goal.whyItMatters ? { text: goal.whyItMatters } : null
				].filter(Boolean)
			});
		}
		add(course.id, {
			resourceType: 'CarePlan',
			status: CAREPLAN_STATUS[course.status],
			intent: 'plan',
			category: [{ coding: [{ system: `${LOCAL}/programme`, code: course.programme }], text: course.programme }],
			title: course.programme,
			subject: ref(patientId, data.person.displayName),
			period: { start: course.startsOn, end: course.endsOn },
			author: { display: course.organisation },
			goal: course.goals.map((g) => ref(g.id)),
			activity: course.goals.flatMap((g) =>
				g.subgoals.map((s) => ({
					detail: {
						status: ACTIVITY_STATUS[s.status],
						description: s.title,
						goal: [ref(g.id)],
						scheduledPeriod: s.dueOn ? { end: s.dueOn } : null
					}
				}))
			)
		});
	}

	for (const meeting of data.meetings) {
		const you = meeting.participants.find((p) => p.isYou);
		const participants = [
			{
				actor: ref(patientId, data.person.displayName),
				required: 'required',
				status: PARTICIPATION[you?.response ?? 'none']
			},
			...meeting.participants
				.filter((p) => !p.isYou)
				.map((p) => ({ actor: { display: p.name ?? '' }, required: 'required', status: PARTICIPATION[p.response] }))
		];
		const minutes = Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000);
		add(meeting.id, {
			resourceType: 'Appointment',
			status: APPOINTMENT_STATUS[meeting.status],
			serviceType: [{ coding: [{ system: `${LOCAL}/meeting-kind`, code: meeting.kind }], text: meeting.kind }],
			description: meeting.title ?? meeting.kind,
			start: meeting.startsAt,
			end: meeting.endsAt,
			minutesDuration: minutes > 0 ? minutes : null,
			comment: meeting.agreed,
			patientInstruction:
				[meeting.prepareTopics, meeting.prepareBring, meeting.prepareQuestion].filter(Boolean).join('\n') || null,
			participant: participants
		});
	}

	for (const consent of data.consents) {
		const inForce = !consent.revokedAt && (!consent.expiresAt || Date.parse(consent.expiresAt) > now.getTime());
		add(consent.id, {
			...consentBase(patientId, inForce ? 'active' : 'inactive', consent.givenAt),
			sourceAttachment: {
				contentType: 'text/plain; charset=utf-8',
				title: `${consent.textKey} v${consent.textVersion}`,
				data: base64(consent.textShown)
			},
			provision: {
				type: 'permit',
				period: { start: consent.givenAt, end: consent.revokedAt ?? consent.expiresAt },
				actor: [
					consent.from
						? {
								role: {
									coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'INF' }]
								},
								reference: { display: consent.from }
							}
						: null,
					{
						role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
						reference: { display: consent.to ?? '' }
					}
				].filter(Boolean),
				purpose: [{ system: `${LOCAL}/consent-purpose`, code: consent.purpose }]
			}
		});
	}

	for (const relative of data.relatives) {
		if (!relative.name) continue; // An invitation nobody has accepted names no person yet.
		add(relative.id, {
			resourceType: 'RelatedPerson',
			active: relative.state === 'active',
			patient: ref(patientId, data.person.displayName),
			relationship: [{ text: relative.label }],
			name: [{ text: relative.name }],
			period: { start: relative.confirmedAt ?? relative.acceptedAt, end: relative.revokedAt ?? relative.expiresAt }
		});
		const status = relative.state === 'active' ? 'active' : relative.state === 'accepted' ? 'proposed' : 'inactive';
		add(uuidFrom(`delegation-consent:${relative.id}`), {
			...consentBase(patientId, status, relative.confirmedAt ?? relative.invitedAt),
			provision: {
				type: 'permit',
				period: { start: relative.confirmedAt ?? relative.invitedAt, end: relative.revokedAt ?? relative.expiresAt },
				actor: [
					{
						role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
						reference: ref(relative.id, relative.name)
					}
				],
				provision: relative.scopes.map((scope) => ({
					type: 'permit',
					code: [{ coding: [{ system: `${LOCAL}/delegation-scope`, code: scope }] }]
				}))
			}
		});
	}

	return {
		resourceType: 'Bundle',
		id: uuidFrom(`bundle:${patientId}:${now.toISOString()}`),
		meta: { lastUpdated: now.toISOString() },
		type: 'collection',
		timestamp: now.toISOString(),
		entry: entries
	};
}
