import { E2E_ORIGIN, test } from './fixtures';
import { setLanguage } from './page-checks';
const cases = (process.env.CASES ?? '').split(',');
for (const c of cases) {
	const [who, lang, reading, display, size, path] = c.split(':');
	const [w, h] = size.split('x').map(Number);
	test.describe(c, () => {
		test.use({ viewport: { width: w, height: h } });
		test(`shot ${c}`, async ({ page, loginAs }) => {
			if (who !== 'none') await loginAs(page, who);
			await setLanguage(page.context(), lang as 'da', reading as 'easy');
			await page.context().addCookies([{ name: 'mf-display', value: display, url: E2E_ORIGIN }]);
			await page.goto(path);
			const name = c.replace(/[^a-z0-9]+/gi, '_');
			await page.screenshot({ path: `/tmp/lead-shots/after-${name}.png` });
			const h = await page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().height);
			console.log(c, 'header', h, 'of', await page.evaluate(() => innerHeight));
		});
	});
}
