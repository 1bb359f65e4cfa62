// Fictitious organisations of the fictitious Ådal Kommune, their contact lists (kontaktliste)
// and the demo professionals' contact details.
//
// Local phone numbers are invented and start with 1, which no Danish subscriber number does.
// The national crisis lines (Livslinien, Psykiatrifonden) and 112 are real and may be shown as they are.

import type { CrisisLineKey } from '$lib/crisis/lines';
import type { OrgKey, Subject } from './types';

const VIDEO_HOSTS = ['video.kommune.dk', 'meet.kommune.dk'];

export interface OrganisationSeed {
	name: string;
	kind: 'disability_organisation' | 'cbr' | 'psychiatry_centre' | 'jobcentre' | 'municipality';
	phone: string;
	videoHostAllowlist: string[];
	/** `textKey`: the line's texts in every language (`crisis.lines.<key>`); the Danish text is kept too. */
	contacts: ContactSeed[];
}

type ContactSeed = { name: string; phone: string; description: string; hours: string; textKey: CrisisLineKey };

const akutmodtagelse = {
	name: 'Psykiatrisk akutmodtagelse, Ådal',
	phone: '12 40 50 60',
	description: 'Ring eller kom, hvis du har det meget svært og har brug for hjælp med det samme.',
	hours: 'Hele døgnet',
	textKey: 'psychiatricEmergency'
} satisfies ContactSeed;
const livslinien = {
	name: 'Livslinien',
	phone: '70 201 201',
	description: 'Tal anonymt med en frivillig, hvis du har tanker om selvmord.',
	hours: 'Alle dage kl. 11–05',
	textKey: 'livslinien'
} satisfies ContactSeed;
const psykiatrifonden = {
	name: 'Psykiatrifondens telefonrådgivning',
	phone: '39 25 25 25',
	description: 'Få råd om psykisk sygdom og mistrivsel. Også for pårørende.',
	hours: 'Se åbningstider på psykiatrifonden.dk',
	textKey: 'psykiatrifonden'
} satisfies ContactSeed;
const alarm = {
	name: 'Alarm 112',
	phone: '112',
	description: 'Ring 112, hvis der er fare for liv.',
	hours: 'Hele døgnet',
	textKey: 'emergency112'
} satisfies ContactSeed;

export const ORGANISATIONS: Record<OrgKey, OrganisationSeed> = {
	hverdagsmod: {
		name: 'Foreningen Hverdagsmod – Mestringsforløb',
		kind: 'disability_organisation',
		phone: '12 30 40 00',
		videoHostAllowlist: VIDEO_HOSTS,
		contacts: [
			{
				name: 'Hverdagsmods rådgivning',
				phone: '12 30 40 10',
				description: 'Råd om livet med et kognitivt handicap. Også for pårørende.',
				hours: 'Mandag–torsdag kl. 10–14',
				textKey: 'hverdagsmodAdvice'
			},
			psykiatrifonden,
			alarm
		]
	},
	cbr: {
		name: 'Center for Beskæftigelse og Rehabilitering (CBR)',
		kind: 'cbr',
		phone: '12 60 70 00',
		videoHostAllowlist: VIDEO_HOSTS,
		contacts: [
			{
				name: 'CBR reception',
				phone: '12 60 70 00',
				description: 'Hvis du bliver forsinket eller ikke kan komme.',
				hours: 'Mandag–fredag kl. 8–15',
				textKey: 'cbrReception'
			},
			akutmodtagelse,
			livslinien,
			alarm
		]
	},
	psykiatri: {
		name: 'Center for Psykiatri, Ådal Kommune',
		kind: 'psychiatry_centre',
		phone: '12 70 80 00',
		videoHostAllowlist: VIDEO_HOSTS,
		contacts: [
			{
				name: 'Center for Psykiatri, vagttelefon',
				phone: '12 70 80 90',
				description: 'Tal med en medarbejder, når din mestringsvejleder ikke er på arbejde.',
				hours: 'Alle dage kl. 15–22',
				textKey: 'psychiatryDutyPhone'
			},
			akutmodtagelse,
			livslinien,
			psykiatrifonden,
			alarm
		]
	},
	jobcenter: {
		name: 'Jobcenter Ådal',
		kind: 'jobcentre',
		phone: '12 50 10 00',
		videoHostAllowlist: VIDEO_HOSTS,
		// The mentor team's contact list, as the handbook suggests.
		contacts: [
			akutmodtagelse,
			livslinien,
			{
				name: 'Distriktspsykiatrien Ådal',
				phone: '12 40 22 00',
				description: 'Hvis du er i behandling i psykiatrien.',
				hours: 'Mandag–fredag kl. 8–15',
				textKey: 'districtPsychiatry'
			},
			{
				name: 'Socialcentret, Ådal Kommune',
				phone: '12 40 11 00',
				description: 'Hjælp med bolig, penge og støtte i hverdagen.',
				hours: 'Mandag–fredag kl. 9–14',
				textKey: 'socialCentre'
			},
			alarm
		]
	},
	kommune: {
		name: 'Ådal Kommune',
		kind: 'municipality',
		phone: '12 40 00 00',
		videoHostAllowlist: VIDEO_HOSTS,
		contacts: [
			{
				name: 'Borgerservice, Ådal Kommune',
				phone: '12 40 00 00',
				description: 'Spørgsmål om Digital Post, pas og sundhedskort.',
				hours: 'Mandag–fredag kl. 10–14',
				textKey: 'citizenService'
			},
			{
				name: 'Socialcentret, Ådal Kommune',
				phone: '12 40 11 00',
				description: 'Hjælp med bolig, penge og støtte i hverdagen.',
				hours: 'Mandag–fredag kl. 9–14',
				textKey: 'socialCentre'
			},
			akutmodtagelse,
			livslinien,
			alarm
		]
	}
};

export interface StaffSeed {
	organisation: OrgKey;
	/** An administrator's further organisations (the municipality's own units), each a role of its own. */
	alsoAdministers?: OrgKey[];
	phone: string;
	email: string;
	availability: string;
}

/** Where each demo professional works and how to reach them. */
export const STAFF: Record<Subject, StaffSeed> = {
	'demo-lone': {
		organisation: 'jobcenter',
		phone: '12 50 10 21',
		email: 'lone.berg@aadal.kommune.dk',
		availability: 'Mandag–torsdag kl. 9–15'
	},
	'demo-peter': {
		organisation: 'jobcenter',
		phone: '12 50 10 32',
		email: 'peter.holm@aadal.kommune.dk',
		availability: 'Mandag–fredag kl. 9–12. Torsdag også kl. 13–16.'
	},
	'demo-anne': {
		organisation: 'cbr',
		phone: '12 60 70 14',
		email: 'anne.lund@cbr.aadal.kommune.dk',
		availability: 'Mandag–torsdag kl. 8.30–15'
	},
	'demo-karim': {
		organisation: 'cbr',
		phone: '12 60 70 27',
		email: 'karim.said@cbr.aadal.kommune.dk',
		availability: 'Tirsdag–fredag kl. 9–15'
	},
	'demo-birgitte': {
		organisation: 'psykiatri',
		phone: '12 70 80 41',
		email: 'birgitte.sorensen@aadal.kommune.dk',
		availability: 'Mandag–fredag kl. 8–16. Video efter aftale.'
	},
	'demo-henrik': {
		organisation: 'kommune',
		phone: '12 40 30 18',
		email: 'henrik.dahl@aadal.kommune.dk',
		availability: 'Mandag, onsdag og torsdag kl. 9–15'
	},
	'demo-nina': {
		organisation: 'jobcenter',
		phone: '12 50 10 45',
		email: 'nina.friis@aadal.kommune.dk',
		availability: 'Mandag–torsdag kl. 9–15'
	},
	'demo-admin': {
		organisation: 'kommune',
		// The municipality runs the jobcentre and the psychiatry centre; the disability organisation
		// and CBR have administrators of their own.
		alsoAdministers: ['jobcenter', 'psykiatri'],
		phone: '12 40 00 99',
		email: 'admin@aadal.kommune.dk',
		availability: 'Mandag–fredag kl. 9–15'
	}
};

/** Phone numbers of the citizens and the relative (invented). */
export const PRIVATE_PHONES: Record<Subject, string> = {
	'demo-sara': '12 81 22 31',
	'demo-ali': '12 81 34 52',
	'demo-mette': '12 81 47 06',
	'demo-jonas': '12 81 58 19',
	'demo-fatima': '12 81 63 70',
	'demo-jens': '12 81 22 88'
};
