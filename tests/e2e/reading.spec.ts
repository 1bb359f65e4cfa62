import type { Page } from '@playwright/test';
import { E2E_ORIGIN, expect, hydrated, setReading, stubSpeech, test } from './fixtures';
import { setLanguage, smallTargets } from './page-checks';

// The sweeps over every page (axe in each reading mode, 44 px targets, the focus walk) are in
// tests/e2e/crawl-citizens.spec.ts and crawl-others.spec.ts, one crawl per person and mode.

test.describe('reading support', () => {
	test('read aloud is hidden when the device has no Danish voice', async ({ page, loginAs }) => {
		await stubSpeech(page, [
			{ lang: 'da-DK', name: 'Dansk' },
			{ lang: 'en-GB', name: 'English' }
		]);
		await loginAs(page, 'demo-ali');
		await page.goto('/');
		// The control: with a Danish voice the button is there, so the page runs (it is hydrated).
		const buttons = page.getByRole('button', { name: 'Læs højt' });
		await expect(buttons.first()).toBeVisible();
		// The Danish voice goes away: no button, and the text is still there to read.
		await page.evaluate(() =>
			(window as unknown as { __setVoices: (v: unknown[]) => void }).__setVoices([{ lang: 'en-GB', name: 'English' }])
		);
		await expect(buttons).toHaveCount(0);
		await expect(page.locator('.read-aloud p.lead')).toBeVisible();
	});

	test('read aloud on each text block: crisis plan, help, each goal and a meeting’s about and how to prepare', async ({
		page,
		loginAs
	}) => {
		await stubSpeech(page, [{ lang: 'da-DK', name: 'Dansk' }]);
		await loginAs(page, 'demo-mette');
		const spoken = () =>
			page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string }> }).__spoken.map((s) => s.text));
		const readButton = (block: import('@playwright/test').Locator) =>
			block.locator('.read-aloud').getByRole('button', { name: 'Læs højt' });

		await page.goto('/kriseplan');
		for (const heading of ['Tegn på, at jeg får det svært', 'Det hjælper mig']) {
			const section = page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });
			await expect(readButton(section), heading).toHaveCount(1);
		}
		const sister = page.locator('li').filter({ hasText: 'Lis (søster)' });
		await readButton(sister).click();
		await expect.poll(spoken).toEqual(['Hun bor i Ådal og kan komme.']);
		// The organisation's lines: their own text, read in the person's language.
		const livslinien = page.locator('li').filter({ hasText: 'Livslinien' });
		await expect(readButton(livslinien)).toHaveCount(1);

		await page.goto('/hjaelp');
		await expect(readButton(page.getByRole('main')).first()).toBeVisible();
		expect(await page.getByRole('main').locator('.read-aloud button').count()).toBeGreaterThanOrEqual(2);

		await page.goto('/plan');
		const goals = page.locator('article.goal');
		expect(await goals.count()).toBeGreaterThan(0);
		for (const goal of await goals.all()) {
			// Goals are cards that open (standard mode): a closed card's text is read once it is open.
			const closed = goal.locator('details.goal-details:not([open]) > summary');
			if (await closed.count()) await closed.click();
			await expect(readButton(goal)).toHaveCount(1);
		}
		await page.evaluate(() => ((window as unknown as { __spoken: unknown[] }).__spoken.length = 0));
		await readButton(goals.first()).click();
		// The goal in her own words, then why: each with its label, one button for the goal.
		await expect.poll(async () => (await spoken()).slice(0, 1)).toEqual(['Med dine egne ord:']);
		await expect.poll(spoken).toContain('Derfor er det vigtigt:');

		// A meeting with something to prepare: what kind of meeting it is, and how to prepare.
		await page.goto('/moeder');
		const meetings = await page
			.locator('main a[href^="/moeder/"]')
			.evaluateAll((links) =>
				links.map((a) => a.getAttribute('href')!).filter((href) => /\/moeder\/[0-9a-f-]{36}$/.test(href))
			);
		let prepared = false;
		for (const href of meetings) {
			await page.goto(href);
			await expect(readButton(page.locator('section').filter({ has: page.locator('#what') }))).toHaveCount(1);
			if ((await page.locator('section:has(#prepare) dl').count()) === 0) continue;
			await expect(readButton(page.locator('section').filter({ has: page.locator('#prepare') }))).toHaveCount(1);
			prepared = true;
			break;
		}
		expect(prepared).toBe(true);
	});

	test('read aloud speaks Danish sentence by sentence with da-DK', async ({ page, loginAs }) => {
		await stubSpeech(page, [{ lang: 'da-DK', name: 'Dansk' }]);
		await loginAs(page, 'demo-ali');
		await page.goto('/plan');
		const button = page.getByRole('button', { name: 'Læs højt' }).first();
		await button.click();
		await expect
			.poll(async () => (await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)).length)
			.toBeGreaterThan(1);
		const spoken = await page.evaluate(
			() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken
		);
		expect(spoken.every((s) => s.lang === 'da-DK')).toBe(true);
		expect(spoken[0].text).toMatch(/^Du er i et jobrettet rehabiliteringsforløb|^Du er i/);
	});

	test('read aloud marks the sentence being read, moves on with the voice, and stops in one tap', async ({
		page,
		loginAs
	}) => {
		await stubSpeech(page, [{ lang: 'da-DK', name: 'Dansk' }], true);
		await loginAs(page, 'demo-ali');
		await page.goto('/plan');
		const block = page.locator('.read-aloud').first();
		await block.getByRole('button', { name: 'Læs højt' }).click();
		const spoken = () =>
			page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string }> }).__spoken.map((s) => s.text));
		await expect.poll(spoken).toHaveLength(1);
		const marked = block.locator('span.reading');
		await expect(marked).toHaveCount(1);
		await expect(marked).toHaveText((await spoken())[0]);
		await page.evaluate(() => (window as unknown as { __finishSentence: () => void }).__finishSentence());
		await expect.poll(spoken).toHaveLength(2);
		await expect(marked).toHaveText((await spoken())[1]);
		await block.getByRole('button', { name: 'Stop oplæsning' }).click();
		await expect(marked).toHaveCount(0);
		await expect(block.getByRole('button', { name: 'Læs højt' })).toBeVisible();
	});

	test('read aloud in English uses an English voice; a language without a voice has no button', async ({
		page,
		context,
		loginAs
	}) => {
		await stubSpeech(page, [
			{ lang: 'en-GB', name: 'English' },
			{ lang: 'da-DK', name: 'Dansk' }
		]);
		await loginAs(page, 'demo-ali');
		await setLanguage(context, 'en', 'standard');
		await page.goto('/plan');
		await page.getByRole('button', { name: 'Read aloud' }).first().click();
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { __spoken: Array<{ lang: string }> }).__spoken[0]?.lang))
			.toBe('en-GB');
		// No Ukrainian voice on this device: no button, and the text is still there to read.
		await context.addCookies([{ name: 'mf-lang', value: 'uk', url: E2E_ORIGIN }]);
		await page.goto('/plan');
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.locator('.read-aloud').first()).toBeVisible();
		await expect(page.locator('.read-aloud button')).toHaveCount(0);
		await setLanguage(context, 'da', 'standard');
	});

	test('five text sizes up to 200 %, strong colours, and less motion (chosen here or on the device)', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-jonas');
		const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
		const sizes: number[] = [];
		for (const step of ['100 %', '125 %', '150 %', '175 %', '200 %']) {
			await page.goto('/visning');
			// The label reads "Aa 125 %" (a sample of the size, then the size).
			await page.getByLabel(step).check();
			await page.getByRole('button', { name: 'Gem' }).click();
			await expect(page.getByLabel(step)).toBeChecked();
			sizes.push(await rootSize());
		}
		expect(sizes.map((size) => size / sizes[0])).toEqual([1, 1.25, 1.5, 1.75, 2]);

		// A probe that moves: how it looks decides whether motion is off.
		const probeAnimation = () =>
			page.evaluate(() => {
				const style = document.createElement('style');
				style.textContent =
					'@keyframes mf-probe { to { opacity: 0.5; } } .mf-probe { animation: mf-probe 1s infinite; }';
				const probe = document.createElement('div');
				probe.className = 'mf-probe';
				document.head.append(style);
				document.body.append(probe);
				const name = getComputedStyle(probe).animationName;
				probe.remove();
				style.remove();
				return name;
			});
		await page.emulateMedia({ reducedMotion: 'no-preference' });
		await page.goto('/visning');
		expect(await probeAnimation()).toBe('mf-probe');
		await page.emulateMedia({ reducedMotion: 'reduce' });
		expect(await probeAnimation()).toBe('none');
		await page.emulateMedia({ reducedMotion: 'no-preference' });

		const textColour = () => page.evaluate(() => getComputedStyle(document.body).color);
		const before = await textColour();
		await page.getByLabel('Stærke farver (høj kontrast)').check();
		await page.getByLabel(/bevægelse/i).check();
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.locator('html')).toHaveClass(/contrast-high/);
		expect(await textColour()).toBe('rgb(0, 0, 0)');
		expect(before).not.toBe('rgb(0, 0, 0)');
		expect(await probeAnimation()).toBe('none');

		await page.getByRole('button', { name: 'Tilbage til normal' }).click();
		await expect(page.locator('html')).toHaveClass(/text-100/);
		await expect(page.locator('html')).not.toHaveClass(/contrast-high|motion-reduced/);
		expect(await probeAnimation()).toBe('mf-probe');
		// One button undoes every choice, easy-read too.
		await expect(page.locator('body')).toHaveClass(/reading-standard/);
		// Jonas reads in easy-read mode: give him his own choice back for the tests after this one.
		await setReading(page, 'easy');
	});

	test('Akut hjælp is in the banner in the same place on /login, an error page and for a relative; Hjælp beside it, or under Mere once logged in', async ({
		page,
		loginAs,
		axe
	}) => {
		const places = new Map<string, string>();
		// The same place on every page before login, and on every page after; logged in, Hjælp is
		// under Mere and the name has more room, so Akut hjælp keeps its order, not its pixel.
		const check = async (where: string, loggedIn = false) => {
			const banner = page.getByRole('banner');
			for (const name of loggedIn ? ['Akut hjælp'] : ['Akut hjælp', 'Hjælp']) {
				const link = banner.getByRole('link', { name, exact: true });
				await expect(link, `${name} on ${where}`).toBeVisible();
				const box = (await link.boundingBox())!;
				expect(Math.min(box.width, box.height), `${name} on ${where}`).toBeGreaterThanOrEqual(44);
				const place = `${Math.round(box.x)},${Math.round(box.y)}`;
				const key = `${name} ${loggedIn}`;
				expect({ where, name, place }).toEqual({ where, name, place: places.get(key) ?? place });
				places.set(key, place);
				// Right after the app's name.
				const brand = (await banner.getByRole('link', { name: 'Mit forløb' }).boundingBox())!;
				if (name === 'Akut hjælp') expect(box.x).toBeGreaterThan(brand.x + brand.width);
			}
		};
		const followAkut = async () => {
			await page.getByRole('banner').getByRole('link', { name: 'Akut hjælp', exact: true }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Akut hjælp' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Ring 112' })).toHaveAttribute('href', 'tel:112');
			await expect(page.getByRole('link', { name: 'Ring 70 201 201' })).toHaveAttribute('href', 'tel:70201201');
			expect(await smallTargets(page)).toEqual([]);
		};

		await page.goto('/login');
		await check('/login');
		await followAkut();
		await axe();
		await page.getByRole('banner').getByRole('link', { name: 'Hjælp', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Hjælp' })).toBeVisible();
		await expect(page.getByRole('main').getByRole('link', { name: /Akut hjælp/ })).toHaveAttribute(
			'href',
			'/akut-hjaelp'
		);
		expect(await smallTargets(page)).toEqual([]);
		await axe();

		const missing = await page.goto('/no-such-page');
		expect(missing?.status()).toBe(404);
		await check('a 404 page');
		await followAkut();

		await loginAs(page, 'demo-jens');
		await page.goto('/som-paaroerende');
		await check('/som-paaroerende', true);
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await expect(page.locator('.acting-for')).toContainText('Sara');
		await check('Sara’s pages as Jens', true);
		await followAkut();
		// Help as Jens, under Mere: Sara's contact person (he may see her plan), and where to turn.
		await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mere' }).click();
		await page
			.getByRole('main')
			.getByRole('link', { name: /^Hjælp/ })
			.click();
		await expect(
			page
				.getByRole('main')
				.getByRole('link', { name: /^Ring / })
				.first()
		).toHaveAttribute('href', /^tel:/);
		await axe();
	});

	test('two minutes before the session ends it says so; Fortsæt keeps the person in; then it ends plainly', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-ali');
		// The page's own clock, moved on by the test; the server's session is real (30 minutes).
		await page.clock.install();
		await page.goto('/plan');
		// The warning counts from when its code runs: it loads after the page's load event.
		await hydrated(page);
		await expect(page.locator('html[data-session-watch]')).toHaveCount(1);
		const warning = page.getByRole('alertdialog', { name: 'Er du der stadig?' });
		await page.clock.fastForward('27:00');
		await expect(warning).toHaveCount(0);
		await page.clock.fastForward('01:30');
		await expect(warning).toBeVisible();
		await expect(warning).toContainText('Du bliver logget ud om 2 minutter');
		const [extend] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/session/extend')),
			warning.getByRole('button', { name: 'Fortsæt' }).click()
		]);
		expect(extend.status()).toBe(200);
		await expect(warning).toHaveCount(0);
		// 25 more minutes without a tap: still no warning, as "Fortsæt" gave a new half hour.
		await page.clock.fastForward('25:00');
		await expect(warning).toHaveCount(0);
		// Then nothing for the rest of it: the page says the person is logged out, and how to come back.
		await page.clock.fastForward('06:00');
		const ended = page.getByRole('alert').filter({ hasText: 'Du er logget ud' });
		await expect(ended).toBeVisible();
		await expect(ended.getByRole('link', { name: 'Log ind igen' })).toHaveAttribute('href', '/login');
	});
});

test.describe('easy-read is a layout on meetings and the diary', () => {
	test('Sara (easy-read, 125 %) sees her next meeting first, the answer before the rest, and today’s entry first', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-sara');
		const main = page.getByRole('main');

		// Meetings: the next one big, with one button to it; the others, the earlier ones and the
		// settings one tap away each.
		await page.goto('/moeder');
		await expect(main.getByRole('heading', { level: 2, name: 'Dit næste møde' })).toBeVisible();
		await expect(main.locator('.next-meeting article.meeting-card')).toHaveCount(1);
		await expect(main.locator('article.meeting-card').filter({ visible: true })).toHaveCount(1);
		await expect(main.getByRole('link', { name: 'Se mødet', exact: true })).toBeVisible();
		await expect(main.getByRole('checkbox', { name: 'Dagen før' })).toBeHidden();
		const later = main.locator('details').filter({ hasText: /Flere kommende møder \(\d+\)/ });
		await later.locator('summary').click();
		await expect(later.locator('article.meeting-card').first()).toBeVisible();
		await main.getByText(/Tidligere møder \(\d+\)/).click();
		await main.getByText('Påmindelser og kalender').click();
		await expect(main.getByRole('checkbox', { name: 'Dagen før' })).toBeVisible();
		await axe();

		// One meeting: "Dit svar" comes straight after what, when and where, before who comes.
		const href = await later.locator('article.meeting-card a').first().getAttribute('href');
		await page.goto(href!);
		const order = await main
			.locator('section h2')
			.evaluateAll((headings) => headings.map((h) => h.id).filter((id) => ['what', 'answer', 'who'].includes(id)));
		expect(order).toEqual(['what', 'answer', 'who']);

		// The diary: writing comes first; what is optional, older entries and the four weeks are one tap away.
		await page.goto('/dagbog');
		await expect(main.getByRole('heading', { level: 2, name: 'Skriv i dagbogen' })).toBeVisible();
		await expect(main.getByLabel('Hvad hjalp dig?')).toBeHidden();
		await expect(main.getByRole('heading', { level: 2, name: 'Det skrev du sidst' })).toBeVisible();
		await expect(main.locator('li.entry').filter({ visible: true })).toHaveCount(1);
		const entries = await main.locator('li.entry').count();
		expect(entries).toBeGreaterThan(1);
		await main.getByText(`Det, du skrev før (${entries - 1})`).click();
		await expect(main.locator('li.entry').filter({ visible: true })).toHaveCount(entries);
		await main.getByText('Mere, hvis du vil').click();
		await expect(main.getByLabel('Hvad hjalp dig?')).toBeVisible();
		await axe();
	});

	test('without JavaScript the parts one tap away still open; standard reading keeps the whole page', async ({
		browser,
		page,
		loginAs
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false, baseURL: E2E_ORIGIN });
		const noJs = await context.newPage();
		await loginAs(noJs, 'demo-sara');
		await noJs.goto('/dagbog');
		await noJs.getByText(/Det, du skrev før \(\d+\)/).click();
		await expect(noJs.locator('li.entry').nth(1)).toBeVisible();
		await noJs.goto('/moeder');
		await noJs.getByText(/Flere kommende møder \(\d+\)/).click();
		await expect(noJs.locator('article.meeting-card').nth(1)).toBeVisible();
		await context.close();

		// Mette reads in standard: every meeting and every entry on the page, as before.
		await loginAs(page, 'demo-mette');
		await page.goto('/moeder');
		await expect(page.getByRole('heading', { level: 2, name: 'Kommende møder' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Dit næste møde' })).toHaveCount(0);
		await page.goto('/dagbog');
		await expect(page.getByRole('heading', { level: 2, name: 'Det har du skrevet' })).toBeVisible();
		await expect(page.locator('details.optional-fields, details.diary-more')).toHaveCount(0);
	});
});

test('a half-written note survives the end of a session and a new login', async ({ page, loginAs, context }) => {
	await loginAs(page, 'demo-fatima');
	await page.goto('/dagbog');
	await page.getByLabel('Hvad skete der?').fill('Jeg var til møde, og så');
	// The draft code loads when the person first goes into the field, and then keeps the text.
	await expect.poll(async () => (await draftsIn(page, 'sessionStorage')).join()).toContain('Jeg var til møde, og så');
	// The session ends (here: the cookie is gone), and the person logs in again.
	await context.clearCookies();
	await loginAs(page, 'demo-fatima');
	await page.goto('/dagbog');
	await expect(page.getByLabel('Hvad skete der?')).toHaveValue('Jeg var til møde, og så');
	// Once sent, the draft is gone.
	await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
	await page.getByRole('button', { name: 'Gem', exact: true }).click();
	await page.reload();
	await expect(page.getByLabel('Hvad skete der?')).toHaveValue('');
});

/** Logs in again from the login page the app sent the person to (keeping where they were going). */
async function loginFromHere(page: Page, name: string) {
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	const app = new URL(page.url()).origin;
	await page.getByRole('link', { name: /Log ind med MitID/i }).click();
	await page.waitForURL((url) => url.origin !== app);
	await page.getByRole('radio', { name: /Betydelig/i }).check();
	await page.getByRole('button', { name }).click();
	await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/auth/'));
}

const draftsIn = (page: Page, where: 'localStorage' | 'sessionStorage') =>
	page.evaluate(
		(where) =>
			Object.keys(window[where])
				.filter((key) => key.startsWith('mf-draft:'))
				.map((key) => window[where].getItem(key) ?? ''),
		where
	);

test('text typed before the session ended is kept through Save, the login page and a new login', async ({
	page,
	context,
	loginAs
}) => {
	await loginAs(page, 'demo-fatima');
	await page.goto('/kriseplan/rediger');
	const form = page.locator('form').filter({ has: page.getByLabel('Navn') });
	await form.getByLabel('Navn').fill('Naboen Bo');
	await form.getByLabel('Telefonnummer').fill('12 34 56 78');
	// A text area that already holds the saved plan: what is typed there is kept too.
	const signs = page.getByLabel('Tegn på, at jeg får det svært');
	const before = await signs.inputValue();
	await signs.fill(`${before}\nJeg sover dårligt.`);
	// Not this device's own: kept for this tab only.
	expect(await draftsIn(page, 'localStorage')).toEqual([]);
	// The draft code loads when the person first goes into a field, and then keeps the text.
	await expect.poll(async () => (await draftsIn(page, 'sessionStorage')).join()).toContain('Naboen Bo');

	// The session ends (its cookie is gone); the page does not know yet, and the person presses the button.
	await context.clearCookies({ name: '__Host-mf-session' });
	await form.getByRole('button', { name: 'Tilføj' }).click();
	await page.waitForURL(/\/login\?returnTo=%2Fkriseplan%2Frediger$/);
	await loginFromHere(page, 'Fatima Yilmaz');

	// Back on the same form, with the text and a plain note.
	await expect(page).toHaveURL(/\/kriseplan\/rediger$/);
	await expect(form.getByLabel('Navn')).toHaveValue('Naboen Bo');
	await expect(form.getByLabel('Telefonnummer')).toHaveValue('12 34 56 78');
	await expect(form.getByRole('status')).toHaveText('Vi har gemt det, du skrev. Det er ikke sendt endnu.');
	await form.screenshot({ path: test.info().outputPath('draft-restored-360.png') });
	await expect(signs).toHaveValue(`${before}\nJeg sover dårligt.`);

	// Saved this time: the draft is gone, also after coming back.
	await form.getByRole('button', { name: 'Tilføj' }).click();
	const added = page.locator('li').filter({ hasText: 'Naboen Bo' });
	await expect(added).toBeVisible();
	await page.goto('/kriseplan');
	await page.goto('/kriseplan/rediger');
	await expect(form.getByLabel('Navn')).toHaveValue('');
	// The draft code settles the saved draft once it has loaded (it loads after the page).
	await expect.poll(async () => (await draftsIn(page, 'sessionStorage')).join()).not.toContain('Naboen Bo');
	await added.getByRole('button', { name: 'Fjern Naboen Bo' }).click();
	await expect(added).toHaveCount(0);

	// On the citizen's own device a draft may stay in localStorage; logging out wipes it.
	await page.evaluate(() => localStorage.setItem('mf-own-device', 'on'));
	await page.reload();
	await form.getByLabel('Navn').fill('Mor');
	expect((await draftsIn(page, 'localStorage')).join()).toContain('Mor');
	expect(await draftsIn(page, 'sessionStorage')).toEqual([]);
	await page.goto('/mere');
	await page.locator('form[action="/auth/logout"]').getByRole('button').click();
	await page.waitForURL(/\/login/);
	expect(await draftsIn(page, 'localStorage')).toEqual([]);
	expect(await draftsIn(page, 'sessionStorage')).toEqual([]);
});
