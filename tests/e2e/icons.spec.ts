import { expect, hydrated, test } from './fixtures';

type Watched = Window & { iconsRemoved: number };

test.describe('icons', () => {
	test('hydrate in place on the plan and the diary: none is drawn again, nothing in the console', async ({
		page,
		loginAs
	}) => {
		await loginAs(page, 'demo-sara');
		const said: string[] = [];
		page.on('console', (message) => {
			// Svelte's hydration_mismatch is a warning; Playwright's own note on the service worker is not ours.
			if (['warning', 'error'].includes(message.type()) && !message.text().includes('blocked by Playwright'))
				said.push(message.text());
		});
		page.on('pageerror', (error) => said.push(error.message));
		// From before the page's first byte: every server-drawn icon taken out of the document. When
		// the browser's render differs from the server's, Svelte warns and draws the page again.
		await page.addInitScript(() => {
			const watched = window as unknown as Watched;
			watched.iconsRemoved = 0;
			new MutationObserver((records) => {
				for (const record of records)
					for (const node of record.removedNodes)
						if (node instanceof Element && (node.matches('svg.lucide-icon') || node.querySelector('svg.lucide-icon')))
							watched.iconsRemoved++;
			}).observe(document, { childList: true, subtree: true });
		});
		for (const path of ['/plan', '/dagbog']) {
			await page.goto(path);
			await hydrated(page);
			const icons = page.locator('svg.lucide-icon');
			expect(await icons.count()).toBeGreaterThan(10);
			await expect(icons.first()).toHaveAttribute('aria-hidden', 'true');
			await expect(icons.first().locator('use')).toHaveAttribute('href', /sprite\..*\.svg#[a-z0-9-]+$/);
			expect(await page.evaluate(() => (window as unknown as Watched).iconsRemoved), path).toBe(0);
		}
		expect(said).toEqual([]);
	});
});
