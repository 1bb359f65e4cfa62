import { expect, test } from './fixtures';

/**
 * A mentor writes Sara's plan: a goal, a delmål, a plan period, an answer to Sara's suggestion.
 * Bad input is refused next to the field; a save over someone else's newer version is refused
 * and keeps the typed text; Sara sees the result; a mentor not assigned to her gets 403.
 * The steps build on each other, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

// A tag of this run in the titles: when CI retries the group, the first try's goal is still there.
const RUN = `nr. ${Date.now() % 10_000}`;
const GOAL = `Gå en tur hver dag, ${RUN}`;
const SUBGOAL = `Gå ned til søen tirsdag, ${RUN}`;
const SUGGESTION = 'Se en film om at arbejde i et gartneri';

/** Paths found on the way, used by the later steps. */
let planPath = '';
let goalPath = '';

test.describe('a professional writes the plan', () => {
	test('writes a goal and a delmål; bad input saves nothing and is explained at the field', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-lone');
		await page.getByRole('link', { name: 'Sara Nielsen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' })).toBeVisible();
		await axe();
		planPath = new URL(page.url()).pathname;
		const goalCount = await page.locator('article.goal').count();

		// A new goal: first empty, then with a tag, then right.
		await page.getByRole('link', { name: 'Nyt mål', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Nyt mål for Sara Nielsen' })).toBeVisible();
		await axe();
		const title = page.getByLabel('Mål', { exact: true });
		await page.getByRole('button', { name: 'Gem mål' }).click();
		await expect(title).toHaveAttribute('aria-invalid', 'true');
		await expect(title).toHaveAccessibleDescription('Skriv noget her.');
		await axe();

		await title.fill('<script>alert(1)</script>');
		await page.getByLabel('Derfor er det vigtigt').fill('Det giver ro i hovedet.');
		await page.getByRole('button', { name: 'Gem mål' }).click();
		await expect(title).toHaveAccessibleDescription('Skriv teksten uden koder som < og >.');
		await expect(title).toHaveValue('<script>alert(1)</script>');
		await expect(page.getByLabel('Derfor er det vigtigt')).toHaveValue('Det giver ro i hovedet.');

		await title.fill(GOAL);
		await page.getByRole('button', { name: 'Gem mål' }).click();
		await expect(page).toHaveURL(`${planPath}?saved=goal`);
		await expect(page.getByRole('status').filter({ hasText: 'Målet er gemt.' })).toBeVisible();
		await expect(page.locator('article.goal')).toHaveCount(goalCount + 1);
		const goal = page.getByRole('article', { name: GOAL });
		await expect(goal.getByText('Det giver ro i hovedet.')).toBeVisible();
		goalPath = (await goal.getByRole('link', { name: `Rediger mål: ${GOAL}` }).getAttribute('href'))!;

		// A delmål in focus, with a next step.
		await goal.getByRole('link', { name: `Nyt delmål: ${GOAL}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Nyt delmål' })).toBeVisible();
		await axe();
		await page.getByLabel('Delmål', { exact: true }).fill(SUBGOAL);
		await page.getByLabel('Næste lille skridt').fill('Tag skoene på efter morgenmaden.');
		await page.getByRole('checkbox', { name: 'I fokus nu' }).check();
		await page.getByRole('button', { name: 'Gem delmål' }).click();
		await expect(page).toHaveURL(`${planPath}?saved=subgoal`);
		const item = page.getByRole('article', { name: GOAL }).getByRole('listitem').filter({ hasText: SUBGOAL });
		await expect(item.getByText('Tag skoene på efter morgenmaden.')).toBeVisible();
		await expect(item.getByText('I fokus nu')).toBeVisible();

		// The status changes right on the plan.
		await item.getByRole('combobox', { name: `Status: ${SUBGOAL}` }).selectOption({ label: 'Jeg er i gang' });
		await item.getByRole('button', { name: `Gem status: ${SUBGOAL}` }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Status er gemt.' })).toBeVisible();
		await expect(item.getByRole('combobox', { name: `Status: ${SUBGOAL}` })).toHaveValue('working_on_it');
		await axe();

		// The delmål's own page.
		await item.getByRole('link', { name: `Rediger delmål: ${SUBGOAL}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Rediger delmål' })).toBeVisible();
		await expect(page.getByLabel('Delmål', { exact: true })).toHaveValue(SUBGOAL);
		await expect(page.getByRole('checkbox', { name: 'I fokus nu' })).toBeChecked();
		await axe();
	});

	test('a plan period with the dates the wrong way round is refused at the end date', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-lone');
		await page.goto(planPath);
		await page.getByRole('link', { name: 'Planperioder' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Planperioder for Sara Nielsen' })).toBeVisible();
		await axe();
		const periods = await page.getByRole('link', { name: /^Rediger planperiode/ }).count();
		await page.getByLabel('Startdato', { exact: true }).fill('2026-05-10');
		await page.getByLabel(/^Slutdato/).fill('2026-05-01');
		await page.getByLabel('Status for perioden').fill('Vi går flere ture nu.');
		await page.getByRole('button', { name: 'Gem planperiode' }).click();
		const end = page.getByLabel(/^Slutdato/);
		await expect(end).toHaveAttribute('aria-invalid', 'true');
		await expect(end).toHaveAccessibleDescription('Slutdatoen skal være efter startdatoen.');
		await expect(page.getByLabel('Status for perioden')).toHaveValue('Vi går flere ture nu.');
		await expect(page.getByRole('link', { name: /^Rediger planperiode/ })).toHaveCount(periods);
		await axe();

		// The course page shows the phases the programme gives.
		await page.goto(`${planPath}/course`);
		await expect(page.getByRole('heading', { level: 1, name: 'Forløb for Sara Nielsen' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Faser i forløbet' })).toBeVisible();
		await expect(page.getByLabel('Type forløb')).toHaveValue('mestringsforloeb');
		await axe();
	});

	test('a save over a newer version is refused, shows the new version and keeps the typed text', async ({
		page,
		loginAs,
		axe
	}) => {
		await loginAs(page, 'demo-lone');
		await page.goto(goalPath);
		await expect(page.getByRole('heading', { level: 1, name: 'Rediger mål for Sara Nielsen' })).toBeVisible();
		await axe();
		const second = await page.context().newPage();
		await second.goto(goalPath);

		await page.getByLabel('Derfor er det vigtigt').fill('Jeg får frisk luft.');
		await page.getByRole('button', { name: 'Gem mål' }).click();
		await expect(page).toHaveURL(`${planPath}?saved=goal`);

		const typed = 'Jeg sover bedre, når jeg har gået.';
		await second.getByLabel('Derfor er det vigtigt').fill(typed);
		await second.getByRole('button', { name: 'Gem mål' }).click();
		const notice = second.getByRole('alert').filter({ hasText: 'Nogen har ændret dette, mens du skrev.' });
		await expect(notice).toContainText('Her er den nye udgave. Din tekst er bevaret nedenfor.');
		await expect(notice).toContainText('Jeg får frisk luft.');
		await expect(second.getByLabel('Derfor er det vigtigt')).toHaveValue(typed);
		await axe(second);

		// Having seen the new version, the person may save their own text over it.
		await second.getByRole('button', { name: 'Gem mål' }).click();
		await expect(second).toHaveURL(`${planPath}?saved=goal`);
		await expect(second.getByRole('article', { name: GOAL }).getByText(typed)).toBeVisible();
		await second.close();
	});

	test("answers Sara's suggestion, and Sara sees the new goal and delmål", async ({ page, loginAs, axe, browser }) => {
		await loginAs(page, 'demo-lone');
		await page.goto(planPath);
		const suggestion = page.getByRole('form', { name: SUGGESTION });
		await suggestion.getByRole('button', { name: 'Tal om det først' }).click();
		const answer = page.getByRole('form', { name: SUGGESTION }).getByLabel('Svar til borgeren');
		await expect(answer).toHaveAttribute('aria-invalid', 'true');
		await expect(answer).toHaveAccessibleDescription('Skriv et svar til borgeren.');
		await axe();

		await answer.fill('God idé. Vi ser den sammen.');
		await suggestion.getByRole('button', { name: 'Ja, lav det til delmål' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Dit svar er gemt.' })).toBeVisible();
		await expect(page.getByRole('form', { name: SUGGESTION })).toHaveCount(0);
		await expect(page.locator('.subgoal-title', { hasText: SUGGESTION })).toBeVisible();

		const context = await browser.newContext();
		const sara = await context.newPage();
		await loginAs(sara, 'demo-sara');
		// Sara reads in easy-read: one goal per screen. The new goal is the last; her suggestion was on goal 2.
		await sara.goto('/plan?maal=99');
		const goal = sara.getByRole('article', { name: GOAL });
		await expect(goal).toBeVisible();
		const item = goal.getByRole('listitem').filter({ hasText: SUBGOAL });
		await expect(item).toBeVisible();
		await expect(item.getByText(/Ændret af Lone/)).toBeVisible();
		await sara.goto('/plan?maal=2');
		await expect(sara.locator('.subgoal-title', { hasText: SUGGESTION })).toBeVisible();
		await context.close();
	});

	test("a mentor who is not Sara's gets 403 on the goal form, also when posting it", async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-nina');
		const response = await page.goto(goalPath);
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1, name: 'Det har du ikke adgang til' })).toBeVisible();
		await expect(page.getByText(GOAL)).toHaveCount(0);
		await axe();

		const origin = new URL(page.url()).origin;
		const post = await page.request.post(`${goalPath}?/save`, {
			form: { title: 'Nina var her', version: '1' },
			headers: { origin, accept: 'text/html' }
		});
		expect(post.status()).toBe(403);
		expect(await post.text()).toContain('Det har du ikke adgang til');
		const status = await page.request.post(`${planPath}?/status`, {
			form: { subgoalId: '00000000-0000-4000-8000-000000000000', status: 'done', version: '1' },
			headers: { origin, accept: 'text/html' }
		});
		expect(status.status()).toBe(403);
	});
});
