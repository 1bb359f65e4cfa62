import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import WaitingList from '../../routes/dagbog/_components/waiting-list.svelte';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import { OUTBOX_DB } from './outbox-db';
import { OutboxState } from './outbox-state.svelte';

/**
 * Diary pages written on the phone (OutboxState, the outbox in the browser's real IndexedDB,
 * shown by the diary's waiting list): they wait while there is no network and say so, survive a
 * reload, are sent once when the network is back, wait as long as a busy server asks, and one the
 * server refuses never holds back the others. /api/sync is a stand-in that records what it got.
 */

interface SentItem {
	id: string;
	kind: string;
	payload: { mood: string; text: string | null };
}
type Answer = (items: SentItem[]) => Response;

const stored: Answer = (items) => Response.json({ results: items.map(({ id }) => ({ id, status: 'stored' })) });
let answer: Answer;
/** Each request to /api/sync: the items it carried. */
let requests: SentItem[][];
let online: boolean;
let sent: ReturnType<typeof vi.fn<() => void>>;
let stop = () => {};
let screen: Awaited<ReturnType<typeof render>> | undefined;

beforeEach(() => {
	answer = stored;
	requests = [];
	online = true;
	vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
	const pass = window.fetch.bind(window);
	vi.spyOn(window, 'fetch').mockImplementation(async (input, init) => {
		if (String(input) !== '/api/sync') return pass(input, init);
		const { items } = JSON.parse(String(init?.body)) as { items: SentItem[] };
		requests.push(items);
		return answer(items);
	});
});

afterEach(async () => {
	vi.useRealTimers();
	await closePage();
	vi.restoreAllMocks();
	await (await import('./outbox')).closeOutbox();
	await new Promise((done) => (indexedDB.deleteDatabase(OUTBOX_DB).onsuccess = done));
});

/** The diary page is opened (or loaded anew): its outbox starts and its waiting list is shown. */
async function openDiary() {
	sent = vi.fn<() => void>();
	const outbox = new OutboxState(sent);
	stop = outbox.start();
	screen = await render(WaitingList, { outbox }, { wrapper: WithI18n });
	return outbox;
}

async function closePage() {
	stop();
	stop = () => {};
	await screen?.unmount();
	screen = undefined;
}

function setOnline(value: boolean) {
	online = value;
	dispatchEvent(new Event(value ? 'online' : 'offline'));
}

let next = 0;
/** Saves a diary page as the form does: into the outbox with an id made on the phone. */
async function write(outbox: OutboxState, text: string, mood = '4') {
	const id = `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
	await outbox.add('diary', id, { mood, text });
	return id;
}

/** Waits on the browser's own clock, also while the page's timers are fake. */
const realSetTimeout = globalThis.setTimeout;
const realSleep = (ms: number) => new Promise((done) => realSetTimeout(done, ms));

const waitingTexts = () => [...document.querySelectorAll('li.waiting span[dir]')].map((el) => el.textContent);

describe('the diary outbox', () => {
	it('written without network: it waits on the phone and says so, nothing is sent, and a reload still shows it', async () => {
		online = false;
		const outbox = await openDiary();
		await write(outbox, 'Skrevet i toget');
		await write(outbox, 'Og lidt mere');

		await expect.element(page.getByRole('heading', { name: 'Venter på at blive sendt' })).toBeVisible();
		await expect.element(page.getByText('Du har ikke internet lige nu. Det bliver sendt senere.')).toBeVisible();
		expect(waitingTexts()).toEqual(['Skrevet i toget', 'Og lidt mere']);
		expect(requests).toEqual([]);

		await closePage();
		await openDiary();
		await expect.poll(waitingTexts).toEqual(['Skrevet i toget', 'Og lidt mere']);
		expect(requests).toEqual([]);
	});

	it('when the network is back, each is sent once, the page says so and fetches the diary again', async () => {
		online = false;
		const outbox = await openDiary();
		const ids = [await write(outbox, 'Et'), await write(outbox, 'To')];

		setOnline(true);
		await expect.element(page.getByRole('status')).toHaveTextContent('2 sider er sendt.');
		expect(waitingTexts()).toEqual([]);
		expect(requests.map((items) => items.map((i) => i.id))).toEqual([ids]);
		expect(requests[0].map((i) => i.payload)).toEqual([
			{ mood: '4', text: 'Et' },
			{ mood: '4', text: 'To' }
		]);
		expect(sent).toHaveBeenCalledOnce();

		// Back and forth again: nothing is sent twice.
		setOnline(false);
		setOnline(true);
		await new Promise((done) => setTimeout(done, 50));
		expect(requests).toHaveLength(1);
	});

	it('a busy server: nothing is lost, and it tries again when the server said (Retry-After)', async () => {
		answer = () => new Response(null, { status: 503, headers: { 'retry-after': '3' } });
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		online = false;
		const outbox = await openDiary();
		await write(outbox, 'Når serveren har travlt');
		setOnline(true);
		// Only the browser's own clock from here until the retry: the polling helpers (vi.waitFor,
		// expect.element) move a fake clock on by themselves. A send reads IndexedDB first (browser
		// tasks, not microtasks), so each step gets a moment of real time.
		while (requests.length === 0) await realSleep(20);
		await realSleep(100);
		expect(requests).toHaveLength(1);
		expect(waitingTexts()).toEqual(['Når serveren har travlt']);
		expect(document.body.textContent).toContain('Vi sender det nu.');

		answer = stored;
		await vi.advanceTimersByTimeAsync(2_999);
		await realSleep(200);
		expect(requests).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		await expect.poll(() => requests).toHaveLength(2);
		await expect.element(page.getByRole('status')).toHaveTextContent('Sendt.');
		expect(waitingTexts()).toEqual([]);
	});

	it('one the server refuses never holds back the others; it says why, and can be fixed and sent, or deleted', async () => {
		answer = (items) =>
			Response.json({
				results: items.map(({ id, payload }) =>
					payload.text?.startsWith('For lang')
						? { id, status: 'invalid', errors: { text: 'validation.tooLong' } }
						: { id, status: 'stored' }
				)
			});
		online = false;
		const outbox = await openDiary();
		const good = await write(outbox, 'Kort og godt');
		const long = await write(outbox, 'For lang første');
		await write(outbox, 'For lang anden');
		setOnline(true);

		const refused = page.getByRole('listitem').filter({ has: page.getByRole('alert') });
		await expect.element(refused.first()).toBeVisible();
		expect(refused.elements()).toHaveLength(2);
		await expect
			.element(refused.first().getByRole('alert'))
			.toHaveTextContent('Kunne ikke sendes: Teksten er for lang. Gør den kortere. Ret den her.');
		// Not listed as waiting, and the good one went through.
		expect(waitingTexts()).toEqual([]);
		expect(requests.flat().map((i) => i.id)).toContain(good);

		await refused.first().getByLabelText('Ret teksten').fill('Kortere nu');
		await refused.first().getByRole('button', { name: 'Send igen' }).click();
		await expect.poll(() => refused.elements().length).toBe(1);
		// What is sent for it last is the fixed text, on its own (the list changes before the send is recorded).
		await expect
			.poll(() => requests.filter((sent) => sent.some((i) => i.id === long)).at(-1))
			.toEqual([{ id: long, kind: 'diary', payload: { mood: '4', text: 'Kortere nu' } }]);

		await refused.getByRole('button', { name: 'Slet den' }).click();
		await expect.element(page.getByRole('heading', { name: 'Kunne ikke sendes' })).not.toBeInTheDocument();
		const { pending } = await import('./outbox');
		expect(await pending()).toEqual([]);
		expect(requests.flat().filter((i) => i.payload.text === 'For lang anden')).toHaveLength(1);
	});

	it('the service worker’s wake-up (Background Sync) sends what waits', async () => {
		online = false;
		const outbox = await openDiary();
		const id = await write(outbox, 'Sendt i baggrunden');
		// The network came back while the page was in the background: no online event reached it.
		online = true;
		navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'FLUSH_OUTBOX' } }));
		await vi.waitFor(() => expect(requests.flat().map((i) => i.id)).toEqual([id]));
		await expect.element(page.getByRole('status')).toHaveTextContent('Sendt.');
	});
});
