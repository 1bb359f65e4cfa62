import { describe, expect, it } from 'vitest';
import { LIX_LIMIT, isLabel, lix, lixLevel, longestSentenceWords } from './lix';

// Every expected value below is counted by hand: words / sentences + 100 × long / words.

describe('lix', () => {
	it('counts a plain two-sentence text', () => {
		// 7 words, 2 sentences, 0 long words → 7/2 = 3.5
		expect(lix('Jeg går en tur. Det er godt.')).toEqual({ score: 3.5, words: 7, sentences: 2, longWords: 0 });
	});

	it('counts long words (more than 6 letters; exactly 6 is not long)', () => {
		// Sagsbehandleren (15) long; ringer (6), morgen (6) not → 6 words, 1 sentence, 1 long
		const r = lix('Sagsbehandleren ringer til dig i morgen.');
		expect(r).toMatchObject({ words: 6, sentences: 1, longWords: 1 });
		expect(r.score).toBeCloseTo(6 + 100 / 6, 10);
	});

	it('scores a heavy official text as very hard', () => {
		// 5 words, all long, 2 sentences → 2.5 + 100
		const r = lix('Rehabiliteringsplanen beskriver målsætningerne. Jobcentret godkender.');
		expect(r).toEqual({ score: 102.5, words: 5, sentences: 2, longWords: 5 });
		expect(lixLevel(r.score)).toBe('very_hard');
	});

	it('counts æ, ø and å as letters', () => {
		// Pårørende (9) and æblejagt (8) are long; 4 words, 1 sentence → 4 + 50
		expect(lix('Pårørende går på æblejagt.')).toEqual({ score: 54, words: 4, sentences: 1, longWords: 2 });
		// sætning has 7 letters (long), søster has 6 (not long)
		expect(lix('sætning').longWords).toBe(1);
		expect(lix('søster').longWords).toBe(0);
		expect(lix('Åbenhed').longWords).toBe(1);
	});

	it('counts a placeholder as one short word', () => {
		// Hej, {{name}}, Du, har, {{count}}, møder → 6 words, 2 sentences → 3
		expect(lix('Hej {{name}}. Du har {{count}} møder.')).toEqual({ score: 3, words: 6, sentences: 2, longWords: 0 });
		// A long placeholder name is still short: Mødet med X er aflyst → 5 words
		expect(lix('Mødet med {{organisationName}} er aflyst.')).toEqual({
			score: 5,
			words: 5,
			sentences: 1,
			longWords: 0
		});
		// {{name}}s sider → two words
		expect(lix('Se {{name}}s sider').words).toBe(3);
		// Formatted placeholders too
		expect(lix('{{count, number}} dage').words).toBe(2);
	});

	it('gives 0 for empty text', () => {
		expect(lix('')).toEqual({ score: 0, words: 0, sentences: 0, longWords: 0 });
		expect(lix('   \n  ').score).toBe(0);
		expect(lix('... !?').score).toBe(0);
	});

	it('counts a text without an ending as one sentence', () => {
		expect(lix('Jeg går en tur')).toEqual({ score: 4, words: 4, sentences: 1, longWords: 0 });
		expect(lix('Jeg går en tur. Det er godt').sentences).toBe(2);
	});

	it('ends sentences at ! ? : and line breaks', () => {
		expect(lix('Kom nu! Er du klar? Husk: Tag sko på.').sentences).toBe(4);
		expect(lix('Første linje\nAnden linje').sentences).toBe(2);
		expect(lix('Første linje\r\n\r\nAnden linje').sentences).toBe(2);
		expect(lix('Er du der?!').sentences).toBe(1);
		expect(lix('Han sagde: "Kom." Så gik vi.').sentences).toBe(3);
	});

	it('does not end a sentence inside numbers, times, ordinals and abbreviations', () => {
		// Vi, ses, hver, 2, måned → 1 sentence
		expect(lix('Vi ses hver 2. måned.')).toEqual({ score: 5, words: 5, sentences: 1, longWords: 0 });
		expect(lix('Vi ses hver {{months}}. måned.').sentences).toBe(1);
		expect(lix('Mødet er kl. 10:30 i dag.').sentences).toBe(1);
		expect(lix('Tag f.eks. en bus.').sentences).toBe(1);
		// … but a capital after the full stop starts a new sentence
		expect(lix('Fra {{from}}. Denne del er frivillig.').sentences).toBe(2);
	});

	it('does not end a sentence after an abbreviation that always goes on, whatever follows', () => {
		// Mødet, er, kl., X, i, dag → 1 sentence (a placeholder is not a lower-case word)
		expect(lix('Mødet er kl. {{time}} i dag.')).toEqual({ score: 6, words: 6, sentences: 1, longWords: 0 });
		expect(lix('Ring på tlf. {{phone}}. Vi ses d. {{date}}.').sentences).toBe(2);
		expect(lix('Ca. {{count}} kommer. Kl. {{time}} går vi.').sentences).toBe(2);
		// A word that ends in the letters of one is not an abbreviation: glad. | Du
		expect(lix('Jeg er glad. Du er glad.').sentences).toBe(2);
	});

	it('never counts a number as a long word', () => {
		// Det, koster, 1234567, kroner → 4 words, 0 long
		expect(lix('Det koster 1234567 kroner.')).toEqual({ score: 4, words: 4, sentences: 1, longWords: 0 });
		expect(lix('Det tager 1½ time.').words).toBe(4);
		// 4–6: a dash splits, so two numbers
		expect(lix('4–6 måneder').words).toBe(3);
	});

	it('keeps hyphenated compounds as one word', () => {
		// Brug, MitID-appen (10 letters) → 2 words, 1 sentence, 1 long → 2 + 50
		expect(lix('Brug MitID-appen.')).toEqual({ score: 52, words: 2, sentences: 1, longWords: 1 });
	});
});

describe('lixLevel', () => {
	it.each([
		[0, 'very_easy'],
		[24.9, 'very_easy'],
		[25, 'easy'],
		[34.9, 'easy'],
		[35, 'medium'],
		[44.9, 'medium'],
		[45, 'hard'],
		[54.9, 'hard'],
		[55, 'very_hard'],
		[120, 'very_hard']
	] as const)('%s → %s', (score, level) => {
		expect(lixLevel(score)).toBe(level);
	});

	it('has the limits for standard and easy-read texts', () => {
		expect(LIX_LIMIT).toEqual({ standard: 35, easy: 25 });
	});
});

describe('isLabel', () => {
	it.each([
		'Log ind',
		'Ressourcekonsulent',
		'Er du der stadig?',
		'Fejlnummer: {{code}}',
		'Kan træffes:',
		'Du er logget ud',
		''
	])('%j is a label', (text) => expect(isLabel(text)).toBe(true));

	it.each([
		'Du er logget ud. Tak for nu.',
		'Ja. Nej',
		'Første linje\nAnden',
		'Log ud alle andre steder nu',
		'Du har ingen møder lige nu.'
	])('%j is running text', (text) => expect(isLabel(text)).toBe(false));
});

describe('longestSentenceWords', () => {
	it('finds the longest sentence', () => {
		expect(longestSentenceWords('Jeg går. Du går en lang tur i dag.')).toBe(7);
		expect(longestSentenceWords('Hej {{name}}, velkommen')).toBe(3);
		expect(longestSentenceWords('')).toBe(0);
	});
});
