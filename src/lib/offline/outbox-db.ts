/** The outbox's IndexedDB database (outbox.ts); a module of its own so the page can name it without loading the outbox. */
export const OUTBOX_DB = 'mf-outbox';
