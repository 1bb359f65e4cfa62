import { E2E_ORIGIN, expect, hydrated, setReading, test, holdScripts } from './fixtures';

test.describe('diary and log', () => {
	test('writing an entry: face, words, nothing else needed; private until shared', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-mette');
		await page.getByRole('navigation').getByRole('link', { name: 'Dagbog' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();
		await axe();

		// No face chosen: said plainly, nothing saved.
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		await expect(page.getByText('Vælg, hvordan dagen var.')).toBeVisible();

		await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
		await page.getByLabel('Hvad skete der?').fill('Jeg gik en tur ved søen.');
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		const entry = page.locator('li.entry').filter({ hasText: 'Jeg gik en tur ved søen.' });
		await expect(entry).toHaveCount(1);
		await expect(entry.getByText('Kun dig.')).toBeVisible();
		await axe();
	});

	test('the outbox replayed twice stores each entry once', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-fatima');
		await page.goto('/dagbog');
		const items = [1, 2].map((n) => ({
			id: crypto.randomUUID(),
			kind: 'diary',
			payload: { mood: 3, text: `Gentaget side ${n}` }
		}));
		const send = () => page.request.post('/api/sync', { data: { items }, headers: { origin: E2E_ORIGIN } });
		const first = await (await send()).json();
		const second = await (await send()).json();
		expect(first.results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
		expect(second.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
		// The same id with other words is refused, not overwritten.
		const reused = await page.request.post('/api/sync', {
			data: { items: [{ ...items[0], payload: { mood: 1, text: 'Noget helt andet' } }] },
			headers: { origin: E2E_ORIGIN }
		});
		expect((await reused.json()).results[0].status).toBe('conflict');
		await page.reload();
		await expect(page.locator('li.entry').filter({ hasText: 'Gentaget side 1' })).toHaveCount(1);
		await expect(page.locator('li.entry').filter({ hasText: 'Gentaget side 2' })).toHaveCount(1);
		await expect(page.getByText('Noget helt andet')).toHaveCount(0);
	});

	test('in a browser that runs no service worker, an entry written after the network went away waits and is sent', async ({
		page,
		context,
		loginAs
	}) => {
		// This project blocks service workers, as some privacy modes do: nothing can bring the
		// outbox code offline, so the page must have fetched it while the network was there.
		await loginAs(page, 'demo-fatima');
		await page.goto('/dagbog');
		await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

		const text = `Skrevet uden net og uden worker ${Date.now()}`;
		await context.setOffline(true);
		try {
			await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
			await page.getByLabel('Hvad skete der?').fill(text);
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			await expect(page.locator('li.waiting').filter({ hasText: text })).toBeVisible();
			await expect(page.getByText('Du har ikke internet lige nu. Det bliver sendt senere.')).toBeVisible();
		} finally {
			await context.setOffline(false);
		}
		await expect(page.locator('li.waiting')).toHaveCount(0, { timeout: 20_000 });
		await page.reload();
		await expect(page.locator('li.entry').filter({ hasText: text })).toHaveCount(1);
	});

	test('when the phone cannot keep an entry, online it goes straight to the server; offline the text stays, said plainly', async ({
		page,
		context,
		loginAs
	}) => {
		// No storage on this phone (as in some privacy modes): opening IndexedDB fails.
		await page.addInitScript(() => {
			IDBFactory.prototype.open = () => {
				throw new DOMException('No storage here', 'InvalidStateError');
			};
		});
		await loginAs(page, 'demo-fatima');
		await page.goto('/dagbog');
		await page.waitForLoadState('networkidle');

		const online = `Gemt direkte på serveren ${Date.now()}`;
		await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
		await page.getByLabel('Hvad skete der?').fill(online);
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		await expect(page.locator('li.entry').filter({ hasText: online })).toHaveCount(1);
		await expect(page.getByRole('alert')).toHaveCount(0);

		const offline = `Ikke gemt uden net ${Date.now()}`;
		await context.setOffline(true);
		try {
			await page.locator('fieldset.mood-picker').getByText('Svær', { exact: true }).click();
			await page.getByLabel('Hvad skete der?').fill(offline);
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			await expect(page.getByRole('alert')).toHaveText(
				'Det kunne ikke gemmes på telefonen uden internet. Din tekst står her stadig. Prøv igen, når du har internet.'
			);
			await expect(page.getByLabel('Hvad skete der?')).toHaveValue(offline);
			await expect(page.locator('li.waiting')).toHaveCount(0);
		} finally {
			await context.setOffline(false);
		}
	});

	test('bad offline items are refused one by one and nothing is corrupted', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-fatima');
		const response = await page.request.post('/api/sync', {
			headers: { origin: E2E_ORIGIN },
			data: {
				items: [
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 4, text: '<script>alert(1)</script>' } },
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 9, text: 'x' } },
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: 'x'.repeat(20_000) } },
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: 'ok', subgoalId: crypto.randomUUID() } }
				]
			}
		});
		const { results } = await response.json();
		expect(results.map((r: { status: string }) => r.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
		expect(results[0].errors.text).toBe('validation.noHtml');
		expect(results[2].errors.text).toBe('validation.tooLong');
		expect((await page.request.post('/api/sync', { headers: { origin: E2E_ORIGIN }, data: '{nope' })).status()).toBe(
			400
		);
	});

	test('a face tapped before the page’s script runs (a slow phone) stays chosen', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-mette');
		// The page's scripts wait until the face is tapped.
		const release = await holdScripts(page);
		await page.goto('/dagbog', { waitUntil: 'commit' });
		await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
		await expect(page.getByRole('radio', { name: 'God', exact: true })).toBeChecked();
		release();
		await hydrated(page);
		await expect(page.getByRole('radio', { name: 'God', exact: true })).toBeChecked();
		await page.unrouteAll({ behavior: 'ignoreErrors' });
	});

	test('sharing and unsharing change what the professional sees', async ({ page, loginAs, browser, axe }) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/dagbog');
		// The face picker's state is the page script's: a tap before it runs is undone when it starts
		// (under load it once was, and Gem then asked for a face).
		await hydrated(page);
		await page.locator('fieldset.mood-picker').getByText('Sådan da', { exact: true }).click();
		await page.getByLabel('Hvad skete der?').fill('Jeg vil gerne vise Birgitte det her.');
		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		const entry = page.locator('li.entry').filter({ hasText: 'Jeg vil gerne vise Birgitte det her.' });
		await entry.getByText('Hvem må se det?').click();
		// A toggle: its name stays the same; aria-pressed and the words "Til"/"Fra" say whether it is on.
		const shareSwitch = entry.getByRole('button', { name: /Del med Birgitte Sørensen/ });
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'false');
		await expect(shareSwitch).toContainText('Fra');
		await shareSwitch.click();
		await expect(entry.getByText('Delt med Birgitte.')).toBeVisible();
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'true');
		await expect(shareSwitch).toContainText('Til');

		const staff = await browser.newContext();
		const birgitte = await staff.newPage();
		await loginAs(birgitte, 'demo-birgitte');
		await birgitte.getByRole('link', { name: 'Mette Kristensen' }).click();
		await birgitte.waitForURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
		const citizenPath = new URL(birgitte.url()).pathname;
		await birgitte.goto(`${citizenPath}/dagbog`);
		await expect(birgitte.getByText('Jeg vil gerne vise Birgitte det her.')).toBeVisible();
		await axe(birgitte);
		const shared = birgitte.locator('li.card').filter({ hasText: 'Jeg vil gerne vise Birgitte det her.' });
		await shared.getByRole('link', { name: 'Åbn' }).click();
		await birgitte.waitForURL(/\/dagbog\/[0-9a-f-]{36}$/);
		const entryUrl = birgitte.url();
		await expect(birgitte.getByText('Jeg vil gerne vise Birgitte det her.')).toBeVisible();

		// The choice list may still be open from before.
		if ((await entry.locator('details').getAttribute('open')) === null)
			await entry.getByText('Hvem må se det?').click();
		await shareSwitch.click();
		await expect(entry.getByText('Kun dig.')).toBeVisible();
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'false');
		await expect(shareSwitch).toContainText('Fra');

		expect((await birgitte.goto(entryUrl))?.status()).toBe(403);
		await birgitte.goto(`${citizenPath}/dagbog`);
		await expect(birgitte.getByText('Jeg vil gerne vise Birgitte det her.')).toHaveCount(0);
		await staff.close();

		// Mette's access log tells the two apart: the page Birgitte read, and the try she was refused.
		await page.goto('/adgangslog');
		const rows = page.locator('ol.access-log > li').filter({ hasText: 'Birgitte Sørensen' });
		await expect(rows.filter({ hasText: /Så din dagbogsside fra .+\./ }).first()).toBeVisible();
		await expect(
			rows.filter({ hasText: /Prøvede at åbne din dagbogsside fra .+, men fik ikke lov\./ }).first()
		).toBeVisible();
	});

	test('without JavaScript: a closed "Hvem må se det?" has no share forms; its link opens that list, and a share there says "Til" with the list open', async ({
		browser,
		loginAs
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false, baseURL: E2E_ORIGIN });
		const page = await context.newPage();
		await loginAs(page, 'demo-mette');
		await page.goto('/dagbog');
		// An entry of its own under a delmål, so the link is seen to keep the page's filter.
		const subgoalId = await page.locator('select#filter option:not([value=""])').first().getAttribute('value');
		expect(subgoalId).toMatch(/^[0-9a-f-]{36}$/);
		const text = `Uden script delt med Birgitte ${Date.now()}`;
		const written = await page.request.post('/dagbog?/write', {
			// As the form sends it without a script (an answer of a page, not JSON).
			headers: { origin: E2E_ORIGIN, accept: 'text/html' },
			form: { id: crypto.randomUUID(), mood: '4', text, subgoalId: subgoalId! },
			maxRedirects: 0
		});
		expect(written.status()).toBe(303);
		await page.goto(`/dagbog?delmaal=${subgoalId}`);

		// The server's HTML: no list open, and not one share form in it.
		await expect(page.locator('li.entry details[open]')).toHaveCount(0);
		await expect(page.locator('li.entry details form')).toHaveCount(0);
		const entry = page.locator('li.entry').filter({ hasText: text });
		const entryId = (await entry.getAttribute('id'))!.replace(/^entry-/, '');
		expect(entryId).toMatch(/^[0-9a-f-]{36}$/);

		// Opened, the list shows one link: the page with this entry's list open, the filter kept.
		await entry.getByText('Hvem må se det?').click();
		await expect(entry.getByRole('button')).toHaveCount(0);
		const link = entry.getByRole('link', { name: 'Vælg, hvem der må se det' });
		await expect(link).toHaveAttribute('href', `?delmaal=${subgoalId}&del=${entryId}#entry-${entryId}`);
		await link.click();
		await expect(page).toHaveURL(`${E2E_ORIGIN}/dagbog?delmaal=${subgoalId}&del=${entryId}#entry-${entryId}`);
		await expect(entry.locator('details')).toHaveAttribute('open', '');
		await expect(entry.getByRole('link', { name: 'Vælg, hvem der må se det' })).toHaveCount(0);
		// Only this entry's list: the others stay closed, without forms.
		await expect(page.locator('li.entry details[open]')).toHaveCount(1);
		await expect(page.locator('li.entry details:not([open]) form')).toHaveCount(0);

		const shareSwitch = entry.getByRole('button', { name: /Del med Birgitte Sørensen/ });
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'false');
		await expect(shareSwitch).toContainText('Fra');
		await shareSwitch.click();
		// The answer is a new page that lands at the entry, its list open, the switch now on.
		await expect(page).toHaveURL(new RegExp(`/dagbog\\?/share#entry-${entryId}$`));
		await expect(entry.getByText('Delt med Birgitte.')).toBeVisible();
		await expect(entry.locator('details')).toHaveAttribute('open', '');
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'true');
		await expect(shareSwitch).toContainText('Til');
		await expect(page.locator('li.entry details[open]')).toHaveCount(1);

		// Taken back the same way, so the entry is hers alone again.
		await shareSwitch.click();
		await expect(entry.getByText('Kun dig.')).toBeVisible();
		await expect(shareSwitch).toContainText('Fra');

		// ?del= that is not an id, or the id of no entry of hers: the diary as usual, nothing open.
		for (const del of ['nope', "1'; drop table x", crypto.randomUUID()]) {
			const response = await page.goto(`/dagbog?del=${encodeURIComponent(del)}`);
			expect(response?.status()).toBe(200);
			await expect(page.locator('li.entry details[open]')).toHaveCount(0);
			await expect(page.locator('li.entry details form')).toHaveCount(0);
		}
		await context.close();
	});

	test('easy-read, without JavaScript: the link of an older entry opens "Det, du skrev før" and that entry\'s list', async ({
		browser,
		loginAs
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false, baseURL: E2E_ORIGIN });
		const page = await context.newPage();
		await loginAs(page, 'demo-sara');
		await page.goto('/dagbog');
		await setReading(page, 'easy');
		await page.goto('/dagbog');
		// Easy-read: the last entry, the older ones one tap away; no list open, no share forms.
		const older = page.locator('details.diary-more').filter({ hasText: /Det, du skrev før/ });
		await expect(older).not.toHaveAttribute('open');
		await expect(page.locator('li.entry form')).toHaveCount(0);
		await older.locator('summary').first().click();
		const entry = older.locator('li.entry').first();
		const entryId = (await entry.getAttribute('id'))!.replace(/^entry-/, '');
		await entry.getByText('Hvem må se det?').click();
		await entry.getByRole('link', { name: 'Vælg, hvem der må se det' }).click();
		// The page again, the older entries open, and this entry's list with its switches.
		await expect(page).toHaveURL(new RegExp(`/dagbog\\?del=${entryId}#entry-${entryId}$`));
		await expect(older).toHaveAttribute('open', '');
		await expect(entry.locator('details')).toHaveAttribute('open', '');
		await expect(entry.getByRole('button', { name: /Del med Lone Berg/ })).toBeVisible();
		await expect(page.locator('li.entry details[open]')).toHaveCount(1);
		await context.close();
	});

	test('with JavaScript: opening "Hvem må se det?" shows its switches at once, also when opened before the script ran', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-mette');
		const text = `Åbnet før scriptet ${Date.now()}`;
		const written = await page.request.post('/dagbog?/write', {
			// As the form sends it without a script (an answer of a page, not JSON).
			headers: { origin: E2E_ORIGIN, accept: 'text/html' },
			form: { id: crypto.randomUUID(), mood: '3', text },
			maxRedirects: 0
		});
		expect(written.status()).toBe(303);
		// Standard reading: every entry on the page (easy-read tucks the older ones away).
		await page.goto('/dagbog');
		await setReading(page, 'standard');
		// The page's scripts wait until the list is opened (a slow phone).
		const release = await holdScripts(page);
		await page.goto('/dagbog', { waitUntil: 'commit' });
		const entry = page.locator('li.entry').filter({ hasText: text });
		await expect(entry.locator('form')).toHaveCount(0);
		await entry.getByText('Hvem må se det?').click();
		release();
		await hydrated(page);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		// Still open, and its switches came when the script started; no link (that is for no script).
		await expect(entry.locator('details')).toHaveAttribute('open', '');
		const shareSwitch = entry.getByRole('button', { name: /Del med Birgitte Sørensen/ });
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'false');
		await expect(entry.getByRole('link', { name: 'Vælg, hvem der må se det' })).toHaveCount(0);

		// Another entry's list, opened now: its switches at once, in the page (no new load).
		const other = page.locator('li.entry').filter({ hasNotText: text }).first();
		await expect(other.locator('form')).toHaveCount(0);
		await other.getByText('Hvem må se det?').click();
		await expect(other.getByRole('button', { name: /Del med Birgitte Sørensen/ })).toBeVisible();
		await expect(page).toHaveURL(/\/dagbog$/);
		await axe();

		// Sharing works there, and the other list the person opened stays open.
		await shareSwitch.click();
		await expect(entry.getByText('Delt med Birgitte.')).toBeVisible();
		await expect(shareSwitch).toHaveAttribute('aria-pressed', 'true');
		await expect(shareSwitch).toContainText('Til');
		await expect(other.locator('details')).toHaveAttribute('open', '');
		await shareSwitch.click();
		await expect(entry.getByText('Kun dig.')).toBeVisible();
		await expect(page).toHaveURL(/\/dagbog$/);
	});

	test('a log entry reaches the citizen marked new, and the citizen can disagree', async ({
		page,
		loginAs,
		browser,
		axe
	}) => {
		const staff = await browser.newContext();
		const birgitte = await staff.newPage();
		await loginAs(birgitte, 'demo-birgitte');
		await birgitte.getByRole('link', { name: 'Mette Kristensen' }).click();
		await birgitte.waitForURL(/\/staff\/citizens\/[0-9a-f-]{36}$/);
		const citizenPath = new URL(birgitte.url()).pathname;
		await birgitte.goto(`${citizenPath}/logbog`);
		await axe(birgitte);
		await birgitte.getByLabel('Det har du set').fill('Mette åbnede selv sin post i dag.');
		await expect(birgitte.locator('#log-lix')).toContainText('LIX');
		await birgitte.getByRole('button', { name: 'Gem i logbogen' }).click();
		await expect(birgitte.getByText('Gemt. Borgeren kan nu læse det.')).toBeVisible();

		await loginAs(page, 'demo-mette');
		// The logbook is under Mere on a phone.
		await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mere' }).click();
		await page
			.getByRole('main')
			.getByRole('link', { name: /^Logbog/ })
			.click();
		const entry = page.locator('li.log-entry').filter({ hasText: 'Mette åbnede selv sin post i dag.' });
		await expect(entry.getByText('Ny', { exact: true })).toBeVisible();
		await axe();
		await entry.getByText('Svar eller sig, at du ikke er enig').click();
		await entry.getByRole('button', { name: 'Send' }).click();
		await expect(entry.getByText('Skriv et svar, eller sæt kryds')).toBeVisible();
		await entry.getByLabel('Dit svar').fill('Min søster hjalp mig.');
		await entry.getByLabel('Jeg er ikke enig').check();
		await entry.getByRole('button', { name: 'Send' }).click();
		await expect(entry.getByText('Mette er ikke enig.')).toBeVisible();

		// Seen now: not new on the next visit.
		await page.reload();
		await expect(
			page
				.locator('li.log-entry')
				.filter({ hasText: 'Mette åbnede selv sin post i dag.' })
				.getByText('Ny', { exact: true })
		).toHaveCount(0);

		await birgitte.reload();
		await expect(birgitte.getByText('Mette er ikke enig.')).toBeVisible();
		await expect(birgitte.getByText('Min søster hjalp mig.')).toBeVisible();
		await staff.close();
	});
});

test.describe('one bad entry never blocks the others', () => {
	test('written offline, one refused: the good one arrives, the refused one says why and can be fixed', async ({
		page,
		context,
		loginAs
	}) => {
		await loginAs(page, 'demo-fatima');
		await page.goto('/dagbog');
		await page.waitForLoadState('networkidle');
		const stamp = Date.now();
		const good = `Skrevet uden net ${stamp}`;
		const tooLong = `For lang ${stamp} ${'x'.repeat(4100)}`;
		const fixed = `Rettet og kortere ${stamp}`;

		// The field says its limit before the server does, and counts as the person types.
		await expect(page.locator('#diary-text-limit')).toHaveText('Højst 4.000 tegn.');
		await expect(page.getByLabel('Hvad skete der?')).toHaveAttribute('maxlength', '4000');
		await page.getByLabel('Hvad skete der?').fill(good);
		await expect(page.locator('#diary-text-limit')).toHaveText(`${good.length} af 4.000 tegn`);

		await context.setOffline(true);
		try {
			await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			await expect(page.locator('li.waiting').filter({ hasText: good })).toBeVisible();
			// The field's maxlength stops typing this much, so the entry is put on the phone as an older
			// version of the app (or a pasted text in another browser) could have left it.
			await page.evaluate(
				async ({ text }) => {
					const request = indexedDB.open('mf-outbox', 1);
					const database = await new Promise<IDBDatabase>((resolve, reject) => {
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(request.error);
					});
					const tx = database.transaction('items', 'readwrite');
					tx.objectStore('items').put({
						id: crypto.randomUUID(),
						kind: 'diary',
						payload: { mood: 2, text },
						createdAt: new Date(Date.now() + 1000).toISOString(),
						attempts: 0,
						state: 'waiting'
					});
					await new Promise((resolve) => (tx.oncomplete = resolve));
					database.close();
				},
				{ text: tooLong }
			);
		} finally {
			await context.setOffline(false);
		}

		const refused = page.locator('li[data-state="rejected"]');
		await expect(refused).toContainText('Kunne ikke sendes: Teksten er for lang. Gør den kortere. Ret den her.', {
			timeout: 20_000
		});
		// Not also listed as waiting, and the good entry was not held back by it.
		await expect(page.locator('li.waiting')).toHaveCount(0);
		await expect(page.getByText('Vi sender det nu.')).toHaveCount(0);
		await expect(page.locator('li.entry').filter({ hasText: good })).toHaveCount(1);

		await refused.getByLabel('Ret teksten').fill(fixed);
		await refused.getByRole('button', { name: 'Send igen' }).click();
		await expect(refused).toHaveCount(0, { timeout: 20_000 });
		await page.reload();
		await expect(page.locator('li.entry').filter({ hasText: fixed })).toHaveCount(1);
		await expect(page.locator('li.entry').filter({ hasText: good })).toHaveCount(1);
	});

	test('NUL, control and right-to-left override characters are cleaned, never a 500', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-fatima');
		const stamp = Date.now();
		const dirty = `Ren\u0000 tekst\u0007 ${stamp}\r\nmed \u202eSara\u202c`;
		const sync = await page.request.post('/api/sync', {
			headers: { origin: E2E_ORIGIN },
			data: {
				items: [
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: dirty } },
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: `Emoji 😀👩‍👧 ${stamp}` } },
					{ id: crypto.randomUUID(), kind: 'diary', payload: { mood: 3, text: '😀'.repeat(10_000) } }
				]
			}
		});
		expect(sync.status()).toBe(200);
		expect((await sync.json()).results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
			'stored',
			'stored',
			'validation.tooLong'
		]);
		// The same text through the form without JavaScript: a normal answer, not a 500.
		const form = await page.request.post('/dagbog?/write', {
			headers: { origin: E2E_ORIGIN },
			form: { id: crypto.randomUUID(), mood: '4', text: `Formular\u0000 ${stamp}` },
			maxRedirects: 0
		});
		expect(form.status()).toBeLessThan(400);
		await page.goto('/dagbog');
		await expect(page.locator('li.entry').filter({ hasText: `Ren tekst ${stamp}` })).toHaveCount(1);
		await expect(page.locator('li.entry').filter({ hasText: `Formular ${stamp}` })).toHaveCount(1);
		await expect(page.locator('li.entry').filter({ hasText: `Emoji 😀👩‍👧 ${stamp}` })).toHaveCount(1);
	});
});
