// Fatima Yilmaz, 38: På vej til arbejde. She has finished the 8-week group course and is between
// her second and third network meeting; a work placement in a kitchen is about to start.

import { addDays, isoWeekday } from '../../../programmes';
import type { SeedClock } from '../time';
import type { CitizenSeed, MeetingSeed } from '../types';

const HOUSE = 'Aktivitetshuset, Skolegade 5, Ådal. Salen på 1. sal.';
const TOWN_HALL = 'Ådal Rådhus, Torvet 1. Mødelokale 3.';

export function fatima(c: SeedClock): CitizenSeed {
	const startsOn = c.workday(-100);
	const secondNetworkMeeting = c.workday(-30);
	const thirdNetworkMeeting = c.workday(60);

	// The group course: Wednesdays 13–14.30 for 8 weeks, from the first Wednesday of the course.
	const firstWednesday = addDays(startsOn, (3 - isoWeekday(startsOn) + 7) % 7 || 7);
	const group: MeetingSeed[] = Array.from({ length: 8 }, (_, week) => ({
		kind: 'gruppeforloeb',
		title: `Gruppeforløb, gang ${week + 1} af 8`,
		on: addDays(firstWednesday, week * 7),
		at: '13:00',
		minutes: 90,
		location: HOUSE,
		status: 'held',
		createdBy: 'demo-henrik',
		series: 'gruppe',
		planPeriod: 0,
		prepareTopics: [
			'Velkommen',
			'Afspænding',
			'Motion og velvære',
			'Søvn',
			'Positiv psykologi',
			'Tanker og følelser',
			'Trivsel i hverdagen',
			'Hvad nu?'
		][week],
		citizen: week === 4 ? { response: 'cannot_come', reason: 'Et af børnene var syg.' } : { response: 'coming' },
		others: [{ who: 'demo-henrik', response: 'coming' }]
	}));

	return {
		subject: 'demo-fatima',
		programme: 'paa_vej_til_arbejde',
		variant: 'standard',
		organisation: 'kommune',
		startsOn,
		team: [
			{ who: 'demo-henrik', role: 'resource_consultant' },
			{ who: 'demo-karim', role: 'job_consultant' },
			{ who: 'demo-peter', role: 'caseworker' }
		],
		planPeriods: [
			{
				startsOn,
				endsOn: secondNetworkMeeting,
				status:
					'Fatima er startet i På vej til arbejde. Hun vil gerne møde andre, der har det som hende. Målet for perioden er at komme i gruppen hver uge.',
				statusEasy: 'Du er startet. Du vil gerne gå i gruppen. Målet er at komme hver uge.'
			},
			{
				startsOn: secondNetworkMeeting,
				endsOn: thirdNetworkMeeting,
				status:
					'Fatima har gennemført gruppeforløbet. Hun kom 7 ud af 8 gange. Hun vil gerne prøve at arbejde i et køkken. Målet for perioden er en praktik 2 formiddage om ugen.',
				statusEasy:
					'Du har gået i gruppen i 8 uger. Nu vil du prøve at arbejde i et køkken. Målet er praktik 2 formiddage om ugen.'
			}
		],
		goals: [
			{
				title: 'Komme i gruppen hver uge',
				titleEasy: 'Gå i gruppen hver uge',
				ownWords: 'Jeg vil gerne møde andre, der har det ligesom mig.',
				whyItMatters: 'Jeg har været alene med det i lang tid.',
				status: 'reached',
				planPeriod: 0,
				subgoals: [
					{ title: 'Finde vej til Aktivitetshuset', titleEasy: 'Finde vej til huset', status: 'done' },
					{
						title: 'Komme alle 8 gange',
						titleEasy: 'Komme alle 8 gange',
						status: 'done',
						nextStep: 'Du kom 7 gange. Flot.',
						nextStepEasy: 'Du kom 7 gange.'
					}
				]
			},
			{
				title: 'Prøve at arbejde i et køkken',
				titleEasy: 'Prøve at arbejde i et køkken',
				ownWords: 'Jeg har altid lavet mad til min familie. Det er jeg god til.',
				whyItMatters: 'Jeg vil vise mine børn, at jeg kan gå på arbejde.',
				planPeriod: 1,
				suggestion: { title: 'Lave en madplan for ugen, så morgenerne bliver lettere', daysAgo: 2 },
				subgoals: [
					{
						ref: 'solvang',
						title: 'Møde køkkenet på Plejecenter Solvang',
						titleEasy: 'Besøge køkkenet på Solvang',
						status: 'working_on_it',
						inFocus: true,
						dueInDays: 10,
						nextStep: 'Kom til opstartsmødet i køkkenet. Henrik og Karim er med.',
						nextStepEasy: 'Kom til mødet i køkkenet.',
						notes: [
							{
								by: 'demo-karim',
								daysAgo: 6,
								text: 'Køkkenchefen på Solvang vil gerne møde Fatima. Jeg har sendt en mødeindkaldelse.'
							},
							{ by: 'demo-fatima', daysAgo: 5, text: 'Jeg er spændt. Hvad skal jeg have på?' },
							{ by: 'demo-henrik', daysAgo: 5, text: 'Almindeligt tøj. Du får forklæde og hårnet på stedet.' }
						]
					},
					{
						title: 'Tage et hygiejnekursus',
						titleEasy: 'Lære om hygiejne i et køkken',
						status: 'not_started',
						dueInDays: 45,
						nextStep: 'Karim finder ud af, hvornår det næste kursus er.',
						nextStepEasy: 'Karim finder et kursus.'
					},
					{
						title: 'Aftale arbejdstider: 2 formiddage om ugen',
						titleEasy: 'Arbejde 2 formiddage om ugen',
						status: 'not_started',
						nextStep: 'Vi aftaler tiderne til opstartsmødet.',
						nextStepEasy: 'Vi aftaler det til mødet.'
					}
				]
			},
			{
				title: 'Have mere energi i hverdagen',
				titleEasy: 'Have mere energi',
				ownWords: 'Jeg er træt hele tiden. Jeg vil gerne have kræfter til børnene om eftermiddagen.',
				whyItMatters: 'Jeg vil gerne være en glad mor.',
				planPeriod: 1,
				subgoals: [
					{
						ref: 'gaatur',
						title: 'Gå en tur i 20 minutter 3 gange om ugen',
						titleEasy: 'Gå en tur 3 gange om ugen',
						status: 'working_on_it',
						nextStep: 'Gå en tur, før børnene kommer hjem fra skole.',
						nextStepEasy: 'Gå en tur før børnene kommer hjem.'
					},
					{
						title: 'Lave afspændingen fra gruppen om aftenen',
						titleEasy: 'Slappe af om aftenen',
						status: 'done',
						nextStep: 'Bliv ved med det. Det hjælper dig at sove.',
						nextStepEasy: 'Bliv ved med det.'
					}
				]
			}
		],
		coping: [
			{
				title: 'Lave mad, når jeg er urolig',
				description: 'Når jeg hakker grøntsager, falder jeg til ro.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'soester',
				title: 'Ringe til min søster',
				description: 'Elif forstår mig. Vi taler tyrkisk og griner.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'body-scan',
				title: 'Body scan fra gruppen',
				description: 'Jeg ligger ned og mærker kroppen fra tæerne til hovedet. 10 minutter.',
				kind: 'new',
				anchored: true,
				goal: 2
			},
			{
				ref: 'tur',
				title: 'En tur før børnene kommer hjem',
				description: '20 minutter rundt om søen.',
				kind: 'new',
				anchored: false,
				goal: 2
			}
		],
		diary: [
			{
				daysAgo: 28,
				mood: 3,
				text: 'Netværksmødet var langt. Men de lyttede til mig. Jeg vil prøve et køkken.',
				sharedWith: ['demo-henrik']
			},
			{ daysAgo: 24, mood: 4, text: 'Body scan før jeg sov. Jeg sov hele natten.', coping: 'body-scan' },
			{ daysAgo: 20, mood: 2, text: 'Meget træt. Børnene skændtes hele eftermiddagen.' },
			{ daysAgo: 17, mood: 3, text: 'Ringede til Elif. Hun siger, jeg nok skal klare det.', coping: 'soester' },
			{
				daysAgo: 13,
				mood: 4,
				text: 'Walk and talk med Henrik ved søen. Vi gik i 40 minutter!',
				subgoal: 'gaatur',
				sharedWith: ['demo-henrik']
			},
			{ daysAgo: 9, mood: 4, text: 'Gik rundt om søen alene. Det var dejligt.', coping: 'tur', subgoal: 'gaatur' },
			{
				daysAgo: 5,
				mood: 3,
				text: 'Karim har fundet et køkken. Jeg er glad, men også lidt bange.',
				subgoal: 'solvang',
				sharedWith: ['demo-henrik']
			},
			{ daysAgo: 1, mood: 4, text: 'Lavede linsesuppe til hele familien. Min datter sagde, den var den bedste.' }
		],
		log: [
			{
				by: 'demo-henrik',
				daysAgo: 50,
				read: true,
				text: 'Fatima har gennemført gruppeforløbet. Hun kom 7 af 8 gange og har taget body scan med hjem. Hun fortæller, at hun sover bedre.'
			},
			{
				by: 'demo-henrik',
				daysAgo: 29,
				read: true,
				text: 'Netværksmøde med Fatima, Karim, Peter og mig. Status og nye mål er skrevet i Borgerens Plan. Næste netværksmøde er om ca. 3 måneder.'
			},
			{
				by: 'demo-henrik',
				daysAgo: 13,
				read: true,
				subgoal: 'gaatur',
				text: 'Walk and talk ved søen. Fatima gik 40 minutter uden pause. Vi talte om, hvordan hun kan få mere energi om eftermiddagen.'
			},
			{
				by: 'demo-karim',
				daysAgo: 6,
				read: false,
				subgoal: 'solvang',
				text: 'Plejecenter Solvang vil gerne have Fatima i praktik i køkkenet. Opstartsmødet er aftalt. Henrik og jeg er begge med.'
			}
		],
		series: [{ key: 'gruppe', rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=8', createdBy: 'demo-henrik' }],
		meetings: [
			{
				kind: 'netvaerksmoede',
				title: 'Første netværksmøde',
				on: startsOn,
				at: '10:00',
				minutes: 90,
				location: TOWN_HALL,
				status: 'held',
				createdBy: 'demo-henrik',
				planPeriod: 0,
				prepareTopics: 'Hvem er du? Hvad drømmer du om?',
				prepareQuestion: 'Hvad skal vi vide om dig for at kunne hjælpe?',
				agreed: 'Fatima starter i gruppeforløbet på onsdag. Målet for perioden er at komme i gruppen hver uge.',
				others: [
					{ who: 'demo-henrik', response: 'coming' },
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-karim', response: 'coming' }
				]
			},
			...group,
			{
				kind: 'walk_and_talk',
				title: 'Walk and talk ved søen',
				on: c.workday(-40),
				at: '10:00',
				minutes: 60,
				location: 'Vi mødes ved bænken ved søen, Søstien.',
				status: 'held',
				createdBy: 'demo-henrik',
				planPeriod: 0,
				agreed: 'Fatima tænker over, om hun vil prøve at arbejde i et køkken.',
				others: [{ who: 'demo-henrik', response: 'coming' }]
			},
			{
				kind: 'netvaerksmoede',
				title: 'Netværksmøde',
				on: secondNetworkMeeting,
				at: '10:00',
				minutes: 90,
				location: TOWN_HALL,
				status: 'held',
				createdBy: 'demo-henrik',
				planPeriod: 1,
				prepareTopics: 'Hvordan gik gruppeforløbet? Hvad vil du nu?',
				prepareBring: 'Din plan fra sidste møde.',
				agreed:
					'Fatima vil prøve at arbejde i et køkken. Karim finder et sted. Målet er praktik 2 formiddage om ugen. Næste netværksmøde er om ca. 3 måneder.',
				others: [
					{ who: 'demo-henrik', response: 'coming' },
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-karim', response: 'coming' }
				]
			},
			{
				kind: 'walk_and_talk',
				title: 'Walk and talk ved søen',
				on: c.workday(-13),
				at: '10:00',
				minutes: 60,
				location: 'Vi mødes ved bænken ved søen, Søstien.',
				status: 'held',
				createdBy: 'demo-henrik',
				planPeriod: 1,
				agreed: 'Fatima går en tur 3 gange om ugen, før børnene kommer hjem.',
				others: [{ who: 'demo-henrik', response: 'coming' }]
			},
			{
				kind: 'walk_and_talk',
				title: 'Walk and talk ved søen',
				on: c.workday(4),
				at: '10:00',
				minutes: 60,
				location: 'Vi mødes ved bænken ved søen, Søstien.',
				status: 'planned',
				createdBy: 'demo-henrik',
				planPeriod: 1,
				prepareTopics: 'Opstartsmødet på Solvang. Hvordan har du det med det?',
				prepareBring: 'Gode sko.',
				citizen: { response: 'coming' },
				others: [{ who: 'demo-henrik', response: 'coming' }]
			},
			{
				kind: 'opstartsmoede_virksomhed',
				title: 'Opstartsmøde i køkkenet på Plejecenter Solvang',
				on: c.workday(9),
				at: '10:00',
				minutes: 60,
				location: 'Plejecenter Solvang, Lindevej 2, Ådal. Spørg efter køkkenchef Bente i receptionen.',
				status: 'planned',
				createdBy: 'demo-karim',
				planPeriod: 1,
				prepareTopics: 'Dine opgaver i køkkenet. Dine arbejdstider. Hvem du kan spørge, hvis du er i tvivl.',
				prepareBring: 'Dit sundhedskort. Behagelige sko.',
				prepareQuestion: 'Hvad skal der til, for at du får en god start?',
				others: [
					{ who: 'demo-karim', response: 'coming' },
					{ who: 'demo-henrik', response: 'coming' }
				]
			},
			{
				kind: 'netvaerksmoede',
				title: 'Netværksmøde',
				on: thirdNetworkMeeting,
				at: '10:00',
				minutes: 90,
				location: TOWN_HALL,
				status: 'planned',
				createdBy: 'demo-henrik',
				planPeriod: 1,
				prepareTopics: 'Hvordan går praktikken? Hvilke mål vil du have for næste periode?',
				prepareBring: 'Borgerens Plan.',
				prepareQuestion: 'Vil du have din søster med til mødet?',
				others: [
					{ who: 'demo-henrik', response: 'coming' },
					{ who: 'demo-peter', response: 'none' },
					{ who: 'demo-karim', response: 'none' }
				]
			}
		],
		crisis: {
			warningSigns: 'Jeg græder meget. Jeg orker ikke at lave mad. Jeg råber ad børnene.',
			whatHelps: 'Ringe til Elif. Body scan. En tur rundt om søen. Bede min mand om at tage børnene en time.',
			contacts: [
				{ name: 'Elif (søster)', phone: '12 81 63 21', note: 'Hun kan også hente børnene.' },
				{ name: 'Murat (mand)', phone: '12 81 63 44' },
				{ name: 'Henrik (ressourcekonsulent)', phone: '12 40 30 18', note: 'Mandag, onsdag og torsdag kl. 9–15.' }
			]
		}
	};
}
