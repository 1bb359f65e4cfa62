import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import WaitingList from '../../routes/dagbog/_components/waiting-list.svelte';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import { OUTBOX_DB } from './outbox-db';
import { OutboxState } from './outbox-state.svelte';
import { closeOutbox, enqueue, flush, pending, revise } from './outbox';

/**
 * A diary page with a voice recording, in the browser's real IndexedDB (which keeps the Blob
 * itself): it waits like text, goes to /api/sync alone as multipart with the recording, is sent
 * once, and a recording the server refuses stays on the phone with the reason.
 */

interface Sent {
	items: Array<{ id: string; kind: string; payload: Record<string, unknown> }>;
	audio: File | null;
	contentType: string | null;
}
let requests: Sent[];
let answer: (sent: Sent) => Response;
const stored = (sent: Sent) => Response.json({ results: sent.items.map(({ id }) => ({ id, status: 'stored' })) });

const fetchStub: typeof fetch = async (_input, init) => {
	const body = init?.body;
	const sent: Sent =
		body instanceof FormData
			? { ...JSON.parse(String(body.get('items'))), audio: body.get('audio') as File, contentType: null }
			: { ...JSON.parse(String(body)), audio: null, contentType: new Headers(init?.headers).get('content-type') };
	requests.push(sent);
	return answer(sent);
};

const recording = () => new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])], { type: 'audio/webm' });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeEach(() => {
	requests = [];
	answer = stored;
});
afterEach(async () => {
	vi.restoreAllMocks();
	await closeOutbox();
	await new Promise((done) => (indexedDB.deleteDatabase(OUTBOX_DB).onsuccess = done));
});

describe('the outbox with a recording', () => {
	it('keeps the Blob, sends it alone as multipart, text in a batch of its own, each once', async () => {
		await enqueue('diary', id(1), { mood: 3, text: 'Kun tekst' });
		await enqueue('diary', id(2), { mood: 4, text: 'Med lyd' }, recording());
		const [, withAudio] = await pending();
		expect(withAudio.audio).toBeInstanceOf(Blob);
		expect(withAudio.audio?.type).toBe('audio/webm');

		expect(await flush(fetchStub)).toEqual({ sent: 2, rejected: 0, left: 0 });
		expect(requests).toHaveLength(2);
		expect(requests[0]).toMatchObject({ items: [{ id: id(1) }], audio: null, contentType: 'application/json' });
		expect(requests[1].items).toEqual([{ id: id(2), kind: 'diary', payload: { mood: 4, text: 'Med lyd' } }]);
		expect(requests[1].audio?.type).toBe('audio/webm');
		expect([...new Uint8Array(await requests[1].audio!.arrayBuffer())].slice(0, 4)).toEqual([0x1a, 0x45, 0xdf, 0xa3]);

		// Sent once: nothing is left to send again.
		expect(await flush(fetchStub)).toEqual({ sent: 0, rejected: 0, left: 0 });
		expect(requests).toHaveLength(2);
	});

	it('a refused recording is kept with its reason, and can go again without the recording', async () => {
		answer = (sent) =>
			sent.audio
				? Response.json({ results: [{ id: sent.items[0].id, status: 'invalid', reason: 'voice.refused.tooLong' }] })
				: stored(sent);
		await enqueue('diary', id(3), { mood: 2, text: 'For lang optagelse' }, recording());
		expect(await flush(fetchStub)).toEqual({ sent: 0, rejected: 1, left: 0 });
		const [kept] = await pending();
		expect(kept).toMatchObject({ state: 'rejected', reason: 'voice.refused.tooLong' });
		expect(kept.audio?.size).toBe(7);

		await revise(id(3), kept.payload, { withoutAudio: true });
		expect(await flush(fetchStub)).toEqual({ sent: 1, rejected: 0, left: 0 });
		expect(requests.at(-1)).toMatchObject({ items: [{ id: id(3) }], audio: null });
	});

	it('a recording too big for the server (413) is refused on the phone, not lost', async () => {
		answer = () => new Response(null, { status: 413 });
		await enqueue('diary', id(4), { mood: 3, text: null }, recording());
		expect(await flush(fetchStub)).toEqual({ sent: 0, rejected: 1, left: 0 });
		expect(await pending()).toMatchObject([{ id: id(4), state: 'rejected', reason: 'voice.refused.tooBig' }]);
	});

	it('on the diary page: a refused recording says why, can be heard, and the text can go without it', async () => {
		answer = (sent) =>
			sent.audio
				? Response.json({ results: [{ id: sent.items[0].id, status: 'invalid', reason: 'voice.refused.tooLong' }] })
				: stored(sent);
		vi.spyOn(window, 'fetch').mockImplementation((input, init) => fetchStub(input, init));
		const outbox = new OutboxState();
		const stop = outbox.start();
		const screen = await render(WaitingList, { outbox }, { wrapper: WithI18n });
		await outbox.add('diary', id(5), { mood: '3', text: 'Min dag' }, recording());

		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('Kunne ikke sendes: Optagelsen er for lang. Den må højst vare 2 minutter. Ret den her.');
		await expect.element(page.getByLabelText('Din optagelse')).toBeVisible();
		expect(page.getByLabelText('Din optagelse').element().getAttribute('src')).toMatch(/^blob:/);
		const refused = page.getByRole('listitem');
		await refused.getByRole('button', { name: 'Send uden optagelsen' }).click();
		await expect.poll(() => requests.at(-1)?.audio).toBeNull();
		expect(requests.at(-1)?.items).toEqual([{ id: id(5), kind: 'diary', payload: { mood: '3', text: 'Min dag' } }]);
		await expect.poll(pending).toEqual([]);
		stop();
		await screen.unmount();
	});
});
