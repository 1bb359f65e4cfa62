import { expect, holdScripts, hydrated, test } from './fixtures';

/**
 * A slow phone shows the page the server sent seconds before its scripts run, and people write in
 * it. When the scripts start, hydration sets each field from the page's state: what was written
 * then must still be there, and be what is saved (draft-keeper.svelte gives it back). Before, the
 * text area on /tal-om came back empty and the post went without words.
 */
test.describe('written before the page’s scripts ran (a slow phone)', () => {
	test('/tal-om: the words and the ticked box stay, and go with "Tag det med"', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-sara');
		const words = `Skrevet før scriptet ${Date.now()}`;
		const release = await holdScripts(page);
		await page.goto('/tal-om', { waitUntil: 'commit' });
		const text = page.getByLabel('Hvad vil du tale om?');
		const only = page.getByRole('checkbox', { name: 'Kun for mig og min kontaktperson' });
		await text.fill(words);
		await only.check();
		release();
		await hydrated(page);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		await expect(text).toHaveValue(words);
		await expect(only).toBeChecked();

		await page.getByRole('button', { name: 'Tag det med' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Det er med til mødet.' })).toBeVisible();
		const card = page.locator('article.topic', { hasText: words });
		await expect(card).toHaveCount(1);
		await expect(card.getByText('Kun for dig og din kontaktperson')).toBeVisible();
	});

	test('/dagbog: "Hvad skete der?" keeps its words, and they are saved', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-mette');
		const words = `Dagen før scriptet ${Date.now()}`;
		const release = await holdScripts(page);
		await page.goto('/dagbog', { waitUntil: 'commit' });
		await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
		const text = page.getByLabel('Hvad skete der?');
		await text.fill(words);
		release();
		await hydrated(page);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		await expect(text).toHaveValue(words);

		await page.getByRole('button', { name: 'Gem', exact: true }).click();
		await expect(page.locator('li.entry').filter({ hasText: words })).toHaveCount(1);
	});
});
