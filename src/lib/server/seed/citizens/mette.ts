// Mette Kristensen, 52: mestringsvejledning (Serviceloven §85) from Center for Psykiatri,
// partly as video calls (virtuel bostøtte) with her mestringsvejleder Birgitte.

import type { SeedClock } from '../time';
import type { CitizenSeed, MeetingSeed } from '../types';

const VIDEO_URL = 'https://video.kommune.dk/rum/mette-birgitte';
const BIRGITTE_PHONE = '12 70 80 41';

export function mette(c: SeedClock): CitizenSeed {
	// Video on Monday mornings ("post-mandag").
	const [lastMonday] = c.weekdays([1], 1, -1);
	const [earlierMonday] = c.weekdays([1], 2, -1);
	const [nextMonday] = c.weekdays([1], 1, 1);
	const video = (on: string, held: boolean, agreed?: string): MeetingSeed => ({
		kind: 'video_bostoette',
		title: 'Video med Birgitte: post-mandag',
		on,
		at: '10:00',
		minutes: 30,
		videoUrl: VIDEO_URL,
		phone: BIRGITTE_PHONE,
		status: held ? 'held' : 'planned',
		createdBy: 'demo-birgitte',
		series: 'video',
		prepareTopics: 'Vi åbner din Digital Post sammen.',
		prepareBring: 'Din telefon eller computer. Dit MitID.',
		prepareQuestion: held ? undefined : 'Er der breve, du er bange for at åbne?',
		agreed,
		citizen: held
			? { response: 'coming' }
			: { response: 'needs_help', reason: 'Jeg kunne ikke finde linket sidste gang.' },
		others: [{ who: 'demo-birgitte', response: 'coming' }]
	});

	return {
		subject: 'demo-mette',
		settings: { textSize: '150' },
		programme: 'mestringsvejledning',
		variant: 'standard',
		organisation: 'psykiatri',
		startsOn: c.workday(-120),
		team: [
			{ who: 'demo-birgitte', role: 'support_worker' },
			{ who: 'demo-peter', role: 'caseworker' }
		],
		goals: [
			{
				title: 'Have styr på post og regninger',
				titleEasy: 'Åbne min post',
				ownWords: 'Jeg åbner ikke mine breve. Så bliver jeg bange for, hvad der står i dem.',
				whyItMatters: 'Jeg vil ikke have flere rykkere. Jeg vil gerne sove roligt.',
				subgoals: [
					{
						ref: 'digital-post',
						title: 'Åbne Digital Post sammen med Birgitte hver mandag',
						titleEasy: 'Åbne Digital Post med Birgitte',
						status: 'working_on_it',
						inFocus: true,
						dueInDays: 28,
						nextStep: 'Næste mandag kl. 10 åbner vi din post sammen på video.',
						nextStepEasy: 'Mandag kl. 10 åbner vi posten sammen.',
						notes: [
							{ by: 'demo-birgitte', daysAgo: 7, text: 'Vi åbnede 6 breve. To skal betales. Mette klarede det flot.' },
							{ by: 'demo-mette', daysAgo: 7, text: 'Det var ikke så slemt, som jeg troede.' }
						]
					},
					{
						title: 'Lave en liste over faste regninger',
						titleEasy: 'Skrive mine regninger ned',
						status: 'done',
						nextStep: 'Listen hænger på køleskabet.',
						nextStepEasy: 'Listen hænger på køleskabet.'
					},
					{
						title: 'Sætte regningerne til Betalingsservice',
						titleEasy: 'Betale regninger automatisk',
						status: 'not_started',
						nextStep: 'Vi gør det sammen i banken, når posten er på plads.',
						nextStepEasy: 'Vi går i banken sammen senere.'
					}
				]
			},
			{
				title: 'Komme ud af lejligheden hver dag',
				titleEasy: 'Gå ud hver dag',
				ownWords: 'Jeg vil gerne ud, også bare en lille tur.',
				whyItMatters: 'Jeg har det bedre, når jeg har været ude.',
				suggestion: { title: 'Gå med i gågruppen fra Værestedet om torsdagen', daysAgo: 3 },
				subgoals: [
					{
						title: 'Gå ned med skraldet og en tur rundt om blokken',
						titleEasy: 'Gå en tur rundt om blokken',
						status: 'done',
						nextStep: 'Det gør du næsten hver dag nu.',
						nextStepEasy: 'Bliv ved med det.'
					},
					{
						ref: 'cafe',
						title: 'Gå til åben café i Værestedet én gang om ugen',
						titleEasy: 'Gå i caféen én gang om ugen',
						status: 'working_on_it',
						nextStep: 'Prøv at gå i caféen onsdag. Birgitte kan gå med første gang.',
						nextStepEasy: 'Gå i caféen på onsdag.'
					}
				]
			},
			{
				title: 'Passe mine tider hos lægen',
				titleEasy: 'Komme til lægen',
				ownWords: 'Jeg glemmer tiden hos lægen. Eller jeg tør ikke ringe.',
				whyItMatters: 'Jeg skal tale med lægen om min medicin.',
				subgoals: [
					{
						title: 'Ringe til lægen sammen med Birgitte',
						titleEasy: 'Ringe til lægen med Birgitte',
						status: 'done',
						nextStep: 'Du har en tid hos lægen. Den står i kalenderen.',
						nextStepEasy: 'Tiden står i kalenderen.'
					},
					{
						title: 'Skrive alle lægetider i kalenderen',
						titleEasy: 'Skrive lægetider i kalenderen',
						status: 'working_on_it',
						nextStep: 'Skriv tiden ind, så snart du har fået den.',
						nextStepEasy: 'Skriv tiden ind med det samme.'
					}
				]
			}
		],
		coping: [
			{
				ref: 'podcast',
				title: 'Lytte til en podcast, når tankerne kører',
				description: 'En rolig stemme i ørerne. Så stopper tankerne lidt.',
				kind: 'earlier',
				anchored: true
			},
			{
				ref: 'post-mandag',
				title: 'Post-mandag',
				description: 'Posten åbnes kun om mandagen, sammen med Birgitte. Resten af ugen tænker jeg ikke på den.',
				kind: 'new',
				anchored: false,
				goal: 0
			},
			{
				title: 'Fem ting jeg kan se',
				description: 'Når jeg bliver bange, siger jeg fem ting, jeg kan se i rummet.',
				kind: 'new',
				anchored: true
			}
		],
		diary: [
			{
				daysAgo: 27,
				mood: 1,
				text: 'Et brev fra SKAT. Jeg lagde det i skuffen. Kunne ikke sove.',
				sharedWith: ['demo-birgitte']
			},
			{ daysAgo: 24, mood: 2, text: 'Birgitte sagde, at vi åbner det sammen på mandag. Det hjalp at vide.' },
			{
				daysAgo: 21,
				mood: 3,
				text: 'Brevet var kun en årsopgørelse. Jeg var bange for ingenting.',
				subgoal: 'digital-post',
				coping: 'post-mandag'
			},
			{ daysAgo: 17, mood: 3, text: 'Gik rundt om blokken to gange. Solen skinnede.' },
			{ daysAgo: 13, mood: 2, text: 'Mange tanker i aften. Hørte podcast til jeg faldt i søvn.', coping: 'podcast' },
			{
				daysAgo: 10,
				mood: 4,
				text: 'Var i caféen i en halv time. Jeg drak kaffe med en dame, der hedder Inger.',
				subgoal: 'cafe',
				sharedWith: ['demo-birgitte']
			},
			{
				daysAgo: 7,
				mood: 4,
				text: 'Post-mandag. Seks breve. Det gik fint.',
				subgoal: 'digital-post',
				coping: 'post-mandag'
			},
			{ daysAgo: 2, mood: 3, text: 'Træt. Men jeg kom ud med skraldet.' }
		],
		log: [
			{
				by: 'demo-birgitte',
				daysAgo: 21,
				read: true,
				subgoal: 'digital-post',
				text: 'Video med Mette. Vi åbnede brevet fra SKAT sammen. Det var en årsopgørelse, og der skal ikke betales noget.'
			},
			{
				by: 'demo-birgitte',
				daysAgo: 9,
				read: true,
				subgoal: 'cafe',
				text: 'Mette har været i caféen i Værestedet for første gang. Hun fortæller, at det var rart at tale med andre.'
			},
			{
				by: 'demo-peter',
				daysAgo: 6,
				read: false,
				text: 'Jeg har talt med Birgitte. Vi ser på din støtte sammen med dig til mødet. Du beholder dine timer, indtil vi har talt sammen.'
			},
			{
				by: 'demo-birgitte',
				daysAgo: 6,
				read: false,
				subgoal: 'digital-post',
				text: 'Post-mandag gik godt. Mette åbnede selv de første breve. To regninger er betalt.'
			}
		],
		series: [{ key: 'video', rrule: 'FREQ=WEEKLY;BYDAY=MO', createdBy: 'demo-birgitte' }],
		meetings: [
			{
				// A standing support time by video, going on when the demo starts: Birgitte and Mette can
				// make her routines in "Se det sammen".
				kind: 'video_bostoette',
				title: 'Åben videotid med Birgitte',
				...c.minutesAgo(30),
				minutes: 180,
				videoUrl: VIDEO_URL,
				phone: BIRGITTE_PHONE,
				status: 'planned',
				createdBy: 'demo-birgitte',
				prepareTopics: 'Ring ind, når du har brug for hjælp. Vi kan lave din dag sammen.',
				citizen: { response: 'coming' },
				others: [{ who: 'demo-birgitte', response: 'coming' }]
			},
			{
				kind: 'individuel_samtale',
				title: 'Første møde med Birgitte',
				on: c.workday(-115),
				at: '11:00',
				minutes: 60,
				location: 'Hjemme hos Mette',
				status: 'held',
				createdBy: 'demo-birgitte',
				prepareTopics: 'Vi lærer hinanden at kende. Hvad vil du gerne have hjælp til?',
				agreed: 'Birgitte kommer hver torsdag. Vi prøver video om mandagen til posten.',
				others: [{ who: 'demo-birgitte', response: 'coming' }]
			},
			video(earlierMonday, true, 'Vi åbnede 4 breve. Mette laver en liste over faste regninger.'),
			video(lastMonday, true, 'Vi åbnede 6 breve. To regninger er betalt.'),
			{
				kind: 'individuel_samtale',
				title: 'Besøg af Birgitte',
				on: c.workday(-4),
				at: '13:00',
				minutes: 60,
				location: 'Hjemme hos Mette',
				status: 'held',
				createdBy: 'demo-birgitte',
				agreed: 'Mette prøver caféen igen på onsdag. Birgitte går med, hvis hun vil.',
				others: [{ who: 'demo-birgitte', response: 'coming' }]
			},
			video(nextMonday, false),
			{
				kind: 'opfoelgning',
				title: 'Opfølgning på din støtte',
				on: c.workday(26),
				at: '10:00',
				minutes: 60,
				location: 'Center for Psykiatri, Åvej 20, Ådal. Mødelokale Skoven.',
				status: 'planned',
				createdBy: 'demo-peter',
				prepareTopics: 'Hvad går godt? Hvad er stadig svært? Passer dine timer med støtte?',
				prepareQuestion: 'Hvad vil du gerne have mere hjælp til?',
				others: [
					{ who: 'demo-peter', response: 'coming' },
					{ who: 'demo-birgitte', response: 'coming' }
				]
			}
		],
		// Made with Birgitte three weeks ago. Breakfast and pills hold best; brushing teeth less so on weekends.
		routines: [
			{
				name: 'Morgen',
				createdBy: 'demo-birgitte',
				daysAgo: 21,
				steps: [
					{ text: 'Stå op', icon: 'sun', time: '07:00' },
					{ text: 'Tag et bad', icon: 'shower-head' },
					{ text: 'Tag tøj på', icon: 'shirt' },
					{ text: 'Spis morgenmad', icon: 'utensils', time: '07:30' },
					{ text: 'Tag dine piller', icon: 'pill' },
					{ text: 'Børst tænder', icon: 'toothbrush', time: '08:00' }
				],
				done: (daysAgo, step) => step === 0 || step === 3 || step === 4 || (daysAgo + step) % 3 !== 0
			}
		],
		crisis: {
			warningSigns: 'Jeg åbner ikke døren. Jeg spiser ikke. Jeg hører de samme tanker igen og igen.',
			whatHelps: 'Podcast og et tæppe. Ringe til min søster. Fem ting jeg kan se. Kold vand i ansigtet.',
			contacts: [
				{ name: 'Lis (søster)', phone: '12 81 47 55', note: 'Hun bor i Ådal og kan komme.' },
				{ name: 'Birgitte (mestringsvejleder)', phone: '12 70 80 41', note: 'Mandag–fredag kl. 8–16.' },
				{ name: 'Center for Psykiatri, vagttelefon', phone: '12 70 80 90', note: 'Alle dage kl. 15–22.' }
			]
		}
	};
}
