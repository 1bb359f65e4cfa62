import { E2E_ORIGIN, expect, hydrated, readingOf, setReading, test, holdScripts } from './fixtures';

const CITIZENS: Array<[subject: string, programme: RegExp]> = [
	['demo-sara', /Mestringsforløb/],
	['demo-ali', /Jobrettet rehabilitering/],
	['demo-mette', /Mestringsvejledning/],
	['demo-jonas', /Ressourceforløb/],
	['demo-fatima', /På vej til arbejde/]
];

test.describe('my plan', () => {
	for (const [subject, programme] of CITIZENS) {
		test(`${subject} reads the plan, goals and people in standard and easy-read mode`, async ({
			page,
			loginAs,
			axe
		}) => {
			await loginAs(page, subject);
			await page.goto('/plan');
			const saved = await readingOf(page);
			for (const mode of ['standard', 'easy'] as const) {
				await page.goto('/plan');
				await setReading(page, mode);
				if (mode === 'easy') {
					// One goal per screen; the programme and the people one tap away, after it.
					await expect(page.locator('article.goal')).toHaveCount(1);
					await expect(page.locator('#goals-heading')).toHaveText(/^Mål \d af \d$/);
					await page.getByText('Mere om forløbet').click();
				} else {
					await expect(page.getByRole('heading', { name: 'Mål og delmål' })).toBeVisible();
					expect(await page.locator('article.goal').count()).toBeGreaterThan(1);
				}
				await expect(page.getByRole('heading', { level: 2, name: programme })).toBeVisible();
				await expect(page.locator('[aria-current="step"]')).toHaveCount(1);
				await expect(page.getByRole('heading', { name: 'Dem omkring mig' })).toBeVisible();
				await expect(page.locator('.team .role').first()).toBeVisible();
				await axe();
			}
			// Leave the person's own choice as it was (Sara and Jonas use easy-read).
			await setReading(page, saved);
		});
	}

	test('a jobrettet rehabilitering plan says when the work placement should start', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-ali');
		await page.goto('/plan');
		await expect(page.getByText(/Du skal være i praktik senest \d+\. \w+\.? \d{4}/)).toBeVisible();
	});

	test('a På vej til arbejde plan shows the network meetings and the status for the period', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-fatima');
		await page.goto('/plan');
		await expect(page.getByText(/netværksmøde hver 2\. eller 3\. måned/i)).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Status lige nu' })).toBeVisible();
	});

	test('the citizen moves a delmål on, writes a note and suggests a new delmål', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/plan');
		const firstGoal = page.locator('article.goal').first();
		const item = firstGoal
			.locator('ul.subgoals > li')
			.filter({ has: page.getByRole('button', { name: 'Jeg har klaret det' }) })
			.first();
		const title = (await item.locator('.subgoal-title').textContent())!;
		await item.getByRole('button', { name: 'Jeg har klaret det' }).click();
		const done = firstGoal.locator('ul.subgoals > li').filter({ hasText: title });
		await expect(done.getByText('Klaret', { exact: true })).toBeVisible();
		await expect(done.getByText(/Ændret af Mette/)).toBeVisible();

		// An empty note says so next to the field and saves nothing.
		const noteItem = firstGoal.locator('ul.subgoals > li').first();
		await noteItem.getByText('Skriv en note').click();
		await noteItem.getByRole('button', { name: 'Gem noten' }).click();
		await expect(noteItem.getByText('Skriv noget her.')).toBeVisible();
		await expect(noteItem.getByLabel('Din note')).toHaveAttribute('aria-invalid', 'true');
		await axe();

		await noteItem.getByLabel('Din note').fill('<script>alert(1)</script>');
		await noteItem.getByRole('button', { name: 'Gem noten' }).click();
		await expect(noteItem.getByText('Skriv teksten uden koder som < og >.')).toBeVisible();
		await expect(noteItem.getByLabel('Din note')).toHaveValue('<script>alert(1)</script>');

		await noteItem.getByLabel('Din note').fill('Jeg ringede selv i dag. Det gik fint.');
		await noteItem.getByRole('button', { name: 'Gem noten' }).click();
		await expect(noteItem.getByText('Jeg ringede selv i dag. Det gik fint.')).toBeVisible();

		await firstGoal.getByText('Foreslå et nyt delmål').click();
		await firstGoal.getByLabel('Dit forslag').fill('Købe ind alene om lørdagen');
		await firstGoal.getByRole('button', { name: 'Send forslaget' }).click();
		await expect(firstGoal.getByText('Købe ind alene om lørdagen')).toBeVisible();
		await expect(firstGoal.getByText('Venter på svar.').first()).toBeVisible();
		await axe();

		// The professional sees the suggestion.
		const other = await page.context().browser()!.newContext();
		const birgitte = await other.newPage();
		await loginAs(birgitte, 'demo-birgitte');
		await birgitte.getByRole('link', { name: 'Mette Kristensen' }).click();
		await expect(birgitte.getByText('Købe ind alene om lørdagen').first()).toBeVisible();
		await other.close();
	});

	test('works without JavaScript', async ({ browser, loginAs }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await loginAs(page, 'demo-jonas');
		await page.goto('/plan');
		const goal = page.locator('article.goal').first();
		await goal.locator('summary', { hasText: 'Foreslå et nyt delmål' }).click();
		await goal.getByLabel('Dit forslag').fill('Tage bussen alene til mentor');
		await goal.getByRole('button', { name: 'Send forslaget' }).click();
		// Jonas reads in easy-read mode: the receipt is the easy-read one.
		await expect(page.getByText('Tak. Vi har fået dit forslag.')).toBeVisible();
		await expect(page.getByText('Tage bussen alene til mentor')).toBeVisible();
		await context.close();
	});

	test('standard, without JavaScript: a closed card has no forms, and its link opens it with them', async ({
		browser,
		loginAs
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await loginAs(page, 'demo-ali');
		await page.goto('/plan');
		await setReading(page, 'standard');
		// Without a script the page is the server's HTML: only the open card has forms.
		const open = page.locator('article.goal:has(details.goal-details[open])');
		const closed = page.locator('article.goal:has(details.goal-details:not([open]))');
		await expect(open).toHaveCount(1);
		expect(await open.locator('form').count()).toBeGreaterThan(0);
		expect(await closed.count()).toBeGreaterThan(0);
		await expect(closed.locator('form')).toHaveCount(0);

		// Opened, a closed card shows its goal and one link, to the page with it open, forms and all.
		// The card by its heading: once open it is no longer one of the closed ones.
		const id = (await closed.first().locator('h3').getAttribute('id'))!;
		const card = page.locator(`article.goal:has(h3[id="${id}"])`);
		const title = (await card.locator('h3').textContent())!;
		await card.locator('summary.goal-summary').click();
		await expect(card.locator('ul.subgoals > li').first()).toBeVisible();
		await expect(card.getByRole('button')).toHaveCount(0);
		const link = card.getByRole('link', { name: 'Skriv noter og sig, hvor langt du er' });
		await expect(link).toHaveAttribute('href', new RegExp(`^\\?maal=\\d+#${id}$`));
		await link.click();
		await expect(page).toHaveURL(new RegExp(`/plan\\?maal=\\d+#${id}$`));
		const opened = page.locator('article.goal:has(details.goal-details[open])');
		await expect(opened.locator('h3')).toHaveText(title);
		await expect(opened.locator('summary', { hasText: 'Skriv en note' }).first()).toBeVisible();
		await expect(opened.locator('summary', { hasText: 'Foreslå et nyt delmål' })).toBeVisible();
		await expect(opened.getByRole('link', { name: 'Skriv noter og sig, hvor langt du er' })).toHaveCount(0);
		await context.close();
	});

	test('standard, with JavaScript: opening a closed card shows its forms, and a note is saved there', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/plan');
		await setReading(page, 'standard');
		await hydrated(page);
		const closed = page.locator('article.goal:has(details.goal-details:not([open]))').first();
		const id = (await closed.locator('h3').getAttribute('id'))!;
		const card = page.locator(`article.goal:has(h3[id="${id}"])`);
		await expect(card.locator('form')).toHaveCount(0);
		await card.locator('summary.goal-summary').click();
		// At once, in the page (no new load), and without the link that a page without a script has.
		const item = card.locator('ul.subgoals > li').first();
		await expect(item.locator('summary', { hasText: 'Skriv en note' })).toBeVisible();
		await expect(card.getByText('Foreslå et nyt delmål')).toBeVisible();
		await expect(card.getByRole('link', { name: 'Skriv noter og sig, hvor langt du er' })).toHaveCount(0);
		await expect(page).toHaveURL(/\/plan$/);
		await axe();

		await item.getByText('Skriv en note').click();
		await item.getByLabel('Din note').fill('Skrevet under et mål, der var lukket.');
		await item.getByRole('button', { name: 'Gem noten' }).click();
		await expect(item.getByText('Din note er gemt.')).toBeFocused();
		await expect(item.getByText('Skrevet under et mål, der var lukket.')).toBeVisible();
		await expect(card.locator('details.goal-details')).toHaveAttribute('open', '');
	});

	test('standard, a slow phone: a card opened before the script ran gets its forms when it runs', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/plan');
		await setReading(page, 'standard');
		// The page's scripts wait until a closed card is opened.
		const release = await holdScripts(page);
		await page.goto('/plan', { waitUntil: 'commit' });
		const closed = page.locator('article.goal:has(details.goal-details:not([open]))').first();
		const id = (await closed.locator('h3').getAttribute('id'))!;
		const card = page.locator(`article.goal:has(h3[id="${id}"])`);
		await expect(card.locator('form')).toHaveCount(0);
		await card.locator('summary.goal-summary').click();
		release();
		await hydrated(page);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		// Still open, and its forms came when the script started (its toggle came before anyone listened).
		await expect(card.locator('details.goal-details')).toHaveAttribute('open', '');
		await expect(card.locator('summary', { hasText: 'Skriv en note' }).first()).toBeVisible();
		await expect(card.getByText('Foreslå et nyt delmål')).toBeVisible();
	});

	test('a relative reads the plan but cannot change it', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-jens');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await page.goto('/plan');
		await expect(page.getByRole('button', { name: 'Jeg har klaret det' })).toHaveCount(0);
		await expect(page.getByText('Foreslå et nyt delmål')).toHaveCount(0);
		// Nor the link a closed card has without a script.
		expect(await (await page.request.get('/plan')).text()).not.toContain('Skriv noter og sig, hvor langt du er');
		// A forged post with the relative's session is refused by the policy.
		const response = await page.request.post('/plan?/suggest', {
			form: { goalId: '00000000-0000-4000-8000-000000000000', title: 'x' },
			headers: { origin: E2E_ORIGIN },
			maxRedirects: 0
		});
		expect(response.status()).toBe(403);
	});
});

test.describe('the plan on a phone (360 × 740)', () => {
	// Sara reads in easy-read (her own setting); no other test in this file changes her plan.
	test('easy-read: Sara goes through her goals one at a time, moves a delmål on, writes a note, and stays on the goal', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/plan');
		await setReading(page, 'easy');
		const main = page.getByRole('main');
		const count = main.locator('#goals-heading');
		// The goal with the delmål in focus first, alone on the screen; the rest of the plan one tap away.
		await expect(count).toHaveText('Mål 1 af 3');
		await expect(main.locator('article.goal')).toHaveCount(1);
		await expect(main.getByRole('heading', { level: 3, name: 'Vide hvad der sker i min uge' })).toBeVisible();
		await expect(main.getByRole('link', { name: /^Forrige mål/ })).toHaveCount(0);
		await expect(main.getByRole('heading', { name: 'Dem omkring mig' })).toBeHidden();
		await page.screenshot({ path: '/tmp/plan-easy-1.png', fullPage: true });

		await main.getByRole('link', { name: 'Næste mål: Finde et arbejde der passer til mig' }).click();
		await expect(page).toHaveURL(/\/plan\?maal=2$/);
		await expect(count).toHaveText('Mål 2 af 3');
		await page.screenshot({ path: '/tmp/plan-easy-2.png', fullPage: true });
		await main.getByRole('link', { name: /^Næste mål/ }).click();
		await expect(count).toHaveText('Mål 3 af 3');
		await expect(main.getByRole('heading', { level: 3, name: 'Sige nej når jeg er træt' })).toBeVisible();
		await expect(main.getByRole('link', { name: /^Næste mål/ })).toHaveCount(0);
		await main.getByRole('link', { name: 'Forrige mål: Finde et arbejde der passer til mig' }).click();
		await expect(count).toHaveText('Mål 2 af 3');

		// A move on: the same goal, the receipt, and the focus on it (the button pressed went away).
		const item = main.locator('ul.subgoals > li').filter({ hasText: 'Tale med Peter om praktik' });
		await item.getByRole('button', { name: 'Jeg er i gang' }).click();
		const receipt = item.getByText('Det er gemt. Godt gået.');
		await expect(receipt).toBeFocused();
		await expect(item.locator('.status.working_on_it')).toBeVisible();
		await expect(count).toHaveText('Mål 2 af 3');
		await expect(page).toHaveURL(/\/plan\?maal=2$/);

		// A note: written one tap away, kept one tap away.
		await item.getByText('Skriv en note').click();
		await item.getByLabel('Din note').fill('Jeg har skrevet til Peter.');
		await item.getByRole('button', { name: 'Gem noten' }).click();
		await expect(item.getByText('Din note er gemt.')).toBeFocused();
		await expect(count).toHaveText('Mål 2 af 3');
		await item.getByText(/^Noter \(\d+\)$/).click();
		await expect(item.getByText('Jeg har skrevet til Peter.')).toBeVisible();

		// The programme and the people: one tap.
		await main.getByText('Mere om forløbet').click();
		await expect(main.getByRole('heading', { name: 'Dem omkring mig' })).toBeVisible();

		// Without JavaScript a form posts to its goal and the answer shows that goal.
		const subgoalId = (await item.getAttribute('id'))!.replace('subgoal-', '');
		const post = await page.request.post('/plan?maal=2&/note', {
			form: { subgoalId, text: 'Uden script.' },
			headers: { origin: E2E_ORIGIN, accept: 'text/html' }
		});
		expect(post.status()).toBe(200);
		const html = await post.text();
		expect(html).toContain('Mål 2 af 3');
		expect(html).toContain('Din note er gemt.');
	});

	test('standard: goals are cards, the one in focus open, the others closed with how far they are', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/plan');
		await setReading(page, 'standard');
		try {
			const goals = page.locator('article.goal');
			await expect(goals).toHaveCount(3);
			await expect(goals.nth(0).locator('details.goal-details')).toHaveAttribute('open', '');
			for (const i of [1, 2]) {
				await expect(goals.nth(i).locator('details.goal-details')).not.toHaveAttribute('open');
				await expect(goals.nth(i).locator('summary.goal-summary')).toContainText(/\d af 3 delmål nået/);
			}
			await expect(goals.nth(0).getByRole('button', { name: 'Jeg har klaret det' }).first()).toBeVisible();
			await expect(goals.nth(1).getByRole('button', { name: 'Jeg har klaret det' })).toHaveCount(0);
			await page.screenshot({ path: '/tmp/plan-standard.png', fullPage: true });
			await goals.nth(1).locator('summary.goal-summary').click();
			await expect(goals.nth(1).getByRole('button', { name: 'Jeg har klaret det' }).first()).toBeVisible();
			// ?maal= opens another card instead.
			await page.goto('/plan?maal=3');
			await expect(goals.nth(2).locator('details.goal-details')).toHaveAttribute('open', '');
			await expect(goals.nth(0).locator('details.goal-details')).not.toHaveAttribute('open');
		} finally {
			await setReading(page, 'easy');
		}
	});

	test('?maal= out of range shows the nearest goal; garbage is a plain 400', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-sara');
		await page.goto('/plan?maal=99');
		await expect(page.getByRole('main').locator('#goals-heading')).toHaveText('Mål 3 af 3');
		for (const bad of ['abc', '9'.repeat(5_000), '%00', '-1', ''])
			expect((await page.request.get(`/plan?maal=${bad}`, { maxRedirects: 0 })).status(), bad.slice(0, 8)).toBe(400);
		// 20,000 characters: Node's own header limit answers (431) before the app is asked.
		expect((await page.request.get(`/plan?maal=${'9'.repeat(20_000)}`)).status()).toBe(431);
		const refused = await page.goto('/plan?maal=abc');
		expect(refused?.status()).toBe(400);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	});
});

test.describe('crisis plan', () => {
	test('is one tap from every citizen page and calls by tel: links', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-mette');
		for (const path of ['/', '/plan', '/konto']) {
			await page.goto(path);
			await expect(page.getByRole('banner').getByRole('link', { name: 'Kriseplan' })).toBeVisible();
		}
		await page.getByRole('banner').getByRole('link', { name: 'Kriseplan' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Kriseplan' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Ring 112' })).toHaveAttribute('href', 'tel:112');
		await expect(page.getByRole('heading', { name: 'Mine mennesker' })).toBeVisible();
		const calls = page.getByRole('link', { name: /^Ring / });
		expect(await calls.count()).toBeGreaterThan(2);
		for (const href of await calls.evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
			expect(href).toMatch(/^tel:\+?\d+$/);
		await axe();
	});

	test('is not shown to a relative, and its page is refused', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-jens');
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await expect(page.getByRole('link', { name: 'Kriseplan' })).toHaveCount(0);
		expect((await page.goto('/kriseplan'))?.status()).toBe(403);
	});
});

test.describe('help and display settings', () => {
	test('help names the contact person and calls by tel:', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-ali');
		await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mere' }).click();
		await page
			.getByRole('main')
			.getByRole('link', { name: /^Hjælp/ })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Hjælp' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: 'Anne Lund' })).toBeVisible();
		await expect(page.getByRole('link', { name: /^Ring / }).first()).toHaveAttribute('href', /^tel:\+?\d+$/);
		await axe();
	});

	test('text size, spacing and contrast are remembered, and one button goes back to normal', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-fatima');
		await page.goto('/mere');
		await axe();
		await page.getByRole('link', { name: /Sådan ser det ud/ }).click();
		await page.getByLabel('200 %').check();
		await page.getByLabel('Mere luft mellem linjer og ord').check();
		await page.getByLabel('Stærke farver (høj kontrast)').check();
		await page.getByRole('button', { name: 'Gem' }).click();
		await expect(page.locator('html')).toHaveClass(/text-200/);
		await expect(page.locator('html')).toHaveClass(/spacing-wide/);
		await axe();
		// 200 % text at 320 px: nothing scrolls sideways.
		await page.setViewportSize({ width: 320, height: 740 });
		for (const path of ['/', '/plan', '/dagbog', '/kriseplan']) {
			await page.goto(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect({ path, overflow }).toEqual({ path, overflow: 0 });
		}
		await page.goto('/visning');
		await page.getByRole('button', { name: 'Tilbage til normal' }).click();
		await expect(page.locator('html')).toHaveClass(/text-100/);
		await expect(page.locator('html')).not.toHaveClass(/spacing-wide/);
	});
});

test('home: next meeting, the delmål in focus, a gentle prompt to write, and the crisis plan', async ({
	page,
	loginAs,
	axe
}) => {
	await loginAs(page, 'demo-ali');
	await expect(page.getByRole('heading', { name: 'Dit næste møde' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Det arbejder du med nu' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Hvordan har du det i dag?' })).toBeVisible();
	await page.getByRole('link', { name: 'Skriv i dagbogen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();
	await page.goto('/');
	await page.getByRole('main').getByRole('link', { name: 'Se din kriseplan' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kriseplan' })).toBeVisible();
	await axe();
});

test('the citizen writes their own crisis plan and adds a person to call', async ({ page, loginAs, axe }) => {
	await loginAs(page, 'demo-fatima');
	await page.goto('/kriseplan');
	await page.getByRole('link', { name: 'Ret kriseplanen' }).click();
	await axe();
	await page.getByLabel('Det hjælper mig').fill('At gå en tur med hunden.\nAt ringe til min bror.');
	await page.getByRole('button', { name: 'Gem kriseplanen' }).click();
	await expect(page.getByText('Din kriseplan er gemt.')).toBeVisible();
	await expect(page.getByText('At gå en tur med hunden.')).toBeVisible();

	await page.getByRole('link', { name: 'Ret kriseplanen' }).click();
	await page.getByLabel('Navn').fill('Min bror Omar');
	await page.getByLabel('Telefonnummer').fill('ring mig');
	await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(page.getByText('Skriv et telefonnummer med tal, fx 20 30 40 50.')).toBeVisible();
	await page.getByLabel('Telefonnummer').fill('20 30 40 50');
	await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Fjern Min bror Omar' })).toBeVisible();
	await page.goto('/kriseplan');
	await expect(page.getByRole('link', { name: 'Ring 20 30 40 50' })).toHaveAttribute('href', 'tel:20304050');
});

test('a mentor writes the crisis plan with Jonas; Jonas sees it and that Lone saved it; another mentor is refused', async ({
	page,
	browser,
	loginAs,
	axe
}) => {
	await loginAs(page, 'demo-lone');
	await page.getByRole('link', { name: 'Jonas Madsen' }).click();
	await page.getByRole('link', { name: 'Kriseplan', exact: true }).last().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kriseplan for Jonas Madsen' })).toBeVisible();
	await axe();
	const crisisPath = new URL(page.url()).pathname;
	const signs = `Jeg sover dårligt og bliver væk fra venner (${Date.now()})`;
	await page.getByLabel('Tegn på, at jeg får det svært').fill(signs);
	await page.getByRole('button', { name: 'Gem kriseplanen' }).click();
	await expect(page.getByText('Gemt. Jonas kan se det nu, også uden internet.')).toBeVisible();
	await expect(page.getByLabel('Tegn på, at jeg får det svært')).toHaveValue(signs);
	// A person to call, written with him; bad input is explained at the field and saves nothing.
	await page.getByLabel('Navn').fill('Psykiatrisk akutmodtagelse');
	await page.getByLabel('Telefonnummer').fill('<b>ring</b>');
	await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(page.getByLabel('Telefonnummer')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Telefonnummer').fill('38 64 00 00');
	await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Fjern Psykiatrisk akutmodtagelse' })).toBeVisible();

	const jonasContext = await browser.newContext();
	const jonas = await jonasContext.newPage();
	await loginAs(jonas, 'demo-jonas');
	await jonas.goto('/kriseplan');
	await expect(jonas.getByText(signs)).toBeVisible();
	// Jonas reads in easy-read mode (his own setting).
	await expect(jonas.getByText(/^Lone Berg har skrevet i den\. Det var /)).toBeVisible();
	await expect(jonas.getByRole('link', { name: 'Ring 38 64 00 00' })).toHaveAttribute('href', 'tel:38640000');
	// And the look is in his access log.
	await jonas.goto('/adgangslog');
	await expect(jonas.getByRole('main')).toContainText('Lone Berg');
	await jonasContext.close();

	// A save from an older form (Jonas changed it meanwhile) is refused and keeps what was typed.
	await page.goto(crisisPath);
	await page.getByLabel('Det hjælper mig').fill('Lones tekst');
	const other = await browser.newContext();
	const jonasAgain = await other.newPage();
	await loginAs(jonasAgain, 'demo-jonas');
	await jonasAgain.goto('/kriseplan/rediger');
	await jonasAgain.getByLabel('Det hjælper mig').fill('Min egen tekst');
	await jonasAgain.getByRole('button', { name: 'Gem kriseplanen' }).click();
	await expect(jonasAgain.getByText('Din kriseplan er gemt.')).toBeVisible();
	await expect(jonasAgain.getByText(/har skrevet i den/)).toHaveCount(0);
	await other.close();
	await page.getByRole('button', { name: 'Gem kriseplanen' }).click();
	const stale = page.getByRole('alert');
	await expect(stale).toContainText('Nogen har ændret dette, mens du skrev.');
	await expect(stale).toContainText('Min egen tekst');
	await expect(page.getByLabel('Det hjælper mig')).toHaveValue('Lones tekst');

	// Nina is not Jonas's mentor: no page, and a post changes nothing.
	const nina = await browser.newContext();
	const ninaPage = await nina.newPage();
	await loginAs(ninaPage, 'demo-nina');
	expect((await ninaPage.goto(crisisPath))?.status()).toBe(403);
	const origin = new URL(ninaPage.url()).origin;
	const post = await ninaPage.request.post(`${crisisPath}?/plan`, {
		form: { warningSigns: 'Nina var her', whatHelps: '', version: '99' },
		headers: { origin, accept: 'text/html' }
	});
	expect(post.status()).toBe(403);
	await nina.close();
});
