/**
 * What splitSentences should give (each sentence without its trailing space), shared by the unit
 * test (Node's ICU, and the fallback without Intl.Segmenter) and the component test (Chromium's ICU).
 */
export const SENTENCE_CASES: Array<{ locale: string; text: string; sentences: string[] }> = [
	// The issue: an ordinal before a lower-case word is not a sentence end.
	{
		locale: 'da-DK',
		text: 'Hver 2. eller 3. måned holder I et netværksmøde. Det er godt.',
		sentences: ['Hver 2. eller 3. måned holder I et netværksmøde.', 'Det er godt.']
	},
	// Dates, as the app writes them (long and short) and as people write them.
	{
		locale: 'da-DK',
		text: 'Mødet er mandag 8. februar kl. 10.30. Kom glad.',
		sentences: ['Mødet er mandag 8. februar kl. 10.30.', 'Kom glad.']
	},
	{
		locale: 'da-DK',
		text: 'Mødet er 8. feb. 2027. Kom glad.',
		sentences: ['Mødet er 8. feb. 2027.', 'Kom glad.']
	},
	{
		locale: 'da-DK',
		text: 'Vi ses d. 8. feb. kl. 10 i salen. Husk kaffe.',
		sentences: ['Vi ses d. 8. feb. kl. 10 i salen.', 'Husk kaffe.']
	},
	{ locale: 'da-DK', text: 'Vi ses d. 3. Tag en ven med.', sentences: ['Vi ses d. 3.', 'Tag en ven med.'] },
	// A real sentence end after a number.
	{ locale: 'da-DK', text: 'Vi ses kl. 10. Husk kaffe.', sentences: ['Vi ses kl. 10.', 'Husk kaffe.'] },
	// Abbreviations, also with a capital at the start of a sentence.
	{
		locale: 'da-DK',
		text: 'Tag fx en ven med. Det hjælper bl.a. at gå. Kl. 10 mødes vi. Ca. 5 personer kommer.',
		sentences: ['Tag fx en ven med.', 'Det hjælper bl.a. at gå.', 'Kl. 10 mødes vi.', 'Ca. 5 personer kommer.']
	},
	{
		locale: 'da-DK',
		text: 'Se evt. også nr. 3 og ring på tlf. 12 34 56 78. Læs jf. § 2 stk. 3. Det tager ca. 3 timer, dvs. 180 minutter.',
		sentences: [
			'Se evt. også nr. 3 og ring på tlf. 12 34 56 78.',
			'Læs jf. § 2 stk. 3.',
			'Det tager ca. 3 timer, dvs. 180 minutter.'
		]
	},
	// "osv." may end a sentence: it keeps the sentence only before a lower-case word.
	{
		locale: 'da-DK',
		text: 'Vi taler om mad, søvn osv. Næste gang ses vi. Vi taler om mad osv. og så om arbejde.',
		sentences: ['Vi taler om mad, søvn osv.', 'Næste gang ses vi.', 'Vi taler om mad osv. og så om arbejde.']
	},
	// A word that ends in "d" is not the abbreviation "d.".
	{ locale: 'da-DK', text: 'Jeg er glad. Du er glad.', sentences: ['Jeg er glad.', 'Du er glad.'] },
	// Question and exclamation marks; a quotation that goes on in lower case.
	{
		locale: 'da-DK',
		text: 'Hvorfor? Fordi det hjælper! "Nej!" sagde hun. Så gik vi.',
		sentences: ['Hvorfor?', 'Fordi det hjælper!', '"Nej!" sagde hun.', 'Så gik vi.']
	},
	// A line break ends a sentence.
	{ locale: 'da-DK', text: 'Første linje\nAnden linje', sentences: ['Første linje', 'Anden linje'] },
	{
		locale: 'en-GB',
		text: 'See Dr. Smith at 10 a.m. tomorrow. Bring e.g. a pen. No. 5 is fine. I said no. Then I left.',
		sentences: [
			'See Dr. Smith at 10 a.m. tomorrow.',
			'Bring e.g. a pen.',
			'No. 5 is fine.',
			'I said no.',
			'Then I left.'
		]
	},
	{
		locale: 'uk-UA',
		text: 'Кава, чай і т.д. Ось так. Вул. Шевченка, 5. Тел. 12 34 56. Чому? Бо так.',
		sentences: ['Кава, чай і т.д.', 'Ось так.', 'Вул. Шевченка, 5.', 'Тел. 12 34 56.', 'Чому?', 'Бо так.']
	},
	{
		locale: 'ar',
		text: 'لديك هدف. لماذا؟ لأنه يساعد! نعم.',
		sentences: ['لديك هدف.', 'لماذا؟', 'لأنه يساعد!', 'نعم.']
	},
	{ locale: 'da-DK', text: 'Uden punktum', sentences: ['Uden punktum'] },
	{ locale: 'da-DK', text: '', sentences: [] }
];
