import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { navigate, showPage } from '../../../tests/browser/kit';
import { catchPageLoads, FakeContainer } from '../../../tests/browser/service-worker';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import UpdatePrompt from './update-prompt.svelte';

vi.mock('$app/navigation', () => import('../../../tests/browser/kit'));
vi.mock('$app/environment', () => import('../../../tests/browser/kit'));

/**
 * A new version of the app (update-prompt.svelte): the banner "Der er en ny udgave af Mit
 * forløb." with "Opdater", which reloads into the new version, but never over text the person
 * has typed and not saved. The browser's service worker is a stand-in (tests/browser/service-worker.ts),
 * page loads are caught before they happen.
 */

const BANNER = 'Der er en ny udgave af Mit forløb.';
const SAVE_FIRST = 'Gem først det, du skriver. Så opdaterer vi.';

let sw: FakeContainer;
let pageLoads: ReturnType<typeof catchPageLoads>;
let restoreWorker = () => {};
let screen: Awaited<ReturnType<typeof render>> | undefined;

beforeEach(() => {
	showPage('/plan');
	sw = new FakeContainer();
	restoreWorker = sw.install();
	pageLoads = catchPageLoads();
});

afterEach(async () => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	await screen?.unmount();
	screen = undefined;
	document.querySelector('main')?.remove();
	pageLoads.stop();
	restoreWorker();
	for (const key of Object.keys(sessionStorage)) if (key.startsWith('mf-')) sessionStorage.removeItem(key);
});

/** The app is opened (its worker registers after load), on a device that has run it before unless `first`. */
async function openApp({ first = false } = {}) {
	if (!first && !sw.controller) sw.controlledBy();
	screen = await render(UpdatePrompt, {}, { wrapper: WithI18n });
	await expect.poll(() => sw.registered).toEqual(['/service-worker.js']);
}

const banner = () => page.getByRole('status').filter({ hasText: BANNER });
const reloads = () => pageLoads.loads.filter((load) => load.type === 'reload').length;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Half-written text in a form on the page. */
function typeSomething(text = 'Jeg er halvvejs med') {
	const main = document.createElement('main');
	main.innerHTML =
		'<form method="POST"><label for="note">Din note</label><textarea id="note" name="note"></textarea></form>';
	document.body.append(main);
	const note = main.querySelector('textarea')!;
	note.value = text;
	return note;
}

describe('a new version', () => {
	it('is offered once it waits: the banner with "Opdater"; nothing before', async () => {
		await openApp();
		await sleep(250);
		await expect.element(page.getByText(BANNER)).not.toBeInTheDocument();

		await sw.newVersion();
		await expect.element(banner()).toBeVisible();
		await expect.element(banner().getByRole('button', { name: 'Opdater' })).toBeVisible();
		expect(reloads()).toBe(0);
	});

	it('is offered at once when it was already waiting when the app opened', async () => {
		sw.controlledBy();
		await sw.newVersion();
		await openApp();
		await expect.element(banner()).toBeVisible();
	});

	it('the first version on a device comes in quietly: no banner, no reload', async () => {
		await openApp({ first: true });
		await sw.newVersion();
		sw.activate();
		await sleep(300);
		await expect.element(page.getByText(BANNER)).not.toBeInTheDocument();
		expect(reloads()).toBe(0);
	});

	it('"Opdater" with nothing unsaved: the new version takes over and the page reloads into it', async () => {
		await openApp();
		const next = await sw.newVersion();
		await banner().getByRole('button', { name: 'Opdater' }).click();
		await expect.poll(reloads).toBe(1);
		expect(sw.controller).toBe(next);
	});

	it('never reloads over half-written text: it asks to save first, and updates after the next page', async () => {
		await openApp();
		const next = await sw.newVersion();
		const note = typeSomething();
		await banner().getByRole('button', { name: 'Opdater' }).click();
		await expect.element(banner().getByText(SAVE_FIRST)).toBeVisible();
		await sleep(100);
		expect(reloads()).toBe(0);
		expect(sw.registration.waiting).toBe(next);
		expect(note.value).toBe('Jeg er halvvejs med');

		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		// Still typing on the next page: still no reload.
		navigate('/plan/maal');
		vi.advanceTimersByTime(5_000);
		expect(reloads()).toBe(0);

		// Saved, and on to another page: once that has settled (a second), the new version comes.
		note.value = '';
		navigate('/');
		vi.advanceTimersByTime(999);
		expect(sw.registration.waiting).toBe(next);
		vi.advanceTimersByTime(1);
		await expect.poll(reloads).toBe(1);
		expect(sw.controller).toBe(next);
	});

	it('asked but held back by unsaved text, it updates without asking again after the page is loaded anew', async () => {
		await openApp();
		await sw.newVersion();
		const note = typeSomething();
		await banner().getByRole('button', { name: 'Opdater' }).click();
		await expect.element(banner().getByText(SAVE_FIRST)).toBeVisible();
		await screen!.unmount();
		note.closest('main')!.remove();

		// The person saved and the page was loaded anew (the same tab); the new version still waits.
		screen = await render(UpdatePrompt, {}, { wrapper: WithI18n });
		await expect.poll(reloads).toBe(1);
	});

	it('taken over by another tab: offered here, never reloaded without asking', async () => {
		await openApp();
		const next = await sw.newVersion();
		sw.activate(next);
		await expect.element(banner()).toBeVisible();
		await sleep(100);
		expect(reloads()).toBe(0);
		await banner().getByRole('button', { name: 'Opdater' }).click();
		await expect.poll(reloads).toBe(1);
	});

	it('without network, a link in the app is a full page load, so the worker can answer it', async () => {
		await openApp();
		vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
		expect(navigate('/kriseplan')).toBe(false);
		expect(pageLoads.loads).toEqual([{ type: 'push', url: `${location.origin}/kriseplan` }]);

		vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
		expect(navigate('/plan')).toBe(true);
		expect(pageLoads.loads).toHaveLength(1);
	});
});
