/**
 * Sentences of a text, for read-aloud: each is one utterance and one highlight.
 *
 * `Intl.Segmenter` (ICU, the same in Node 24 and Chromium 156) does most of it, and already keeps
 * a full stop followed by a lower-case word inside the sentence ("Hver 2. eller 3. måned").
 * It does break after an abbreviation or a date before a digit or a capital ("Vi ses kl. | 10.",
 * "tlf. | 12 34", "d. | 8. feb.", "8. feb. | 2027", "Dr. | Smith"), so those boundaries are
 * joined again here. Without `Intl.Segmenter` (older browsers) a plain split at . ! ? ؟ and line
 * breaks stands in, and the same joining repairs it.
 *
 * Every character stays in exactly one sentence, spaces after it included, so the sentences
 * joined give back the text (the highlight shows the text as written).
 */

/**
 * Abbreviations after which the sentence always goes on, per language, without their last full
 * stop. A capitalised first letter matches too ("Kl. 10"). Not here: "osv.", "mv.", "m.m.",
 * "etc.", "т.д.", "т.п.": they often end a sentence, so they keep it only before a lower-case
 * word, like any full stop. Arabic needs none beyond what ICU does.
 */
const ABBREVIATIONS: Record<string, string> = {
	da: 'fx f.eks bl.a kl ca dvs nr tlf evt jf pga inkl ekskl mht ift hhv st stk d',
	en: 'e.g i.e Dr Mr Mrs Ms No approx',
	uk: 'напр ім вул тел'
};

/** Something to read: a letter or a digit. A part without one (spaces, stray marks) joins its neighbour. */
const WORDY = /[\p{L}\p{N}]/u;
/** A lower-case word (after opening quotes or brackets): a sentence never starts so. */
const LOWER_START = /^["'“‘«„([]*\p{Ll}/u;
/** A date before its year: "8. feb." (then "2027"). */
const DATE_END = /\d\.\s+\p{Ll}+\.$/u;

const abbreviationEnds = new Map<string, RegExp | null>();

/**
 * Whether `text` ends in an abbreviation of the language (`da`, or a locale such as `da-DK`)
 * after which the sentence goes on. Also used by LIX, so it counts sentences as read-aloud reads them.
 */
export function endsInAbbreviation(text: string, locale: string): boolean {
	const language = locale.split('-')[0].toLowerCase();
	let end = abbreviationEnds.get(language);
	if (end === undefined) {
		const words = ABBREVIATIONS[language]?.split(' ') ?? [];
		const both = words.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1)]).map((w) => w.replace(/\./g, '\\.'));
		end = both.length ? new RegExp(`(?:^|[^\\p{L}\\p{N}.])(?:${both.join('|')})\\.$`, 'u') : null;
		abbreviationEnds.set(language, end);
	}
	return end?.test(text) ?? false;
}

// Making a segmenter costs more than using it: keep the last one (a page has one language).
let segmenter: { locale: string; it: Intl.Segmenter } | undefined;

function segment(text: string, locale: string): string[] {
	if (typeof Intl.Segmenter === 'function') {
		if (segmenter?.locale !== locale)
			segmenter = { locale, it: new Intl.Segmenter(locale, { granularity: 'sentence' }) };
		return [...segmenter.it.segment(text)].map((s) => s.segment);
	}
	return text.match(/[^.!?؟\n]*[.!?؟]*\s*/g)?.filter(Boolean) ?? [];
}

/** Whether the sentence goes on after `before` into `after` (two neighbouring segments). */
function continues(before: string, after: string, locale: string): boolean {
	if (!WORDY.test(before) || !WORDY.test(after)) return true;
	const gap = /\s*$/.exec(before)?.[0] ?? '';
	// No space after the mark: inside a word or a number ("f.eks", "10.30"; only the fallback splits there).
	if (!gap) return true;
	// A line break ends a sentence, as in ICU.
	if (gap.includes('\n')) return false;
	const end = before.trimEnd();
	return LOWER_START.test(after) || endsInAbbreviation(end, locale) || (DATE_END.test(end) && /^\d/.test(after));
}

/** The sentences of `text` in the language of `locale` (a BCP 47 tag such as `da-DK`). */
export function splitSentences(text: string, locale: string): string[] {
	const sentences: string[] = [];
	for (const part of segment(text, locale)) {
		const last = sentences.length - 1;
		if (last >= 0 && continues(sentences[last], part, locale)) sentences[last] += part;
		else sentences.push(part);
	}
	return sentences;
}
