// Sara Nielsen, 27: a mestringsforløb at a disability organisation, now in "forankring".
// Her father Jens has access to her plan and meetings.

import type { SeedClock } from '../time';
import type { CitizenSeed } from '../types';

const PLACE = 'Foreningen Hverdagsmod, Søndergade 12, 1. sal, Ådal';

export function sara(c: SeedClock): CitizenSeed {
	return {
		subject: 'demo-sara',
		settings: { readingMode: 'easy', textSize: '125' },
		programme: 'mestringsforloeb',
		variant: 'standard',
		organisation: 'hverdagsmod',
		startsOn: c.workday(-100),
		team: [
			{ who: 'demo-lone', role: 'mentor' },
			{ who: 'demo-peter', role: 'caseworker' }
		],
		goals: [
			{
				title: 'Få styr på min uge',
				titleEasy: 'Vide hvad der sker i min uge',
				ownWords: 'Jeg vil gerne vide, hvad der skal ske i min uge. Så bliver jeg ikke så stresset.',
				whyItMatters: 'Når jeg ved, hvad der skal ske, har jeg mere energi. Så kan jeg også klare et arbejde.',
				subgoals: [
					{
						title: 'Bruge en ugeplan på telefonen',
						titleEasy: 'Bruge en ugeplan',
						status: 'done',
						done: { daysAgo: 19 },
						nextStep: 'Bliv ved med at kigge i planen hver morgen.',
						nextStepEasy: 'Kig i planen hver morgen.'
					},
					{
						ref: 'alarmer',
						title: 'Sætte en alarm før hver aftale',
						titleEasy: 'Sætte en alarm før aftaler',
						status: 'working_on_it',
						inFocus: true,
						dueInDays: 14,
						nextStep: 'Sæt en alarm 1 time før hver aftale i denne uge.',
						nextStepEasy: 'Sæt en alarm før hver aftale.',
						notes: [
							{ by: 'demo-sara', daysAgo: 6, text: 'Alarmen virkede i dag. Jeg kom til tiden hos tandlægen.' },
							{ by: 'demo-lone', daysAgo: 5, text: 'Flot, Sara. Næste gang taler vi om, hvilken lyd der er bedst.' }
						]
					},
					{
						title: 'Holde en pause hver dag kl. 14',
						titleEasy: 'Holde pause kl. 14',
						status: 'not_started',
						nextStep: 'Vi taler om pausen til næste møde.',
						nextStepEasy: 'Vi taler om det næste gang.'
					}
				]
			},
			{
				title: 'Finde ud af, hvilket arbejde der passer til mig',
				titleEasy: 'Finde et arbejde der passer til mig',
				ownWords: 'Jeg vil gerne arbejde med dyr eller planter. Bare ikke med for mange mennesker på én gang.',
				whyItMatters: 'Jeg vil gerne have noget at stå op til. Og jeg vil gerne tjene mine egne penge.',
				suggestion: { title: 'Se en film om at arbejde i et gartneri', daysAgo: 2 },
				subgoals: [
					{
						title: 'Skrive ned, hvad jeg er god til',
						titleEasy: 'Skrive hvad jeg er god til',
						status: 'done',
						done: { daysAgo: 44, by: 'demo-lone' },
						nextStep: 'Listen er færdig. Tag den med til møderne.',
						nextStepEasy: 'Tag listen med til møderne.'
					},
					{
						ref: 'gartneri',
						title: 'Besøge et gartneri i en dag',
						titleEasy: 'Besøge et gartneri',
						status: 'working_on_it',
						dueInDays: 30,
						nextStep: 'Lone spørger Ådal Planteskole om en dag, hvor du kan komme.',
						nextStepEasy: 'Lone finder en dag til besøget.'
					},
					{
						title: 'Tale med Peter om en kort praktik',
						titleEasy: 'Tale med Peter om praktik',
						status: 'not_started',
						nextStep: 'Vi tager det op på mødet med Peter.',
						nextStepEasy: 'Vi taler med Peter på mødet.'
					}
				]
			},
			{
				title: 'Sige fra, når det bliver for meget',
				titleEasy: 'Sige nej når jeg er træt',
				ownWords: 'Jeg siger ja til alt. Bagefter er jeg helt træt.',
				whyItMatters: 'Jeg vil ikke gå ned med stress igen.',
				subgoals: [
					{
						ref: 'sige-fra',
						title: 'Øve mig i at sige: "Det vil jeg lige tænke over"',
						titleEasy: 'Sige: "Det vil jeg tænke over"',
						status: 'working_on_it',
						nextStep: 'Prøv sætningen én gang i denne uge. Skriv i dagbogen, hvordan det gik.',
						nextStepEasy: 'Prøv sætningen én gang. Skriv om det bagefter.'
					},
					{
						title: 'Mærke efter, hvor træt jeg er, før jeg siger ja',
						titleEasy: 'Mærke efter før jeg siger ja',
						status: 'paused',
						nextStep: 'Vi venter med det, til alarmerne virker.',
						nextStepEasy: 'Vi venter lidt med det.'
					},
					{
						title: 'Sige det til Lone, når noget er svært',
						titleEasy: 'Sige det til Lone, når noget er svært',
						status: 'done',
						done: { daysAgo: 29 },
						nextStep: 'Bliv ved med at sige det, også når det er lidt svært.',
						nextStepEasy: 'Bliv ved med at sige det.'
					}
				]
			}
		],
		coping: [
			{
				ref: 'tur',
				title: 'Gå en tur med høretelefoner',
				description: 'Det har jeg altid gjort. Det hjælper, når der er for meget larm og for mange mennesker.',
				kind: 'earlier',
				anchored: true
			},
			{
				title: 'Skrive lister',
				description: 'Jeg skriver en liste, når jeg skal handle eller rydde op.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'alarm',
				title: 'Alarm før aftaler',
				description: 'En alarm på telefonen 1 time før. Så når jeg at gøre mig klar.',
				kind: 'new',
				anchored: false,
				goal: 0
			},
			{
				title: 'Pause kl. 14',
				description: 'En halv time i sofaen uden telefon.',
				kind: 'new',
				anchored: false,
				goal: 0
			}
		],
		diary: [
			{
				daysAgo: 26,
				mood: 2,
				text: 'Glemte mødet på biblioteket. Jeg blev ked af det og gik hjem.',
				sharedWith: ['demo-lone']
			},
			{ daysAgo: 23, mood: 3, text: 'Lone ringede. Vi lavede en ny aftale. Det var okay.' },
			{ daysAgo: 19, mood: 3, text: 'Jeg har lavet en ugeplan på telefonen. Den er grøn og blå.' },
			{ daysAgo: 15, mood: 4, text: 'Gik en lang tur i skoven med musik. Det hjalp på hovedet.', coping: 'tur' },
			{ daysAgo: 11, mood: 2, text: 'Der var for mange mennesker i Netto. Jeg gik uden at købe noget.', coping: 'tur' },
			{
				daysAgo: 8,
				mood: 4,
				text: 'Jeg sagde: "Det vil jeg lige tænke over" til Maja. Det var mærkeligt, men godt.',
				subgoal: 'sige-fra',
				sharedWith: ['demo-lone']
			},
			{
				daysAgo: 6,
				mood: 5,
				text: 'Alarmen virkede. Jeg kom til tiden hos tandlægen!',
				subgoal: 'alarmer',
				coping: 'alarm',
				sharedWith: ['demo-lone']
			},
			{ daysAgo: 3, mood: 3, text: 'Træt i dag. Sov til middag. I morgen prøver jeg pausen kl. 14.' },
			{ daysAgo: 1, mood: 4, text: 'Far kom på besøg. Vi talte om gartneriet. Jeg glæder mig lidt.' }
		],
		log: [
			{
				by: 'demo-lone',
				daysAgo: 20,
				read: true,
				text: 'Vi mødtes på biblioteket. Sara har lavet en ugeplan på telefonen. Hun siger, at hun føler sig mere rolig, når hun har kigget i den.'
			},
			{
				by: 'demo-lone',
				daysAgo: 12,
				read: true,
				subgoal: 'sige-fra',
				text: 'Vi talte om at sige fra. Sara fortalte, at hun tit siger ja for at være sød. Vi aftalte, at hun prøver sætningen "Det vil jeg lige tænke over".'
			},
			{
				by: 'demo-peter',
				daysAgo: 9,
				read: true,
				text: 'Jeg har talt med Lone om dit forløb. Vi er enige om, at et besøg i et gartneri kan være et godt næste skridt. Vi taler om det med dig på mødet.'
			},
			{
				by: 'demo-lone',
				daysAgo: 4,
				read: false,
				subgoal: 'alarmer',
				text: 'Sara har brugt alarmer før sine aftaler i en uge. Hun kom til tiden alle gange. Næste skridt er at holde det i gang, også når hun er træt.'
			}
		],
		meetings: [
			{
				kind: 'individuel_samtale',
				title: 'Første samtale',
				on: c.workday(-97),
				at: '10:00',
				minutes: 60,
				location: PLACE,
				status: 'held',
				createdBy: 'demo-lone',
				prepareTopics: 'Hvordan har du det lige nu? Hvad er svært i din hverdag?',
				prepareBring: 'Dine papirer fra jobcentret, hvis du har dem.',
				agreed: 'Sara vil gerne have sin far med til næste møde. Lone læser Saras papirer og forklarer dem næste gang.',
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Vi laver din plan',
				on: c.workday(-58),
				at: '13:00',
				minutes: 60,
				location: PLACE,
				status: 'held',
				createdBy: 'demo-lone',
				prepareTopics: 'Hvad vil du gerne nå? Hvad drømmer du om?',
				prepareQuestion: 'Hvad vil du gerne blive bedre til?',
				agreed: 'Vi skrev tre mål sammen. Sara starter med at få styr på sin uge.',
				others: [
					{ who: 'demo-lone', response: 'coming' },
					{ who: 'demo-jens', response: 'coming' }
				]
			},
			{
				kind: 'gruppeforloeb',
				title: 'Gruppe: Når hverdagen bliver for meget',
				on: c.workday(-30),
				at: '10:00',
				minutes: 90,
				location: PLACE,
				status: 'held',
				createdBy: 'demo-lone',
				prepareTopics: 'Vi taler om stress, og hvad der hjælper.',
				agreed: 'Sara prøver en pause kl. 14 hver dag.',
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Hvordan går det med alarmerne?',
				on: c.workday(-12),
				at: '10:00',
				minutes: 45,
				location: 'Ådal Bibliotek, mødelokale 2',
				status: 'held',
				createdBy: 'demo-lone',
				agreed: 'Sara sætter en alarm før hver aftale i to uger. Lone spørger et gartneri om et besøg.',
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				// A standing support time by video, going on when the demo starts: "Se det sammen" can begin.
				kind: 'video_bostoette',
				title: 'Åben videotid med Lone',
				...c.minutesAgo(30),
				minutes: 180,
				videoUrl: 'https://video.kommune.dk/rum/sara-lone',
				status: 'planned',
				createdBy: 'demo-lone',
				prepareTopics: 'Ring ind, når du har brug for hjælp. Vi kan se din plan sammen.',
				citizen: { response: 'coming' },
				others: [{ who: 'demo-lone', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Samtale med Lone',
				on: c.workday(3),
				at: '10:00',
				minutes: 45,
				location: 'Ådal Bibliotek, mødelokale 2',
				status: 'planned',
				createdBy: 'demo-lone',
				prepareTopics: 'Alarmerne. Besøget i gartneriet.',
				prepareBring: 'Din telefon med ugeplanen.',
				prepareQuestion: 'Hvad har virket godt siden sidst?',
				citizen: { response: 'coming' },
				// The demo's "Det vil jeg gerne tale om": words only (a photo is the demo's to take).
				topics: ['Jeg har fået et brev fra fitnesscentret. Jeg vil gerne stoppe.'],
				others: [
					{ who: 'demo-lone', response: 'coming' },
					{ who: 'demo-jens', response: 'coming' }
				]
			},
			{
				kind: 'opfoelgning',
				title: 'Status med jobcentret',
				on: c.workday(17),
				at: '13:30',
				minutes: 60,
				location: 'Jobcenter Ådal, Torvet 3, lokale 1.12',
				status: 'planned',
				createdBy: 'demo-peter',
				prepareTopics: 'Hvordan går dit forløb? Hvad skal der ske, når det slutter?',
				prepareBring: 'Din liste over, hvad du er god til.',
				prepareQuestion: 'Hvad vil du gerne have, at Peter ved om dig?',
				others: [
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-lone', response: 'coming' }
				]
			}
		],
		crisis: {
			warningSigns: 'Jeg sover dårligt. Jeg glemmer at spise. Jeg bliver sur over små ting. Jeg aflyser aftaler.',
			whatHelps: 'Gå en tur med musik. Ringe til far. Lægge telefonen væk i en time. Sove middagslur.',
			contacts: [
				{ name: 'Far (Jens)', phone: '12 81 22 88', note: 'Ring altid. Også om natten.' },
				{ name: 'Maja (veninde)', phone: '12 81 90 12', note: 'Efter kl. 16.' },
				{ name: 'Lone (mentor)', phone: '12 50 10 21', note: 'Mandag–torsdag kl. 9–15.' }
			]
		}
	};
}
