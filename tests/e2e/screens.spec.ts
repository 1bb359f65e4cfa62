import { expect, test } from './fixtures';

/**
 * Screenshots of the citizen's main pages as a person sees them on a 360×740 phone, in standard
 * and easy-read mode and in Arabic. They are kept as test artefacts under test-results/screens/
 * so a person can look at them; each page is also checked with axe as it is photographed.
 */
const pages = [
	['home', '/'],
	['plan', '/plan'],
	['crisis', '/kriseplan']
] as const;

test('citizen pages in each reading mode and in Arabic', async ({ page, loginAs, axe }) => {
	// Nine pages, each with axe and a full-page picture: longer than one page's test.
	test.setTimeout(180_000);
	await page.goto('/login');
	await page.screenshot({ path: 'test-results/screens/login-da.png', fullPage: true });
	await loginAs(page, 'demo-ali');
	for (const mode of ['standard', 'easy'] as const) {
		const pressed = await page.getByRole('button', { name: 'Let læsning' }).getAttribute('aria-pressed');
		if ((pressed === 'true') !== (mode === 'easy')) await page.getByRole('button', { name: 'Let læsning' }).click();
		for (const [name, path] of pages) {
			await page.goto(path);
			await axe();
			await page.screenshot({ path: `test-results/screens/${name}-da-${mode}.png`, fullPage: true });
		}
	}
	await page.getByText('Sprog').click();
	await page.getByRole('button', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	for (const [name, path] of pages) {
		await page.goto(path);
		await axe();
		await page.screenshot({ path: `test-results/screens/${name}-ar-easy.png`, fullPage: true });
	}
	// Leave Ali as he was.
	await page.locator('.language-switch summary').click();
	await page.getByRole('button', { name: 'Dansk' }).click();
	await page.getByRole('button', { name: 'Let læsning' }).click();
});
