// Jonas Madsen, 24: ressourceforløb with mentor Lone, coordinated by caseworker Peter.
// Jonas has consented to Peter sharing health information with Lone (see consents in index.ts).

import type { SeedClock } from '../time';
import type { CitizenSeed } from '../types';

const JOBCENTER = 'Jobcenter Ådal, Torvet 3, Ådal. Mentorernes mødelokale i stuen.';

export function jonas(c: SeedClock): CitizenSeed {
	return {
		subject: 'demo-jonas',
		settings: { readingMode: 'easy' },
		programme: 'ressourceforloeb',
		variant: 'standard',
		organisation: 'jobcenter',
		startsOn: c.workday(-105),
		team: [
			{ who: 'demo-lone', role: 'mentor' },
			{ who: 'demo-peter', role: 'caseworker' }
		],
		goals: [
			{
				title: 'Starte på en uddannelse',
				titleEasy: 'Starte i skole',
				ownWords: 'Jeg vil gerne være tømrer. Eller noget andet, hvor jeg bruger hænderne.',
				whyItMatters: 'Jeg vil have et fag. Jeg vil ikke bare gå derhjemme.',
				subgoals: [
					{
						title: 'Tage til åbent hus på erhvervsskolen',
						titleEasy: 'Besøge erhvervsskolen',
						status: 'done',
						nextStep: 'Du var der. Du kunne lide værkstedet.',
						nextStepEasy: 'Det har du gjort.'
					},
					{
						ref: 'studievejleder',
						title: 'Tale med en studievejleder om tømreruddannelsen',
						titleEasy: 'Tale med en vejleder på skolen',
						status: 'working_on_it',
						dueInDays: 20,
						nextStep: 'Ring til skolen og bed om en tid. Lone kan sidde ved siden af.',
						nextStepEasy: 'Ring til skolen. Lone kan hjælpe.'
					},
					{
						title: 'Prøve to uger i praktik hos en tømrer',
						titleEasy: 'Prøve at arbejde hos en tømrer',
						status: 'not_started',
						nextStep: 'Vi taler om det til trepartsmødet.',
						nextStepEasy: 'Vi taler om det til mødet.'
					}
				]
			},
			{
				title: 'Stå op om morgenen',
				titleEasy: 'Stå op om morgenen',
				ownWords: 'Jeg sover til middag. Så er dagen næsten gået.',
				whyItMatters: 'Hvis jeg skal i skole, skal jeg kunne møde klokken 8.',
				suggestion: { title: 'Gå en tur med hunden hver morgen kl. 9.30', daysAgo: 1 },
				subgoals: [
					{
						ref: 'op-kl-9',
						title: 'Stå op kl. 9 på hverdage',
						titleEasy: 'Stå op kl. 9',
						status: 'working_on_it',
						inFocus: true,
						dueInDays: 21,
						nextStep: 'Stå op kl. 9. Lone sender en sms tirsdag og torsdag kl. 9.',
						nextStepEasy: 'Stå op kl. 9. Lone skriver til dig.',
						notes: [
							{ by: 'demo-jonas', daysAgo: 5, text: 'Oppe kl. 9.15 i dag. Næsten.' },
							{ by: 'demo-lone', daysAgo: 4, text: 'Godt gået. 15 minutter er ingenting.' }
						]
					},
					{
						title: 'Tage bussen selv til aftaler',
						titleEasy: 'Tage bussen selv',
						status: 'done',
						nextStep: 'Det kan du nu.',
						nextStepEasy: 'Det kan du nu.'
					}
				]
			},
			{
				title: 'Få styr på min økonomi',
				titleEasy: 'Få overblik over mine penge',
				ownWords: 'Jeg har gæld. Jeg ved ikke, hvor meget.',
				whyItMatters: 'Jeg vil ikke være bange, når telefonen ringer.',
				subgoals: [
					{
						ref: 'budget',
						title: 'Lave et budget sammen med Lone',
						titleEasy: 'Lave et budget med Lone',
						status: 'working_on_it',
						nextStep: 'Tag dine kontoudtog med til næste møde med Lone.',
						nextStepEasy: 'Tag dine papirer fra banken med.'
					},
					{
						title: 'Få hjælp i gældsrådgivningen',
						titleEasy: 'Få hjælp til min gæld',
						status: 'not_started',
						nextStep: 'Lone finder en tid hos den gratis gældsrådgivning.',
						nextStepEasy: 'Lone finder en tid.'
					}
				]
			}
		],
		coping: [
			{
				ref: 'guitar',
				title: 'Spille guitar',
				description: 'Når jeg spiller, tænker jeg ikke på alt det andet.',
				kind: 'earlier',
				anchored: true
			},
			{
				title: 'Spille fodbold',
				description: 'Det gjorde jeg før. Jeg savner holdet.',
				kind: 'earlier',
				anchored: false
			},
			{
				ref: 'telefon-koekken',
				title: 'Telefonen i køkkenet om natten',
				description: 'Så ser jeg ikke på den i sengen. Og jeg skal op for at slukke alarmen.',
				kind: 'new',
				anchored: false,
				goal: 1
			}
		],
		diary: [
			{ daysAgo: 25, mood: 2, text: 'Sov til kl. 13. Dårlig dag.' },
			{
				daysAgo: 22,
				mood: 3,
				text: 'Lagde telefonen i køkkenet. Det var svært at falde i søvn uden.',
				coping: 'telefon-koekken'
			},
			{
				daysAgo: 18,
				mood: 4,
				text: 'Åbent hus på erhvervsskolen. Værkstedet lugtede af træ. Fedt.',
				sharedWith: ['demo-lone']
			},
			{ daysAgo: 14, mood: 3, text: 'Spillede guitar hele aftenen.', coping: 'guitar' },
			{ daysAgo: 11, mood: 2, text: 'Fik et brev om gæld. Jeg har ikke åbnet det.', sharedWith: ['demo-lone'] },
			{
				daysAgo: 7,
				mood: 3,
				text: 'Lone og jeg åbnede brevet. Det er 4.200 kr. Det er ikke godt, men nu ved jeg det.',
				subgoal: 'budget'
			},
			{ daysAgo: 5, mood: 4, text: 'Oppe kl. 9.15. Lone skrev kl. 9.', subgoal: 'op-kl-9', sharedWith: ['demo-lone'] },
			{ daysAgo: 2, mood: 4, text: 'Oppe kl. 9 to dage i træk.', subgoal: 'op-kl-9' }
		],
		log: [
			{
				by: 'demo-lone',
				daysAgo: 70,
				read: true,
				text: 'Første møde med Jonas. Han vil gerne være tømrer. Det er svært for ham at komme op om morgenen. Vi aftalte at mødes hver uge.'
			},
			{
				by: 'demo-lone',
				daysAgo: 33,
				read: true,
				subgoal: 'op-kl-9',
				text: 'Jonas kom ikke til vores aftale på caféen. Han svarede ikke på sms.',
				comment: {
					text: 'Jeg var syg den dag. Jeg sendte en sms om morgenen, men den kom måske ikke frem.',
					disagrees: true,
					daysAgo: 32
				}
			},
			{
				by: 'demo-lone',
				daysAgo: 17,
				read: true,
				text: 'Jonas var til åbent hus på erhvervsskolen. Han tog selv bussen. Han fortæller, at han kunne lide værkstedet.'
			},
			{
				by: 'demo-peter',
				daysAgo: 10,
				read: true,
				text: 'Jonas har sagt ja til, at jeg må fortælle Lone om hans helbred. Det skal hjælpe Lone til at støtte ham bedre.'
			},
			{
				by: 'demo-lone',
				daysAgo: 4,
				read: false,
				subgoal: 'op-kl-9',
				text: 'Jonas har været oppe kl. 9 eller kort efter tre gange i denne uge. Sms kl. 9 ser ud til at hjælpe.'
			}
		],
		meetings: [
			{
				kind: 'trepartsmoede',
				title: 'Første trepartsmøde',
				on: c.workday(-75),
				at: '10:00',
				minutes: 60,
				location: JOBCENTER,
				status: 'held',
				createdBy: 'demo-peter',
				prepareTopics: 'Din plan. Hvad Lone skal hjælpe dig med.',
				prepareQuestion: 'Hvad vil du allerhelst?',
				agreed:
					'Lone hjælper Jonas med at stå op, med bussen og med økonomien. Jonas tager til åbent hus på erhvervsskolen.',
				others: [
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-lone', response: 'coming' }
				]
			},
			{
				kind: 'individuel_samtale',
				title: 'Møde med Lone',
				on: c.workday(-33),
				at: '11:00',
				minutes: 60,
				location: 'Café Kornet, Åvej 8, Ådal',
				status: 'held',
				createdBy: 'demo-lone',
				citizen: { response: 'none' },
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Møde med Lone',
				on: c.workday(-7),
				at: '11:00',
				minutes: 60,
				location: 'Café Kornet, Åvej 8, Ådal',
				status: 'held',
				createdBy: 'demo-lone',
				agreed: 'Vi åbnede brevet om gæld. Jonas tager sine kontoudtog med næste gang, så vi kan lave et budget.',
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Møde med Lone: budget',
				on: c.workday(2),
				at: '11:00',
				minutes: 60,
				location: 'Café Kornet, Åvej 8, Ådal',
				status: 'planned',
				createdBy: 'demo-lone',
				prepareTopics: 'Dit budget.',
				prepareBring: 'Kontoudtog fra banken for de sidste 3 måneder.',
				citizen: { response: 'coming' },
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'trepartsmoede',
				title: 'Trepartsmøde: status på din plan',
				on: c.workday(12),
				at: '10:00',
				minutes: 60,
				location: JOBCENTER,
				status: 'planned',
				createdBy: 'demo-peter',
				prepareTopics: 'Hvordan går det med dine delmål? Praktik hos en tømrer?',
				prepareBring: 'Noter fra åbent hus, hvis du har nogen.',
				prepareQuestion: 'Hvad er det vigtigste for dig at tale om?',
				others: [
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-lone', response: 'coming' }
				]
			}
		],
		crisis: {
			warningSigns: 'Jeg bliver i sengen hele dagen. Jeg svarer ikke på sms. Jeg spiller computer hele natten.',
			whatHelps: 'Spille guitar. Gå ud med Bobby (min hund). Skrive til Lone. Spise morgenmad.',
			contacts: [
				{ name: 'Mor (Hanne)', phone: '12 81 58 60', note: 'Ring efter kl. 16 på hverdage.' },
				{ name: 'Lone (mentor)', phone: '12 50 10 21', note: 'Mandag–torsdag kl. 9–15.' },
				{ name: 'Mads (ven)', phone: '12 81 58 77' }
			]
		}
	};
}
