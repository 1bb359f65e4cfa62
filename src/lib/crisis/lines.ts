import type { Translate } from '$lib/i18n/translator';

/**
 * Crisis lines the app knows: their description and opening hours are texts in every language
 * and reading mode (`crisis.lines.<key>`), while the name and number stay as stored. A line an
 * organisation adds itself has no key and is shown with the Danish text it was stored with.
 */
export const CRISIS_LINE_KEYS = [
	'emergency112',
	'livslinien',
	'psykiatrifonden',
	'psychiatricEmergency',
	'hverdagsmodAdvice',
	'cbrReception',
	'psychiatryDutyPhone',
	'districtPsychiatry',
	'socialCentre',
	'citizenService'
] as const;
export type CrisisLineKey = (typeof CRISIS_LINE_KEYS)[number];

function isCrisisLineKey(value: unknown): value is CrisisLineKey {
	return (CRISIS_LINE_KEYS as readonly unknown[]).includes(value);
}

/** The national lines anyone in Denmark may call: the public "Akut hjælp" page lists them. */
export const NATIONAL_LINES: ReadonlyArray<{ key: CrisisLineKey; name: string; phone: string }> = [
	{ key: 'emergency112', name: 'Alarm 112', phone: '112' },
	{ key: 'livslinien', name: 'Livslinien', phone: '70 201 201' },
	{ key: 'psykiatrifonden', name: 'Psykiatrifondens telefonrådgivning', phone: '39 25 25 25' }
];

/** A line's description or hours: the known text in the person's language, else the stored text. */
export function lineText(
	t: Translate,
	line: { textKey: string | null; description?: string | null; hours?: string | null },
	field: 'description' | 'hours'
): string {
	if (isCrisisLineKey(line.textKey)) return t(`crisis.lines.${line.textKey}.${field}`);
	return line[field] ?? '';
}

/** A `tel:` address for a number as written ("70 201 201" → "tel:70201201"). */
export function telHref(phone: string): string {
	return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
