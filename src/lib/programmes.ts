// The phase template of each programme (see docs/domain.md), as data
// plus a few pure functions on calendar dates. No server imports and no `$lib` imports:
// pages, the server and the seed script (run by tsx outside Vite) all use this module.
//
// Dates are plain calendar dates, 'YYYY-MM-DD'. There are no time zones here: the caller
// decides which day "today" is (the app uses Europe/Copenhagen).
//
// A phase's `endsOn` is the day the next phase starts, so a phase covers the days
// from `startsOn` up to, but not including, `endsOn`. A course that starts on 12 January
// and lasts 9 months therefore "ends on" 12 October.

import type { MeetingKind, Programme, ProgrammeVariant } from './domain';

/** One step of a programme, in the order the citizen meets them. */
interface PhaseTemplate {
	/** Key in the `programmes` i18n namespace: `<programme>.phases.<key>`. */
	key: string;
	/**
	 * Typical length in weeks. `null` means the phase fills the time up to the next fixed point
	 * (the phases after it, counted back from the planned end), or is open-ended when the
	 * programme has no planned end.
	 */
	weeks: number | null;
	/** The phase ends this many calendar months after the course starts (e.g. "in a work placement by month 4"). */
	endsAtMonth?: number;
	/** The phase comes after the course itself has ended (active follow-up). */
	afterEnd?: boolean;
	/** The citizen may skip the phase (e.g. the non-binding forsamtale). */
	optional?: boolean;
	/** Meeting kinds that usually happen in this phase. */
	meetings?: readonly MeetingKind[];
}

/** Recurring or fixed points of a programme; absent when the programme has none. */
interface Milestones {
	/** The citizen should be in a work placement this many months after the start. */
	placementByMonth?: number;
	/** The contact person writes a follow-up note at least this often (months). */
	followUpNoteEveryMonths?: number;
	/** Network meetings are held every so many months, from–to. */
	networkMeetingEveryMonths?: readonly [number, number];
}

export interface ProgrammeTemplate {
	programme: Programme;
	variant: ProgrammeVariant;
	/** How long the programme lasts according to its source text; null when it is open-ended. */
	lengthMonths: { min: number; max: number } | null;
	/**
	 * The length the plan is drawn for when nothing else has been agreed (the latest end for
	 * fixed-length programmes, the first grant for a ressourceforløb); null when open-ended.
	 */
	plannedMonths: number | null;
	phases: readonly PhaseTemplate[];
	typicalMeetings: readonly MeetingKind[];
	milestones: Milestones;
}

/** A phase of one citizen's course with its dates; null where the date is not known yet. */
export interface PlannedPhase {
	key: string;
	position: number;
	weeks: number | null;
	optional: boolean;
	afterEnd: boolean;
	startsOn: string | null;
	endsOn: string | null;
}

// ---------------------------------------------------------------------------------------------
// The templates

const mestringsforloeb: ProgrammeTemplate = {
	programme: 'mestringsforloeb',
	variant: 'standard',
	// "Et helt Mestringsforløb forventes at vare 4-6 måneder."
	lengthMonths: { min: 4, max: 6 },
	plannedMonths: 6,
	phases: [
		// "Forforløbet varer ca. 4 uger": motivation talk, going through the documentation, cooperation with the job centre.
		{ key: 'forforloeb', weeks: 4, meetings: ['individuel_samtale'] },
		// Hovedforløb, planning: mål og delmål formulated with the citizen, agreements.
		{ key: 'planlaegning', weeks: 2, meetings: ['individuel_samtale'] },
		// A. Erkendelse og mestring: earlier strategies, resources and barriers, wishes (individual or group).
		{ key: 'erkendelse_og_mestring', weeks: 8, meetings: ['individuel_samtale', 'gruppeforloeb'] },
		// B. Forankring: new strategies tried in daily life or a short placement; borger-dagbog.
		{ key: 'forankring', weeks: null, meetings: ['individuel_samtale', 'gruppeforloeb', 'opstartsmoede_virksomhed'] },
		// C. Afslutning / løbende dialog with the job centre, and the individual course description (dokumentation).
		{ key: 'afslutning', weeks: 3, meetings: ['afslutningssamtale'] },
		// Opfølgning: active follow-up for a limited period after the end.
		{ key: 'opfoelgning', weeks: 12, afterEnd: true, meetings: ['opfoelgning'] }
	],
	typicalMeetings: ['individuel_samtale', 'gruppeforloeb', 'opfoelgning', 'afslutningssamtale'],
	milestones: {}
};

/** Jobrettet rehabilitering at CBR: 4 months (placement by month 2) or 9 months (placement by month 4). */
function jobrettetRehabilitering(variant: '4_months' | '9_months'): ProgrammeTemplate {
	const months = variant === '4_months' ? 4 : 9;
	const placementByMonth = variant === '4_months' ? 2 : 4;
	return {
		programme: 'jobrettet_rehabilitering',
		variant,
		lengthMonths: { min: months, max: months },
		plannedMonths: months,
		phases: [
			// Optional, non-binding talk at CBR, agreed with the caseworker.
			{ key: 'forsamtale', weeks: 1, optional: true, meetings: ['forsamtale'] },
			// Contact person and job consultant; caseworker and housing support invited.
			{ key: 'startsamtale', weeks: 1, meetings: ['startsamtale'] },
			// Twice a week, 2 hours, until the citizen is in a placement.
			{
				key: 'intro_og_plan',
				weeks: null,
				endsAtMonth: placementByMonth,
				meetings: ['intro_og_plan', 'individuel_samtale']
			},
			// Close follow-up by the contact person; individual talks throughout.
			{
				key: 'virksomhedspraktik',
				weeks: null,
				meetings: ['opstartsmoede_virksomhed', 'individuel_samtale', 'opfoelgning']
			},
			// Closing talk with the caseworker about what comes next.
			{ key: 'afslutning', weeks: 2, meetings: ['afslutningssamtale'] }
		],
		typicalMeetings: [
			'forsamtale',
			'startsamtale',
			'intro_og_plan',
			'individuel_samtale',
			'gruppeforloeb',
			'opstartsmoede_virksomhed',
			'opfoelgning',
			'afslutningssamtale'
		],
		milestones: { placementByMonth, followUpNoteEveryMonths: 2 }
	};
}

const mestringsvejledning: ProgrammeTemplate = {
	programme: 'mestringsvejledning',
	variant: 'standard',
	// "Det er individuelt, hvor længe et forløb varer" (Serviceloven §85): open-ended, reviewed continuously.
	lengthMonths: null,
	plannedMonths: null,
	phases: [
		// Granted by the caseworker; a mestringsvejleder makes contact and agrees the first meeting.
		{ key: 'visitation', weeks: 2, meetings: ['individuel_samtale'] },
		// The support itself: home, work or education, activities, doctor and authorities, post and money, life skills.
		{ key: 'stoette', weeks: null, meetings: ['individuel_samtale', 'video_bostoette', 'gruppeforloeb'] },
		// The support is reviewed and adjusted; it may end when the citizen manages without it.
		{ key: 'opfoelgning', weeks: null, meetings: ['opfoelgning'] }
	],
	typicalMeetings: ['individuel_samtale', 'video_bostoette', 'gruppeforloeb', 'opfoelgning'],
	milestones: {}
};

const ressourceforloeb: ProgrammeTemplate = {
	programme: 'ressourceforloeb',
	variant: 'standard',
	// Not stated in the handbook (seed 003); the law (LAB §68 b) grants a ressourceforløb for 1–5 years.
	lengthMonths: { min: 12, max: 60 },
	plannedMonths: 12,
	phases: [
		// The rehabiliteringsplan: delmål towards work or education; the caseworker orders the mentor with focus areas.
		{ key: 'rehabiliteringsplan', weeks: 4, meetings: ['individuel_samtale'] },
		// Mentor and citizen meet; first trepartsmøde with the coordinating caseworker.
		{ key: 'opstart_med_mentor', weeks: 4, meetings: ['trepartsmoede', 'individuel_samtale'] },
		// Working on the delmål with the mentor; logbog and trepartsmøder for follow-up.
		{
			key: 'mentorforloeb',
			weeks: null,
			meetings: ['individuel_samtale', 'trepartsmoede', 'opstartsmoede_virksomhed']
		},
		// What comes next: work, education, fleksjob or a new plan.
		{ key: 'afslutning', weeks: 4, meetings: ['trepartsmoede', 'afslutningssamtale'] }
	],
	typicalMeetings: [
		'trepartsmoede',
		'individuel_samtale',
		'opfoelgning',
		'opstartsmoede_virksomhed',
		'afslutningssamtale'
	],
	milestones: {}
};

const paaVejTilArbejde: ProgrammeTemplate = {
	programme: 'paa_vej_til_arbejde',
	variant: 'standard',
	// The project text gives no overall length; the plan runs from network meeting to network meeting.
	lengthMonths: null,
	plannedMonths: null,
	phases: [
		// 2 resource consultants and 8–12 citizens, 1½ hours a week for 8 weeks.
		{ key: 'gruppeforloeb', weeks: 8, meetings: ['gruppeforloeb', 'netvaerksmoede'] },
		// Walk 'n' talk and other individual talks; a planning default of about one network period.
		{ key: 'individuelle_samtaler', weeks: 12, meetings: ['walk_and_talk', 'individuel_samtale', 'netvaerksmoede'] },
		// Start-up meeting at the company with both consultants, then close contact.
		{
			key: 'virksomhedspraktik',
			weeks: null,
			meetings: ['opstartsmoede_virksomhed', 'walk_and_talk', 'netvaerksmoede']
		},
		// Courses beyond what the job centre must grant, when the citizen needs them.
		{ key: 'opkvalificering', weeks: null, optional: true, meetings: ['individuel_samtale', 'netvaerksmoede'] }
	],
	typicalMeetings: [
		'gruppeforloeb',
		'walk_and_talk',
		'individuel_samtale',
		'netvaerksmoede',
		'opstartsmoede_virksomhed'
	],
	milestones: { networkMeetingEveryMonths: [2, 3] }
};

/**
 * Every programme's templates by variant. The first variant listed is the programme's default,
 * used when a course names a variant the programme does not have (e.g. 'standard').
 */
export const PROGRAMME_TEMPLATES: {
	readonly [P in Programme]: Readonly<Partial<Record<ProgrammeVariant, ProgrammeTemplate>>>;
} = {
	mestringsforloeb: { standard: mestringsforloeb },
	jobrettet_rehabilitering: {
		'4_months': jobrettetRehabilitering('4_months'),
		'9_months': jobrettetRehabilitering('9_months')
	},
	mestringsvejledning: { standard: mestringsvejledning },
	ressourceforloeb: { standard: ressourceforloeb },
	paa_vej_til_arbejde: { standard: paaVejTilArbejde }
};

/** The variants a programme has, default first. */
export function programmeVariants(programme: Programme): ProgrammeVariant[] {
	return Object.keys(PROGRAMME_TEMPLATES[programme]) as ProgrammeVariant[];
}

/** The variant actually used for a programme: the one given if the programme has it, otherwise its default. */
export function resolveVariant(programme: Programme, variant: ProgrammeVariant): ProgrammeVariant {
	const variants = programmeVariants(programme);
	return variants.includes(variant) ? variant : variants[0];
}

/** The template of a programme in a variant (falling back to the programme's default variant). */
export function programmeTemplate(programme: Programme, variant: ProgrammeVariant = 'standard'): ProgrammeTemplate {
	const template = PROGRAMME_TEMPLATES[programme][resolveVariant(programme, variant)];
	if (!template) throw new Error(`No template for programme ${programme}`);
	return template;
}

// ---------------------------------------------------------------------------------------------
// Calendar-date arithmetic

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(value: string): { year: number; month: number; day: number } {
	const match = ISO_DATE.exec(value);
	if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${value}`);
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
		throw new RangeError(`Not a date: ${value}`);
	return { year, month, day };
}

function formatIsoDate(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one; UTC keeps this free of time zones.
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months; the day is kept, or moved back to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
	const { year, month, day } = parseIsoDate(date);
	const index = year * 12 + (month - 1) + months;
	const newYear = Math.floor(index / 12);
	const newMonth = index - newYear * 12 + 1;
	return formatIsoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Adds (or with a negative number, subtracts) calendar days. */
export function addDays(date: string, days: number): string {
	const { year, month, day } = parseIsoDate(date);
	const moved = new Date(Date.UTC(year, month - 1, day + days));
	return formatIsoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	const a = parseIsoDate(from);
	const b = parseIsoDate(to);
	return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** Day of the week, 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(date: string): number {
	const { year, month, day } = parseIsoDate(date);
	return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// Plans

/** When the course is planned to end (the day after its last day); null for open-ended programmes. */
export function expectedEnd(programme: Programme, variant: ProgrammeVariant, startsOn: string): string | null {
	const { plannedMonths } = programmeTemplate(programme, variant);
	parseIsoDate(startsOn);
	return plannedMonths === null ? null : addMonths(startsOn, plannedMonths);
}

/** The latest date the citizen should be in a work placement; null when the programme sets none. */
export function placementDeadline(programme: Programme, variant: ProgrammeVariant, startsOn: string): string | null {
	const { milestones } = programmeTemplate(programme, variant);
	parseIsoDate(startsOn);
	return milestones.placementByMonth === undefined ? null : addMonths(startsOn, milestones.placementByMonth);
}

/**
 * The phases of a course starting on `startsOn`, with dates.
 *
 * Phases with a length are laid out one after another from the start. The first phase without
 * a length fills the time up to the phases after it, which are counted back from the planned
 * end. Without a planned end that phase is open (no `endsOn`) and the phases after it have no
 * dates yet. Follow-up phases (`afterEnd`) start at the planned end.
 */
export function phasePlan(programme: Programme, variant: ProgrammeVariant, startsOn: string): PlannedPhase[] {
	const template = programmeTemplate(programme, variant);
	const end = expectedEnd(programme, variant, startsOn);
	const plan: PlannedPhase[] = template.phases.map((phase, position) => ({
		key: phase.key,
		position,
		weeks: phase.weeks,
		optional: phase.optional ?? false,
		afterEnd: phase.afterEnd ?? false,
		startsOn: null,
		endsOn: null
	}));
	const inCourse = template.phases.flatMap((phase, index) => (phase.afterEnd ? [] : [index]));

	const length = (phase: PhaseTemplate, from: string): string | null =>
		phase.endsAtMonth !== undefined
			? addMonths(startsOn, phase.endsAtMonth)
			: phase.weeks !== null
				? addDays(from, phase.weeks * 7)
				: null;

	// Forward from the start, up to the first phase without a fixed end.
	let cursor: string = startsOn;
	let filler = -1;
	for (const index of inCourse) {
		const phase = template.phases[index];
		plan[index].startsOn = cursor;
		const next = length(phase, cursor);
		if (next === null) {
			filler = index;
			break;
		}
		plan[index].endsOn = next;
		cursor = next;
	}

	if (filler >= 0 && end !== null) {
		// Backward from the planned end, down to the filling phase.
		let back = end;
		const after = inCourse.filter((index) => index > filler).reverse();
		for (const index of after) {
			const phase = template.phases[index];
			if (phase.weeks === null) break;
			plan[index].endsOn = back;
			back = addDays(back, -phase.weeks * 7);
			plan[index].startsOn = back;
		}
		// A filler squeezed out by a very short course gets no negative length.
		plan[filler].endsOn = back < cursor ? cursor : back;
	}

	let afterCursor = end;
	for (const [index, phase] of template.phases.entries()) {
		if (!phase.afterEnd) continue;
		plan[index].startsOn = afterCursor;
		afterCursor = afterCursor !== null && phase.weeks !== null ? addDays(afterCursor, phase.weeks * 7) : null;
		plan[index].endsOn = afterCursor;
	}
	return plan;
}

/**
 * The index of the phase `today` falls in: the last phase that has started and has not ended.
 * -1 before the first phase starts; `phases.length` once every phase has ended.
 * Phases without a start date are never current; a phase without an end lasts until the next one starts.
 */
export function currentPhaseIndex(
	phases: ReadonlyArray<{ startsOn: string | null; endsOn: string | null }>,
	today: string
): number {
	parseIsoDate(today);
	let current = -1;
	let anyStarted = false;
	phases.forEach((phase, index) => {
		if (phase.startsOn === null || phase.startsOn > today) return;
		anyStarted = true;
		if (phase.endsOn === null || today < phase.endsOn) current = index;
	});
	if (current >= 0) return current;
	return anyStarted ? phases.length : -1;
}
