import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { navigate, showPage } from '../../../tests/browser/kit';
import WithI18n from '../../../tests/browser/with-i18n.svelte';
import KeeperThenPage from '../../../tests/browser/keeper-then-page.svelte';
import DraftKeeper from './draft-keeper.svelte';

vi.mock('$app/navigation', () => import('../../../tests/browser/kit'));
vi.mock('$app/state', () => import('../../../tests/browser/kit'));

/**
 * Nothing typed is lost (draft-keeper.svelte with $lib/offline/draft-page.ts): text typed in a
 * form comes back after the session ended and the person logged in again, with a note; it is gone
 * once saved; nobody else who logs in on the same tab ever sees it; passwords are never kept.
 */

const PAGE = '/kriseplan/rediger';
const SAVED_SIGNS = 'Jeg bliver stille.';

/** The draft code's document listeners: a page load starts without them. */
const listeners: Array<[string, EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined]> =
	[];
let screen: Awaited<ReturnType<typeof render>> | undefined;

beforeEach(() => {
	const add = document.addEventListener.bind(document);
	vi.spyOn(document, 'addEventListener').mockImplementation((type, listener, options) => {
		if (listener && ['input', 'change', 'submit', 'focusin', 'reset'].includes(type))
			listeners.push([type, listener, options]);
		add(type, listener, options);
	});
});

afterEach(async () => {
	await leavePage();
	vi.restoreAllMocks();
	for (const storage of [localStorage, sessionStorage])
		for (const key of Object.keys(storage)) if (key.startsWith('mf-')) storage.removeItem(key);
});

/** The page as the server made it: a form that posts, a text area holding the saved plan, and the keeper. */
async function openPage(owner: string | null) {
	showPage(PAGE);
	const main = document.createElement('main');
	main.innerHTML = `
		<form method="POST" action="?/addContact">
			<label for="name">Navn</label><input id="name" name="name" />
			<label for="phone">Telefonnummer</label><input id="phone" name="phone" type="tel" />
			<label for="pin">Kode</label><input id="pin" name="pin" type="password" />
			<label for="signs">Tegn på, at jeg får det svært</label><textarea id="signs" name="signs">${SAVED_SIGNS}</textarea>
			<button>Tilføj</button>
		</form>`;
	// The test page must stay: the post itself is what the test does next (a navigation).
	main.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
	document.body.append(main);
	screen = await render(DraftKeeper, { owner }, { wrapper: WithI18n });
}

/** A full page load ends this one: its components, its DOM and its scripts' listeners go. */
async function leavePage() {
	await screen?.unmount();
	screen = undefined;
	document.querySelector('main')?.remove();
	for (const [type, listener, options] of listeners.splice(0)) document.removeEventListener(type, listener, options);
}

const field = (label: string) => page.getByLabelText(label);
const draftsIn = (storage: Storage) =>
	Object.keys(storage)
		.filter((key) => key.startsWith('mf-draft:'))
		.map((key) => storage.getItem(key) ?? '');

async function typeInForm() {
	await field('Navn').fill('Naboen Bo');
	await field('Telefonnummer').fill('12 34 56 78');
	await field('Kode').fill('hemmelig');
	await field('Tegn på, at jeg får det svært').fill(`${SAVED_SIGNS}\nJeg sover dårligt.`);
	await expect.poll(() => draftsIn(sessionStorage).join()).toContain('Jeg sover dårligt.');
}

/** Tilføj is pressed; the server's answer decides which page comes next. */
async function pressAdd(next: string) {
	await page.getByRole('button', { name: 'Tilføj' }).click();
	navigate(next, { type: 'form' });
}

describe('drafts', () => {
	it('text typed when the session ended comes back after a new login, with a note; never the password', async () => {
		await openPage('ref-fatima');
		await typeInForm();
		// Not this device's own: kept for this tab only.
		expect(draftsIn(localStorage)).toEqual([]);
		expect(draftsIn(sessionStorage).join()).not.toContain('hemmelig');

		// The session had ended: the post lands on the login page.
		await pressAdd('/login?returnTo=%2Fkriseplan%2Frediger');
		await leavePage();
		await openPage('ref-fatima');

		await expect.element(field('Navn')).toHaveValue('Naboen Bo');
		await expect.element(field('Telefonnummer')).toHaveValue('12 34 56 78');
		await expect.element(field('Tegn på, at jeg får det svært')).toHaveValue(`${SAVED_SIGNS}\nJeg sover dårligt.`);
		await expect.element(field('Kode')).toHaveValue('');
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Vi har gemt det, du skrev. Det er ikke sendt endnu.');
		// The note is in the form the text came back to, above its fields.
		expect(document.querySelector('form')!.firstElementChild!.getAttribute('role')).toBe('status');
	});

	it('once saved, the draft is gone: the next visit shows the form as the server made it', async () => {
		await openPage('ref-fatima');
		await typeInForm();
		await pressAdd(PAGE);
		expect(draftsIn(sessionStorage)).toEqual([]);

		await leavePage();
		await openPage('ref-fatima');
		await expect.element(field('Tegn på, at jeg får det svært')).toHaveValue(SAVED_SIGNS);
		await expect.element(field('Navn')).toHaveValue('');
		expect(document.querySelector('[role="status"]')).toBeNull();
	});

	it('text typed before the page’s scripts ran (a slow phone) is kept too', async () => {
		showPage(PAGE);
		const main = document.createElement('main');
		main.innerHTML = `<form method="POST" action="?/addContact"><label for="name">Navn</label><input id="name" name="name" /></form>`;
		document.body.append(main);
		// Typed into the page the server sent, before the keeper (and its focus listener) existed.
		const name = main.querySelector('input')!;
		name.focus();
		name.value = 'Naboen Bo';
		screen = await render(DraftKeeper, { owner: 'ref-fatima' }, { wrapper: WithI18n });
		await expect.poll(() => draftsIn(sessionStorage).join()).toContain('Naboen Bo');
	});

	it('what was typed before the scripts ran survives hydration: given back to its field, and kept; untouched fields are not', async () => {
		showPage(PAGE);
		const main = document.createElement('main');
		main.innerHTML = `<form method="POST" action="?/addContact">
			<label for="name">Navn</label><input id="name" name="name" />
			<label for="phone">Telefonnummer</label><input id="phone" name="phone" value="11 11 11 11" />
			<label for="note">Note</label><input id="note" name="note" value="Fra serveren" />
			<label for="signs">Tegn</label><textarea id="signs" name="signs">${SAVED_SIGNS}</textarea>
			<label for="plan">Plan</label><textarea id="plan" name="plan"></textarea>
			<label><input type="checkbox" name="private" />Kun for mig</label></form>`;
		document.body.append(main);
		const [name, phone, note, box] = main.querySelectorAll('input');
		const [signs, plan] = main.querySelectorAll('textarea');
		// Typed and ticked in the page the server sent; the last field is still in focus.
		name.value = 'Naboen Bo';
		plan.value = 'Ring til Bo';
		box.checked = true;
		phone.focus();
		phone.value = '12 34 56 78';
		// As Svelte hydrates `value={…}`, a text area's `{…}` and `checked={…}`: from the page's state.
		const hydrate = () => {
			for (const area of [signs, plan]) area.textContent = '';
			for (const field of [name, phone, note, signs, plan]) field.value = field.defaultValue;
			signs.value = SAVED_SIGNS;
			box.checked = false;
			return '';
		};
		const ticked = vi.fn();
		box.addEventListener('change', ticked);
		screen = await render(KeeperThenPage, { owner: 'ref-fatima', hydrate }, { wrapper: WithI18n });

		await expect.element(field('Navn')).toHaveValue('Naboen Bo');
		await expect.element(field('Telefonnummer')).toHaveValue('12 34 56 78');
		await expect.element(field('Plan')).toHaveValue('Ring til Bo');
		await expect.element(field('Note')).toHaveValue('Fra serveren');
		await expect.element(field('Tegn')).toHaveValue(SAVED_SIGNS);
		expect(box.checked).toBe(true);
		expect(ticked).toHaveBeenCalledOnce();
		// Still writing in it: still in the field.
		expect(document.activeElement).toBe(phone);
		await expect.poll(() => draftsIn(sessionStorage).join()).toContain('Ring til Bo');
		const kept = draftsIn(sessionStorage).join();
		expect(kept).toContain('Naboen Bo');
		expect(kept).toContain('12 34 56 78');
		expect(kept).not.toContain('Fra serveren');
		expect(kept).not.toContain(SAVED_SIGNS);
	});

	it('someone else who logs in on the same tab never sees it, and it is deleted', async () => {
		await openPage('ref-fatima');
		await typeInForm();
		await pressAdd('/login');
		await leavePage();

		await openPage('ref-mette');
		// Give the draft code time to load and settle (its note would come after 100 ms).
		await expect.poll(() => draftsIn(sessionStorage)).toEqual([]);
		await new Promise((done) => setTimeout(done, 150));
		await expect.element(field('Navn')).toHaveValue('');
		await expect.element(field('Tegn på, at jeg får det svært')).toHaveValue(SAVED_SIGNS);
		expect(document.querySelector('[role="status"]')).toBeNull();
	});

	it('a form that comes only when its card is opened (the plan’s goal cards) gets its draft back then', async () => {
		// The session ended while a note was written under a card: the post landed on the login page.
		await openPage('ref-fatima');
		await typeInForm();
		await pressAdd('/login');
		await leavePage();

		// Back on the page the card is closed, and a closed card has no forms (goal-card.svelte).
		showPage(PAGE);
		const main = document.createElement('main');
		main.innerHTML = `<details id="card"><summary>Mål 2</summary></details>`;
		document.body.append(main);
		screen = await render(DraftKeeper, { owner: 'ref-fatima' }, { wrapper: WithI18n });
		const card = main.querySelector('details')!;
		// Opened: the card's own handler puts the forms in as it opens.
		card.addEventListener('toggle', () =>
			card.insertAdjacentHTML(
				'beforeend',
				`<form method="POST" action="?/addContact">
					<label for="name">Navn</label><input id="name" name="name" />
					<label for="phone">Telefonnummer</label><input id="phone" name="phone" type="tel" />
					<label for="pin">Kode</label><input id="pin" name="pin" type="password" />
					<label for="signs">Tegn på, at jeg får det svært</label><textarea id="signs" name="signs"></textarea>
				</form>`
			)
		);
		await userEvent.click(page.getByText('Mål 2'));
		await expect.element(field('Navn')).toHaveValue('Naboen Bo');
		await expect.element(field('Tegn på, at jeg får det svært')).toHaveValue(`${SAVED_SIGNS}\nJeg sover dårligt.`);
		await expect.element(field('Kode')).toHaveValue('');
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Vi har gemt det, du skrev. Det er ikke sendt endnu.');
	});

	it('on the citizen’s own device the draft outlives the tab (localStorage); text in a field marked off is not kept', async () => {
		localStorage.setItem('mf-own-device', 'on');
		await openPage('ref-fatima');
		document
			.querySelector('form')!
			.insertAdjacentHTML(
				'beforeend',
				'<div data-draft="off"><label for="code">Engangskode</label><input id="code" name="code" /></div>'
			);
		await field('Engangskode').fill('987654');
		await field('Navn').fill('Mor');
		await expect.poll(() => draftsIn(localStorage).join()).toContain('Mor');
		expect(draftsIn(sessionStorage)).toEqual([]);
		expect(draftsIn(localStorage).join()).not.toContain('987654');
		await userEvent.clear(field('Navn'));
		// Typed away again: nothing left to keep.
		await expect.poll(() => draftsIn(localStorage)).toEqual([]);
	});
});
