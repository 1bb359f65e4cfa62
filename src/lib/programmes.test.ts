import { describe, expect, it } from 'vitest';
import { MEETING_KINDS, PROGRAMMES } from './domain';
import {
	addDays,
	addMonths,
	currentPhaseIndex,
	daysBetween,
	expectedEnd,
	isoWeekday,
	phasePlan,
	placementDeadline,
	programmeTemplate,
	programmeVariants,
	PROGRAMME_TEMPLATES,
	resolveVariant
} from './programmes';
import da from './i18n/locales/da/programmes.json';
import en from './i18n/locales/en/programmes.json';
import ar from './i18n/locales/ar/programmes.json';

const keys = (plan: { key: string }[]) => plan.map((p) => p.key);

describe('calendar arithmetic', () => {
	it('adds months by calendar month and clamps to the month end', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
		expect(addMonths('2026-01-12', 9)).toBe('2026-10-12');
		expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
	});

	it('adds days across months, years and leap days', () => {
		expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-03-28', 28)).toBe('2026-04-25'); // across the DST change: still whole days
		expect(daysBetween('2026-01-12', '2026-10-12')).toBe(273);
		expect(daysBetween('2026-10-12', '2026-01-12')).toBe(-273);
	});

	it('knows the weekday', () => {
		expect(isoWeekday('2026-01-12')).toBe(1); // Monday
		expect(isoWeekday('2026-01-18')).toBe(7); // Sunday
	});

	it('refuses what is not a calendar date', () => {
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
		expect(() => addMonths('12-01-2026', 1)).toThrow(RangeError);
		expect(() => phasePlan('mestringsforloeb', 'standard', '2026-1-5')).toThrow(RangeError);
	});
});

describe('templates', () => {
	it('has a template for every programme', () => {
		for (const programme of PROGRAMMES) {
			const template = programmeTemplate(programme, 'standard');
			expect(template.programme).toBe(programme);
			expect(template.phases.length).toBeGreaterThan(0);
			for (const kind of template.typicalMeetings) expect(MEETING_KINDS).toContain(kind);
			for (const phase of template.phases)
				for (const kind of phase.meetings ?? []) expect(MEETING_KINDS).toContain(kind);
			const phaseKeys = template.phases.map((p) => p.key);
			expect(new Set(phaseKeys).size).toBe(phaseKeys.length);
		}
	});

	it('has at most one phase without a fixed length inside a course with a planned end', () => {
		for (const byVariant of Object.values(PROGRAMME_TEMPLATES)) {
			for (const template of Object.values(byVariant)) {
				if (template.plannedMonths === null) continue;
				const fillers = template.phases.filter((p) => !p.afterEnd && p.weeks === null && p.endsAtMonth === undefined);
				expect(fillers.length, template.programme).toBeLessThanOrEqual(1);
			}
		}
	});

	it('falls back to the default variant', () => {
		expect(programmeVariants('jobrettet_rehabilitering')).toEqual(['4_months', '9_months']);
		expect(resolveVariant('jobrettet_rehabilitering', 'standard')).toBe('4_months');
		expect(resolveVariant('mestringsforloeb', '9_months')).toBe('standard');
		expect(programmeTemplate('jobrettet_rehabilitering', '9_months').plannedMonths).toBe(9);
	});
});

describe('mestringsforløb', () => {
	const plan = phasePlan('mestringsforloeb', 'standard', '2026-02-02');

	it('has its phases in order, forforløb about 4 weeks', () => {
		expect(keys(plan)).toEqual([
			'forforloeb',
			'planlaegning',
			'erkendelse_og_mestring',
			'forankring',
			'afslutning',
			'opfoelgning'
		]);
		expect(plan[0]).toMatchObject({ startsOn: '2026-02-02', endsOn: '2026-03-02' });
		expect(daysBetween(plan[0].startsOn!, plan[0].endsOn!)).toBe(28);
	});

	it('lasts 4–6 months and follows up afterwards', () => {
		const template = programmeTemplate('mestringsforloeb', 'standard');
		expect(template.lengthMonths).toEqual({ min: 4, max: 6 });
		expect(expectedEnd('mestringsforloeb', 'standard', '2026-02-02')).toBe('2026-08-02');
		expect(plan[4]).toMatchObject({ key: 'afslutning', endsOn: '2026-08-02' });
		expect(plan[5]).toMatchObject({ key: 'opfoelgning', afterEnd: true, startsOn: '2026-08-02' });
		const months = daysBetween('2026-02-02', plan[4].endsOn!) / 30.44;
		expect(months).toBeGreaterThanOrEqual(4);
		expect(months).toBeLessThanOrEqual(6.01);
	});

	it('leaves no gaps between phases', () => {
		for (let i = 1; i < plan.length; i++) expect(plan[i].startsOn).toBe(plan[i - 1].endsOn);
	});

	it('has no placement deadline', () => {
		expect(placementDeadline('mestringsforloeb', 'standard', '2026-02-02')).toBeNull();
	});
});

describe('jobrettet rehabilitering', () => {
	it('9 months from 12 January: placement by 12 May, ends 12 October', () => {
		expect(placementDeadline('jobrettet_rehabilitering', '9_months', '2026-01-12')).toBe('2026-05-12');
		expect(expectedEnd('jobrettet_rehabilitering', '9_months', '2026-01-12')).toBe('2026-10-12');
		const plan = phasePlan('jobrettet_rehabilitering', '9_months', '2026-01-12');
		expect(keys(plan)).toEqual(['forsamtale', 'startsamtale', 'intro_og_plan', 'virksomhedspraktik', 'afslutning']);
		expect(plan[0]).toMatchObject({ optional: true, startsOn: '2026-01-12', endsOn: '2026-01-19' });
		expect(plan[2]).toMatchObject({ key: 'intro_og_plan', startsOn: '2026-01-26', endsOn: '2026-05-12' });
		expect(plan[3]).toMatchObject({ key: 'virksomhedspraktik', startsOn: '2026-05-12', endsOn: '2026-09-28' });
		expect(plan[4]).toMatchObject({ key: 'afslutning', startsOn: '2026-09-28', endsOn: '2026-10-12' });
	});

	it('4 months: placement by month 2', () => {
		expect(placementDeadline('jobrettet_rehabilitering', '4_months', '2026-01-31')).toBe('2026-03-31');
		expect(expectedEnd('jobrettet_rehabilitering', '4_months', '2026-01-31')).toBe('2026-05-31');
		const plan = phasePlan('jobrettet_rehabilitering', '4_months', '2026-01-31');
		expect(plan.find((p) => p.key === 'virksomhedspraktik')?.startsOn).toBe('2026-03-31');
	});

	it('writes a follow-up note at least every 2 months', () => {
		for (const variant of ['4_months', '9_months'] as const) {
			expect(programmeTemplate('jobrettet_rehabilitering', variant).milestones.followUpNoteEveryMonths).toBe(2);
		}
	});

	it('treats an unknown variant as the 4-month course', () => {
		expect(expectedEnd('jobrettet_rehabilitering', 'standard', '2026-01-12')).toBe('2026-05-12');
	});
});

describe('mestringsvejledning', () => {
	const plan = phasePlan('mestringsvejledning', 'standard', '2026-03-01');

	it('has no end', () => {
		expect(expectedEnd('mestringsvejledning', 'standard', '2026-03-01')).toBeNull();
		expect(programmeTemplate('mestringsvejledning').lengthMonths).toBeNull();
		expect(placementDeadline('mestringsvejledning', 'standard', '2026-03-01')).toBeNull();
	});

	it('starts with visitation, then open support', () => {
		expect(keys(plan)).toEqual(['visitation', 'stoette', 'opfoelgning']);
		expect(plan[0]).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-03-15' });
		expect(plan[1]).toMatchObject({ startsOn: '2026-03-15', endsOn: null });
		expect(plan[2]).toMatchObject({ startsOn: null, endsOn: null });
		expect(currentPhaseIndex(plan, '2030-01-01')).toBe(1);
	});

	it('offers video support (virtuel bostøtte)', () => {
		expect(programmeTemplate('mestringsvejledning').typicalMeetings).toContain('video_bostoette');
	});
});

describe('ressourceforløb', () => {
	it('is planned for a year at first, within 1–5 years', () => {
		const template = programmeTemplate('ressourceforloeb');
		expect(template.lengthMonths).toEqual({ min: 12, max: 60 });
		expect(expectedEnd('ressourceforloeb', 'standard', '2026-02-16')).toBe('2027-02-16');
		expect(template.typicalMeetings).toContain('trepartsmoede');
	});

	it('goes from rehabiliteringsplan through the mentor course to the end', () => {
		const plan = phasePlan('ressourceforloeb', 'standard', '2026-02-16');
		expect(keys(plan)).toEqual(['rehabiliteringsplan', 'opstart_med_mentor', 'mentorforloeb', 'afslutning']);
		expect(plan[2]).toMatchObject({ startsOn: '2026-04-13', endsOn: '2027-01-19' });
		expect(plan[3]).toMatchObject({ startsOn: '2027-01-19', endsOn: '2027-02-16' });
	});
});

describe('På vej til arbejde', () => {
	const plan = phasePlan('paa_vej_til_arbejde', 'standard', '2026-01-05');

	it('starts with an 8-week group course', () => {
		expect(keys(plan)).toEqual(['gruppeforloeb', 'individuelle_samtaler', 'virksomhedspraktik', 'opkvalificering']);
		expect(plan[0]).toMatchObject({ startsOn: '2026-01-05', endsOn: '2026-03-02' });
		expect(daysBetween(plan[0].startsOn!, plan[0].endsOn!)).toBe(56);
	});

	it('is open-ended with network meetings every 2–3 months', () => {
		expect(expectedEnd('paa_vej_til_arbejde', 'standard', '2026-01-05')).toBeNull();
		expect(programmeTemplate('paa_vej_til_arbejde').milestones.networkMeetingEveryMonths).toEqual([2, 3]);
		expect(plan[2]).toMatchObject({ key: 'virksomhedspraktik', startsOn: '2026-05-25', endsOn: null });
		expect(plan[3]).toMatchObject({ key: 'opkvalificering', optional: true, startsOn: null, endsOn: null });
	});
});

describe('currentPhaseIndex', () => {
	const plan = phasePlan('jobrettet_rehabilitering', '9_months', '2026-01-12');

	it('finds the phase that covers today', () => {
		expect(currentPhaseIndex(plan, '2026-01-11')).toBe(-1);
		expect(currentPhaseIndex(plan, '2026-01-12')).toBe(0);
		expect(currentPhaseIndex(plan, '2026-01-19')).toBe(1);
		expect(currentPhaseIndex(plan, '2026-05-11')).toBe(2);
		expect(currentPhaseIndex(plan, '2026-05-12')).toBe(3);
		expect(currentPhaseIndex(plan, '2026-10-11')).toBe(4);
	});

	it('says when every phase has ended', () => {
		expect(currentPhaseIndex(plan, '2026-10-12')).toBe(plan.length);
		expect(currentPhaseIndex([], '2026-10-12')).toBe(-1);
	});

	it('counts the follow-up after a mestringsforløb', () => {
		const m = phasePlan('mestringsforloeb', 'standard', '2026-02-02');
		expect(currentPhaseIndex(m, '2026-08-10')).toBe(5);
		expect(currentPhaseIndex(m, '2027-01-01')).toBe(m.length);
	});
});

// ---------------------------------------------------------------------------------------------
// Texts

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(tree)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof value === 'string') out[path] = value;
		else Object.assign(out, flatten(value, path));
	}
	return out;
}

/** Fills placeholders with a sample value: dates with a word, counts with a number ("hver 2. måned"). */
const fill = (text: string) => text.replace(/\{\{date\}\}/g, 'dato').replace(/\{\{\w+\}\}/g, '2');
/** Sentence ends; a full stop after a digit is an ordinal ("hver 2. måned"), not an end. */
const SENTENCE_END = /(?<!\d)[.!?:]+(?:\s|$)/;

/** LIX = words / sentences + 100 × long words (more than 6 letters) / words. */
function lix(text: string): number {
	const words = fill(text)
		.split(/\s+/)
		.map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
		.filter((w) => w.length > 0);
	const sentences = Math.max(
		1,
		fill(text)
			.split(SENTENCE_END)
			.filter((s) => s.trim().length > 0).length
	);
	const long = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 6).length;
	return words.length / sentences + (100 * long) / words.length;
}

describe('programme texts', () => {
	const flat = {
		da: flatten(da as unknown as Tree),
		en: flatten(en as unknown as Tree),
		ar: flatten(ar as unknown as Tree)
	};

	it('have the same keys in Danish, English and Arabic', () => {
		const daKeys = Object.keys(flat.da).sort();
		expect(Object.keys(flat.en).sort()).toEqual(daKeys);
		expect(Object.keys(flat.ar).sort()).toEqual(daKeys);
		for (const lang of ['da', 'en', 'ar'] as const)
			for (const [key, value] of Object.entries(flat[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
	});

	it('name every programme and every phase, with standard and easy-read texts', () => {
		for (const programme of PROGRAMMES) {
			expect(flat.da[`${programme}.name`]).toBeTruthy();
			expect(flat.da[`${programme}.intro`]).toBeTruthy();
			expect(flat.da[`${programme}.intro_easy`]).toBeTruthy();
			for (const variant of programmeVariants(programme)) {
				for (const phase of programmeTemplate(programme, variant).phases) {
					for (const field of ['name', 'about', 'about_easy'])
						expect(
							flat.da[`${programme}.phases.${phase.key}.${field}`],
							`${programme} ${phase.key} ${field}`
						).toBeTruthy();
				}
			}
		}
		for (const variant of ['standard', '4_months', '9_months']) expect(flat.da[`variant.${variant}.name`]).toBeTruthy();
	});

	it('keep the same placeholders in every language', () => {
		const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
		for (const [key, value] of Object.entries(flat.da)) {
			expect(placeholders(flat.en[key]), `en ${key}`).toEqual(placeholders(value));
			expect(placeholders(flat.ar[key]), `ar ${key}`).toEqual(placeholders(value));
		}
	});

	it('are plain Danish: LIX ≤ 25 for easy-read and ≤ 35 for standard texts', () => {
		const tooHard: string[] = [];
		for (const [key, value] of Object.entries(flat.da)) {
			if (key.endsWith('.name')) continue; // names, not sentences
			const limit = key.endsWith('_easy') ? 25 : 35;
			const score = lix(value);
			if (score > limit) tooHard.push(`${key}: LIX ${score.toFixed(1)} > ${limit}`);
		}
		expect(tooHard).toEqual([]);
	});

	it('keep easy-read sentences short (at most 12 words)', () => {
		const tooLong: string[] = [];
		for (const [key, value] of Object.entries(flat.da)) {
			if (!key.endsWith('_easy')) continue;
			for (const sentence of fill(value).split(SENTENCE_END)) {
				const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
				if (words > 12) tooLong.push(`${key}: "${sentence.trim()}" (${words} words)`);
			}
		}
		expect(tooLong).toEqual([]);
	});
});
