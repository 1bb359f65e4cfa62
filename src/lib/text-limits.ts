/**
 * The longest text a person may type in each field. The schema checks it and the field says it
 * (`maxlength` and a counter, TextLimit), from this one place, so the page never promises more
 * than the server takes. A module of its own so a page can name a limit without loading valibot.
 */
export const TEXT_LIMITS = {
	diary: 4000,
	planNote: 2000,
	logText: 4000,
	crisisPlan: 2000,
	/** "Det vil jeg gerne tale om": a few words (a photo says the rest). */
	topic: 300
} as const;
