import { expect, test } from './fixtures';

test.describe('who sees what', () => {
	test('a relative chooses whose pages to see and gets a clear banner, read-only', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-jens');
		await expect(page).toHaveURL('/som-paaroerende');
		await expect(page.getByRole('heading', { level: 1, name: 'Hvem vil du se?' })).toBeVisible();
		await axe();
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Du ser Saras sider.' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Dit næste møde' })).toBeVisible();
		await axe();
		await page.goto('/plan');
		await expect(page.getByRole('heading', { level: 1, name: 'Planen' })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Du ser Saras sider.' })).toBeVisible();
		await axe();
	});

	test('a mentor sees only assigned citizens; the read is logged; an unassigned mentor gets 403', async ({
		page,
		loginAs,
		axe,
		browser
	}) => {
		await loginAs(page, 'demo-lone');
		await expect(page).toHaveURL('/staff');
		await expect(page.getByRole('heading', { level: 1, name: 'Mine borgere' })).toBeVisible();
		const citizens = page.getByRole('main').getByRole('listitem').getByRole('link');
		await expect(citizens).toHaveText(['Jonas Madsen', 'Sara Nielsen']);
		await axe();

		await page.getByRole('link', { name: 'Sara Nielsen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Plan for Sara Nielsen' })).toBeVisible();
		await expect(page.getByText('Borgeren kan se, at du har kigget på planen.')).toBeVisible();
		await axe();
		const saraPlan = new URL(page.url()).pathname;

		const nina = await browser.newContext();
		const ninaPage = await nina.newPage();
		await loginAs(ninaPage, 'demo-nina');
		await expect(ninaPage.getByText('Du er ikke tilknyttet nogen borgere lige nu.')).toBeVisible();
		const response = await ninaPage.goto(saraPlan);
		expect(response?.status()).toBe(403);
		await expect(ninaPage.getByRole('heading', { level: 1, name: 'Det har du ikke adgang til' })).toBeVisible();
		await expect(ninaPage.getByText('Sara Nielsen')).toHaveCount(0);
		await axe(ninaPage);

		const unknown = await ninaPage.goto('/staff/citizens/not-a-uuid');
		expect(unknown?.status()).toBe(404);
		await nina.close();
	});

	test('a citizen cannot open the staff area or another citizen', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-ali');
		expect((await page.goto('/staff'))?.status()).toBe(403);
		expect((await page.goto('/staff/citizens/00000000-0000-4000-8000-000000000000'))?.status()).toBe(403);
	});
});
