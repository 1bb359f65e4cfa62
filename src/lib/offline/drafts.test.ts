import { describe, expect, it } from 'vitest';
import {
	draftKey,
	draftKeys,
	keepTyping,
	landedWithoutSaving,
	markPending,
	markShown,
	readDraft,
	settleDrafts,
	wipeDrafts,
	type DraftStorage,
	type DraftStores
} from './drafts';

class MemoryStorage implements DraftStorage {
	private items = new Map<string, string>();
	get length() {
		return this.items.size;
	}
	key(index: number) {
		return [...this.items.keys()][index] ?? null;
	}
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

function device(): DraftStores & { chosen: MemoryStorage; other: MemoryStorage } {
	return { chosen: new MemoryStorage(), other: new MemoryStorage() };
}

const KEY = draftKey('/kriseplan/rediger', '?/addContact', ['name#contact-name', 'phone#contact-phone']);
const TYPED = { 'name#contact-name': 'Mor', 'phone#contact-phone': '12 34 56 78' };

describe('drafts', () => {
	it('keeps what is typed, and forgets a form with nothing changed', () => {
		const stores = device();
		keepTyping(stores, KEY, 'sara', TYPED);
		expect(readDraft(stores, KEY)).toEqual({ owner: 'sara', state: 'typing', fields: TYPED });
		keepTyping(stores, KEY, 'sara', {});
		expect(readDraft(stores, KEY)).toBeNull();
	});

	it('after Save, a normal page means saved: the draft is gone', () => {
		const stores = device();
		markPending(stores, KEY, 'sara', TYPED);
		settleDrafts(stores, 'sara', { pathname: '/kriseplan', status: 200 });
		expect(readDraft(stores, KEY)).toBeNull();
	});

	it('after Save, the login page means the session had ended: the draft waits for the next login', () => {
		const stores = device();
		markPending(stores, KEY, 'sara', TYPED);
		settleDrafts(stores, null, { pathname: '/login', status: 200 });
		expect(readDraft(stores, KEY)?.state).toBe('interrupted');
		// Back after logging in as the same person: still there to put back, once.
		settleDrafts(stores, 'sara', { pathname: '/kriseplan/rediger', status: 200 });
		const draft = readDraft(stores, KEY)!;
		expect(draft).toEqual({ owner: 'sara', state: 'interrupted', fields: TYPED });
		markShown(stores, KEY, draft);
		expect(readDraft(stores, KEY)?.state).toBe('typing');
	});

	it('the offline page, an error page or too many tries are not a save either', () => {
		for (const [pathname, status] of [
			['/offline', 200],
			['/kriseplan/rediger', 400],
			['/kriseplan/rediger', 503],
			['/for-mange-forsoeg', 200],
			['/auth/callback', 200]
		] as const)
			expect(landedWithoutSaving(pathname, status), pathname + status).toBe(true);
		expect(landedWithoutSaving('/kriseplan', 200)).toBe(false);
	});

	it('someone else logging in on the same device never gets the draft', () => {
		const stores = device();
		markPending(stores, KEY, 'sara', TYPED);
		settleDrafts(stores, null, { pathname: '/login', status: 200 });
		settleDrafts(stores, 'ali', { pathname: '/kriseplan/rediger', status: 200 });
		expect(readDraft(stores, KEY)).toBeNull();
	});

	it('on a device that is not the citizen’s own, drafts leave the long-lived storage', () => {
		// chosen = sessionStorage, other = localStorage (a shared device)
		const stores = device();
		stores.other.setItem(KEY, JSON.stringify({ owner: 'sara', state: 'typing', fields: TYPED }));
		stores.other.setItem('mf-draft:/dagbog::text:diary-text', 'old kind of draft');
		settleDrafts(stores, 'sara', { pathname: '/', status: 200 });
		expect(draftKeys(stores.other)).toEqual([]);
		expect(stores.other.length).toBe(0);
		expect(readDraft(stores, KEY)?.fields).toEqual(TYPED);
		keepTyping(stores, KEY, 'sara', { 'name#contact-name': 'Far' });
		expect(stores.other.length).toBe(0);
	});

	it('logout wipes drafts in every storage and leaves other things alone', () => {
		const a = new MemoryStorage();
		const b = new MemoryStorage();
		keepTyping({ chosen: a, other: null }, KEY, 'sara', TYPED);
		keepTyping({ chosen: b, other: null }, KEY, 'sara', TYPED);
		a.setItem('mf-own-device', 'on');
		wipeDrafts(a, b);
		expect(draftKeys(a)).toEqual([]);
		expect(draftKeys(b)).toEqual([]);
		expect(a.getItem('mf-own-device')).toBe('on');
	});
});
