import { expect, openViewMenu, tapEasyRead, test } from './fixtures';

test.describe('a citizen', () => {
	test('logs in through the identity provider and sees today and the plan', async ({ page, loginViaIdp, axe }) => {
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
		await axe();

		await loginViaIdp(page, 'demo-sara');
		await expect(page).toHaveURL('/');
		await expect(page.getByRole('heading', { level: 1, name: 'I dag' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Dit næste møde' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Det arbejder du med nu' })).toBeVisible();
		await axe();

		await page.getByRole('link', { name: 'Min plan' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
		// Sara reads in easy-read (her saved setting, which the login brings): one goal on the screen,
		// the programme and the people one tap away.
		await expect(page.getByRole('heading', { level: 2, name: /^Mål 1 af \d$/ })).toBeVisible();
		await page.getByText('Mere om forløbet').click();
		await expect(page.getByRole('heading', { level: 2, name: /Mestringsforløb/ })).toBeVisible();
		await expect(page.getByText('Du er her')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Dem omkring mig' })).toBeVisible();
		await expect(page.getByText('Lone Berg')).toBeVisible();
		await axe();
	});

	test('switches to easy-read and back in one tap, and the choice follows the person', async ({
		page,
		loginAs,
		loginViaIdp,
		axe
	}) => {
		await loginAs(page, 'demo-fatima');
		const intro = page.locator('p.lead');
		await expect(intro).toHaveText('Her er det vigtigste lige nu.');
		await tapEasyRead(page);
		await expect(intro).toHaveText('Det her er vigtigt i dag.');
		await openViewMenu(page);
		await expect(page.getByRole('button', { name: 'Let læsning' })).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByRole('button', { name: 'Let læsning' })).toContainText('Let læsning: til');
		await axe();
		await page.goto('/plan');
		await axe();

		// Saved on the person: a fresh browser context gets easy-read after login (the callback sets it).
		const other = await page
			.context()
			.browser()!
			.newContext({ viewport: { width: 360, height: 740 } });
		const second = await other.newPage();
		await loginViaIdp(second, 'demo-fatima');
		await expect(second.locator('p.lead')).toHaveText('Det her er vigtigt i dag.');
		await tapEasyRead(second);
		await expect(second.locator('p.lead')).toHaveText('Her er det vigtigste lige nu.');
		await other.close();
	});

	test('reads the app in Arabic, right to left, and in English', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-ali');
		await openViewMenu(page);
		await page.getByRole('button', { name: 'العربية' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await axe();
		await page.goto('/plan');
		await axe();
		await page.screenshot({ path: 'test-results/screens/plan-ar.png', fullPage: true });

		await openViewMenu(page);
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
		await expect(page.getByRole('heading', { level: 1, name: 'My plan' })).toBeVisible();
		await openViewMenu(page);
		await page.getByRole('button', { name: 'Dansk' }).click();
	});

	test('sees each programme told in plain words', async ({ page, loginAs }) => {
		const programmes: Array<[string, RegExp]> = [
			['demo-sara', /Mestringsforløb/],
			['demo-ali', /Jobrettet rehabilitering/],
			['demo-mette', /Mestringsvejledning/],
			['demo-jonas', /Ressourceforløb/],
			['demo-fatima', /På vej til arbejde/]
		];
		for (const [subject, name] of programmes) {
			await page.context().clearCookies();
			await loginAs(page, subject);
			await page.goto('/plan');
			// Easy-read (Sara, Jonas) shows one goal per screen, the programme one tap away after it.
			const more = page.getByText('Mere om forløbet');
			if (await more.count()) await more.click();
			else await expect(page.getByRole('heading', { name: 'Mål og delmål' })).toBeVisible();
			await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
		}
	});

	test('can see and end its other sessions, and logs out with site data cleared', async ({ page, loginAs, axe }) => {
		await loginAs(page, 'demo-mette');
		const other = await page.context().browser()!.newContext();
		await loginAs(await other.newPage(), 'demo-mette');

		await page.getByRole('link', { name: 'Mere' }).click();
		await axe();
		await page.getByRole('link', { name: /Hvor er du logget ind\?/ }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Hvor er du logget ind?' })).toBeVisible();
		await axe();
		await page.getByRole('button', { name: 'Log ud alle andre steder' }).click();
		await expect(page.getByRole('main').getByRole('status')).toContainText(/Logget ud/);

		const otherPage = other.pages()[0];
		await otherPage.goto('/plan');
		await expect(otherPage).toHaveURL(/\/login/);
		await other.close();

		await page.goto('/mere');
		const logout = page.waitForResponse((r) => r.url().endsWith('/auth/logout'));
		await page.getByRole('button', { name: 'Log ud' }).click();
		expect((await (await logout).allHeaders())['clear-site-data']).toContain('"storage"');
		await expect(page.getByText('Du er logget ud. Tak for nu.')).toBeVisible();
		await page.goto('/plan');
		await expect(page).toHaveURL(/\/login\?returnTo=%2Fplan/);
	});

	test('a Low MitID login is refused in plain words', async ({ page, loginViaIdp, axe }) => {
		await loginViaIdp(page, 'demo-sara', 'Low');
		await expect(page).toHaveURL(/\/login\?error=loa_too_low/);
		await expect(page.getByRole('alert')).toContainText('Du skal bruge MitID på et højere niveau');
		await axe();
		await page.goto('/plan');
		await expect(page).toHaveURL(/\/login/);
	});
});
