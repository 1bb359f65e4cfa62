// Ali Hassan, 41: jobrettet rehabilitering at CBR, the 9-month course, now in "intro og plan"
// and looking for a work placement in a warehouse.

import type { SeedClock } from '../time';
import type { CitizenSeed, MeetingSeed } from '../types';

const CBR = 'CBR, Værkstedsvej 4, Ådal. Lokale 2 i stuen.';

export function ali(c: SeedClock): CitizenSeed {
	// "Intro og plan" twice a week, Tuesday and Thursday, until the placement starts.
	const introPast = c.weekdays([2, 4], 2, -1);
	const introNext = c.weekdays([2, 4], 2, 1);
	const intro = (on: string, held: boolean, agreed?: string): MeetingSeed => ({
		kind: 'intro_og_plan',
		title: 'Intro og plan',
		on,
		at: '09:30',
		minutes: 120,
		location: CBR,
		status: held ? 'held' : 'planned',
		createdBy: 'demo-anne',
		series: 'intro',
		prepareTopics: held ? undefined : 'Praktiksteder. Arbejdstider. Hvad du har brug for på en arbejdsplads.',
		prepareBring: held ? undefined : 'Listen fra Karim med praktiksteder.',
		agreed,
		citizen: { response: 'coming' },
		others: [
			{ who: 'demo-anne', response: 'coming' },
			{ who: 'demo-karim', response: 'coming' }
		]
	});

	return {
		subject: 'demo-ali',
		programme: 'jobrettet_rehabilitering',
		variant: '9_months',
		organisation: 'cbr',
		startsOn: c.workday(-60),
		team: [
			{ who: 'demo-anne', role: 'contact_person' },
			{ who: 'demo-karim', role: 'job_consultant' },
			{ who: 'demo-peter', role: 'caseworker' }
		],
		goals: [
			{
				title: 'Komme i praktik på et lager',
				titleEasy: 'Komme i praktik på et lager',
				ownWords: 'Jeg har arbejdet på et lager før. Det var godt. Jeg kan lide at have styr på tingene.',
				whyItMatters: 'Jeg vil gerne have et arbejde igen og tjene mine egne penge. Mine børn skal se, at jeg kan.',
				suggestion: { title: 'Tage truckcertifikat', daysAgo: 3 },
				subgoals: [
					{
						title: 'Gøre mit CV færdigt',
						titleEasy: 'Gøre mit CV færdigt',
						status: 'done',
						nextStep: 'CV’et er sendt til Karim.',
						nextStepEasy: 'Karim har dit CV.'
					},
					{
						ref: 'tre-steder',
						title: 'Vælge tre steder, hvor jeg gerne vil i praktik',
						titleEasy: 'Vælge tre steder til praktik',
						status: 'working_on_it',
						inFocus: true,
						dueInDays: 7,
						nextStep: 'Læs listen fra Karim, og sæt kryds ved tre steder før torsdag.',
						nextStepEasy: 'Sæt kryds ved tre steder på listen.',
						notes: [
							{ by: 'demo-ali', daysAgo: 4, text: 'Jeg kan godt lide Nordlager. Det ligger tæt på bussen.' },
							{ by: 'demo-karim', daysAgo: 3, text: 'Godt valg. Jeg ringer til dem og hører, om de har plads.' }
						]
					},
					{
						title: 'Besøge et lager sammen med Karim',
						titleEasy: 'Besøge et lager med Karim',
						status: 'not_started',
						nextStep: 'Karim laver en aftale, når du har valgt steder.',
						nextStepEasy: 'Karim laver en aftale.'
					},
					{
						title: 'Aftale mine arbejdstider i praktikken',
						titleEasy: 'Aftale mine arbejdstider',
						status: 'not_started',
						nextStep: 'Tænk over, hvor mange timer om dagen du kan klare.',
						nextStepEasy: 'Hvor mange timer kan du klare?'
					}
				]
			},
			{
				title: 'Kunne møde op, også på dårlige dage',
				titleEasy: 'Have en plan for dårlige dage',
				ownWords: 'Nogle dage kan jeg ikke komme ud af døren. Jeg vil gerne have en plan for de dage.',
				whyItMatters: 'Så mister jeg ikke det, jeg har bygget op.',
				subgoals: [
					{
						ref: 'plan-daarlige-dage',
						title: 'Skrive en plan for dårlige dage',
						titleEasy: 'Skrive en plan for dårlige dage',
						status: 'working_on_it',
						dueInDays: 21,
						nextStep: 'Skriv tre ting, der plejer at hjælpe dig. Tag dem med til Anne.',
						nextStepEasy: 'Skriv tre ting, der hjælper dig.'
					},
					{
						title: 'Ringe til Anne, hvis jeg ikke kan komme',
						titleEasy: 'Ringe til Anne hvis jeg bliver hjemme',
						status: 'done',
						nextStep: 'Det gør du allerede. Bliv ved med det.',
						nextStepEasy: 'Bliv ved med at ringe.'
					}
				]
			},
			{
				title: 'Sove bedre',
				titleEasy: 'Sove om natten',
				ownWords: 'Jeg ligger vågen til klokken tre om natten.',
				whyItMatters: 'Jeg skal kunne stå op om morgenen, når jeg kommer i praktik.',
				subgoals: [
					{
						ref: 'sengetid',
						title: 'Gå i seng på samme tid hver aften',
						titleEasy: 'Gå i seng kl. 23',
						status: 'working_on_it',
						nextStep: 'Gå i seng kl. 23 i denne uge. Skriv i dagbogen, hvordan det går.',
						nextStepEasy: 'Gå i seng kl. 23.'
					},
					{
						title: 'Ingen skærm den sidste time før jeg sover',
						titleEasy: 'Ingen telefon før jeg sover',
						status: 'paused',
						nextStep: 'Vi prøver igen, når sengetiden er på plads.',
						nextStepEasy: 'Vi prøver igen senere.'
					}
				]
			}
		],
		coping: [
			{
				title: 'Træne i fitnesscentret',
				description: 'Når jeg har trænet, er jeg mere rolig resten af dagen.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'bror',
				title: 'Ringe til min bror',
				description: 'Han kender mig. Han kan få mig til at grine.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'vejrtraekning',
				title: 'Rolig vejrtrækning',
				description: 'Træk vejret ind i 4 sekunder. Hold i 4. Pust ud i 4. Gør det 5 gange.',
				kind: 'new',
				anchored: false,
				goal: 1
			},
			{
				title: 'Tre gode ting',
				description: 'Om aftenen skriver jeg tre ting, der gik godt.',
				kind: 'new',
				anchored: false,
				goal: 2
			}
		],
		diary: [
			{ daysAgo: 24, mood: 2, text: 'Kunne ikke sove. Ringede til Anne og sagde, at jeg ikke kom. Hun var sød.' },
			{
				daysAgo: 21,
				mood: 3,
				text: 'Var med til intro og plan. Vi talte om, hvad jeg er god til. Jeg er god til orden.',
				sharedWith: ['demo-anne']
			},
			{ daysAgo: 17, mood: 4, text: 'Var i fitness med min bror. Godt.', coping: 'bror' },
			{ daysAgo: 13, mood: 3, text: 'Brugte vejrtrækningen i bussen. Det hjalp lidt.', coping: 'vejrtraekning' },
			{
				daysAgo: 9,
				mood: 2,
				text: 'Dårlig dag. Blev hjemme. Jeg skrev på min plan for dårlige dage.',
				subgoal: 'plan-daarlige-dage',
				sharedWith: ['demo-anne']
			},
			{ daysAgo: 5, mood: 4, text: 'CV’et er færdigt. Karim sagde, at det var flot.' },
			{ daysAgo: 2, mood: 4, text: 'Gik i seng kl. 23 tre dage i træk.', subgoal: 'sengetid' }
		],
		log: [
			{
				by: 'demo-anne',
				daysAgo: 52,
				read: true,
				text: 'Startsamtale med Ali, Karim og Peter. Ali vil gerne arbejde på et lager. Vi aftalte intro og plan tirsdag og torsdag kl. 9.30–11.30.'
			},
			{
				by: 'demo-karim',
				daysAgo: 18,
				read: true,
				text: 'Ali har lavet et godt CV sammen med mig. Han har erfaring fra lager og er god til at holde orden.'
			},
			{
				by: 'demo-anne',
				daysAgo: 8,
				read: true,
				subgoal: 'plan-daarlige-dage',
				text: 'Ali ringede og meldte afbud. Det er godt, at han ringer. Vi talte om hans plan for dårlige dage.'
			},
			{
				by: 'demo-karim',
				daysAgo: 2,
				read: false,
				subgoal: 'tre-steder',
				text: 'Jeg har ringet til Nordlager. De vil gerne have besøg af os. Vi finder en dag på torsdag.'
			}
		],
		series: [{ key: 'intro', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', createdBy: 'demo-anne' }],
		meetings: [
			{
				kind: 'forsamtale',
				title: 'Forsamtale på CBR',
				on: c.workday(-67),
				at: '11:00',
				minutes: 45,
				location: CBR,
				status: 'held',
				createdBy: 'demo-anne',
				prepareTopics: 'Du hører om forløbet. Du siger ikke ja til noget endnu.',
				agreed: 'Ali vil gerne starte i forløbet. Peter sender papirerne.',
				others: [{ who: 'demo-anne', response: 'coming' }]
			},
			{
				kind: 'startsamtale',
				title: 'Startsamtale',
				on: c.workday(-56),
				at: '10:00',
				minutes: 90,
				location: CBR,
				status: 'held',
				createdBy: 'demo-anne',
				prepareTopics: 'Hvad forventer du? Hvad vil du gerne arbejde med?',
				prepareBring: 'Dit sygesikringskort og dine papirer fra jobcentret.',
				agreed:
					'Ali går til intro og plan tirsdag og torsdag. Målet er praktik på et lager. Anne er hans kontaktperson.',
				others: [
					{ who: 'demo-anne', response: 'coming' },
					{ who: 'demo-karim', response: 'coming' },
					{ who: 'demo-peter', response: 'coming' }
				]
			},
			{
				kind: 'individuel_samtale',
				title: 'Samtale med Anne',
				on: c.workday(-14),
				at: '13:00',
				minutes: 45,
				location: CBR,
				status: 'held',
				createdBy: 'demo-anne',
				agreed: 'Ali skriver en plan for dårlige dage. Han prøver rolig vejrtrækning i bussen.',
				others: [{ who: 'demo-anne', response: 'coming' }]
			},
			intro(introPast[0], true, 'Ali og Karim lavede en liste med lagre i Ådal.'),
			intro(introPast[1], true, 'Ali vælger tre steder fra listen inden næste gang.'),
			intro(introNext[0], false),
			intro(introNext[1], false),
			{
				kind: 'opfoelgning',
				title: 'Opfølgning med din sagsbehandler',
				on: c.workday(24),
				at: '14:00',
				minutes: 60,
				location: 'Jobcenter Ådal, Torvet 3, lokale 1.12',
				status: 'planned',
				createdBy: 'demo-peter',
				prepareTopics: 'Hvordan går det på CBR? Hvornår kan du starte i praktik?',
				prepareQuestion: 'Hvad skal der til, for at praktikken bliver god for dig?',
				others: [
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-anne', response: 'coming' }
				]
			}
		],
		crisis: {
			warningSigns: 'Jeg kan ikke sove. Jeg bliver inde i flere dage. Jeg tager ikke telefonen.',
			whatHelps: 'Ringe til min bror. Gå en tur, også en kort en. Rolig vejrtrækning. Træne.',
			contacts: [
				{ name: 'Omar (bror)', phone: '12 81 34 90', note: 'Han kender min plan.' },
				{ name: 'Anne (kontaktperson på CBR)', phone: '12 60 70 14', note: 'Mandag–torsdag kl. 8.30–15.' }
			]
		}
	};
}
