/**
 * Drafts: nothing typed is lost when a session ends. What a person types in a form is kept on the
 * device until the save is known to have worked (src/lib/components/draft-keeper.svelte wires
 * this to the page).
 *
 * - Typing keeps the form's changed text fields (`typing`).
 * - Pressing Save marks the draft `pending`: the server has not answered yet.
 * - The next page shown decides. A normal page means it was saved: the draft is dropped. The login
 *   page (the session had ended), the offline page or an error page mean it was not: the draft
 *   becomes `interrupted`, and is put back into the same form after logging in again, with a note.
 * - Where: on a device marked as the citizen's own (src/lib/offline/own-device-flag.ts) in
 *   localStorage; on any other device only in sessionStorage (this tab, gone when it closes).
 *   Logout wipes both. A draft records whose it is (a hash, not the id): after someone else logs
 *   in on the same tab, it is deleted, never shown to them.
 *
 * No DOM here (the component passes plain values), so it is tested with plain storage stand-ins.
 */

export const DRAFT_PREFIX = 'mf-draft:v2:';
/** Drafts of the first version (one key per text area, always in localStorage): removed. */
const LEGACY_PREFIX = 'mf-draft:';

export type DraftState = 'typing' | 'pending' | 'interrupted';

export interface Draft {
	/** Whose draft it is (the layout's `user.ref`), null when typed without a known person. */
	owner: string | null;
	state: DraftState;
	/** Field key (`name#id`) → the text typed. */
	fields: Record<string, string>;
}

/** The part of the Storage interface used here. */
export interface DraftStorage {
	readonly length: number;
	key(index: number): string | null;
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface DraftStores {
	/** Where drafts go on this device (localStorage on an own device, else sessionStorage). */
	chosen: DraftStorage;
	/** The other one: drafts found there are moved or removed, never written. */
	other: DraftStorage | null;
}

/** Pages that mean "the save did not happen": logged out, offline, or too many tries. */
const NOT_SAVED_PATHS = [/^\/login$/, /^\/auth\//, /^\/offline$/, /^\/for-mange-forsoeg$/];

export function landedWithoutSaving(pathname: string, status: number): boolean {
	return status >= 400 || NOT_SAVED_PATHS.some((re) => re.test(pathname));
}

/** The key of one form's draft: the page, the form's action and its fields, so two forms never mix. */
export function draftKey(pathname: string, action: string, fieldKeys: string[]): string {
	return `${DRAFT_PREFIX}${pathname}|${action}|${fieldKeys.join(',')}`;
}

function keysOf(storage: DraftStorage, prefix = DRAFT_PREFIX): string[] {
	const keys: string[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (key?.startsWith(prefix)) keys.push(key);
	}
	return keys;
}

function parse(raw: string | null): Draft | null {
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as Draft;
		return value && typeof value.fields === 'object' && typeof value.state === 'string' ? value : null;
	} catch {
		return null;
	}
}

function safely(run: () => void) {
	try {
		run();
	} catch {
		// Storage full or refused (private mode): the text is still in the form.
	}
}

export function readDraft(stores: DraftStores, key: string): Draft | null {
	return parse(stores.chosen.getItem(key));
}

/** Keeps the form's changed fields as typed; with none left, the draft is gone. */
export function keepTyping(stores: DraftStores, key: string, owner: string | null, fields: Record<string, string>) {
	safely(() => {
		stores.other?.removeItem(key);
		if (Object.keys(fields).length === 0) stores.chosen.removeItem(key);
		else stores.chosen.setItem(key, JSON.stringify({ owner, state: 'typing', fields } satisfies Draft));
	});
}

/** Save was pressed: keep what was sent until the next page says whether it was saved. */
export function markPending(stores: DraftStores, key: string, owner: string | null, fields: Record<string, string>) {
	safely(() => {
		stores.other?.removeItem(key);
		if (Object.keys(fields).length === 0) stores.chosen.removeItem(key);
		else stores.chosen.setItem(key, JSON.stringify({ owner, state: 'pending', fields } satisfies Draft));
	});
}

/** The draft is shown again: from now on it is an ordinary draft (the note is not shown twice). */
export function markShown(stores: DraftStores, key: string, draft: Draft) {
	if (draft.state !== 'interrupted') return;
	safely(() => stores.chosen.setItem(key, JSON.stringify({ ...draft, state: 'typing' } satisfies Draft)));
}

/**
 * After a page is shown: drafts move to the storage this device may use; someone else's are
 * deleted; pending ones are dropped when the page means they were saved, else kept as interrupted.
 */
export function settleDrafts(
	stores: DraftStores,
	owner: string | null,
	landed: { pathname: string; status: number }
): void {
	safely(() => {
		for (const storage of [stores.chosen, stores.other])
			for (const key of storage ? keysOf(storage, LEGACY_PREFIX) : [])
				if (!key.startsWith(DRAFT_PREFIX)) storage?.removeItem(key);
		if (stores.other) {
			for (const key of keysOf(stores.other)) {
				const raw = stores.other.getItem(key);
				stores.other.removeItem(key);
				if (raw && !stores.chosen.getItem(key)) stores.chosen.setItem(key, raw);
			}
		}
		const notSaved = landedWithoutSaving(landed.pathname, landed.status);
		for (const key of keysOf(stores.chosen)) {
			const draft = parse(stores.chosen.getItem(key));
			if (!draft || (owner && draft.owner && draft.owner !== owner)) {
				stores.chosen.removeItem(key);
			} else if (draft.state === 'pending') {
				if (notSaved) stores.chosen.setItem(key, JSON.stringify({ ...draft, state: 'interrupted' } satisfies Draft));
				else stores.chosen.removeItem(key);
			} else if (owner && !draft.owner) {
				stores.chosen.setItem(key, JSON.stringify({ ...draft, owner } satisfies Draft));
			}
		}
	});
}

/** Logout: every draft on this device goes, in both storages. */
export function wipeDrafts(...storages: Array<DraftStorage | null | undefined>): void {
	for (const storage of storages) {
		if (!storage) continue;
		safely(() => {
			for (const key of keysOf(storage, LEGACY_PREFIX)) storage.removeItem(key);
		});
	}
}

/** Any draft key in a storage (for tests and the logout check). */
export function draftKeys(storage: DraftStorage): string[] {
	return keysOf(storage);
}
