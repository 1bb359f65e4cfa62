import { expect, test } from './fixtures';
import { barProblems, focusHiddenOnWalk, reflowProblems, smallTargets } from './page-checks';

/**
 * The crawl's own checks (page-checks.ts) on small pages made for them: each must find what it
 * looks for, or the crawl would pass every page without looking. The pages need no server (the
 * suite's own test is used anyway, so this file runs in the same workers as the others).
 */
const phone = '<meta name="viewport" content="width=device-width"><style>body { margin: 0 }</style>';

test('the focus walk finds a link that focus leaves under a fixed bar, and nothing on a plain page', async ({
	page
}) => {
	await page.setContent(`${phone}
		<a href="#1">one</a><div style="height: 500px"></div><a href="#2">two</a><div style="height: 30px"></div>
		<a href="#3">three</a><div style="height: 900px"></div>
		<div style="position: fixed; inset: auto 0 0 0; height: 200px; background: #eee">bar</div>`);
	expect(await focusHiddenOnWalk(page)).toEqual(['Tab: <a href="#3">three</a>']);

	await page.setContent(`${phone}<a href="#1">one</a><div style="height: 1500px"></div><a href="#2">two</a>`);
	expect(await focusHiddenOnWalk(page)).toEqual([]);
});

test('the 44 px check finds a small button, but not a link inside a sentence', async ({ page }) => {
	await page.setContent(`${phone}
		<p>Read <a href="#more">more</a> here.</p>
		<button style="width: 60px; height: 30px">Small</button>
		<button style="width: 60px; height: 48px">Big</button>`);
	const small = await smallTargets(page);
	expect(small.map((t) => t.el)).toEqual(['<button style="width: 60px; height: 30px">Small</button>']);
	// Folded away in a closed <details>, a target cannot be tapped: counted once it is open.
	await page.setContent(
		`${phone}<details><summary style="min-height: 48px">More</summary><button style="height: 30px">In</button></details>`
	);
	expect(await smallTargets(page)).toEqual([]);
	await page.locator('summary').click();
	expect((await smallTargets(page)).map((t) => t.el)).toEqual(['<button style="height: 30px">In</button>']);
});

test('the reflow check finds sideways scrolling and text cut off', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.setContent(`${phone}<p style="width: 600px">A line wider than the screen.</p>`);
	expect(await reflowProblems(page)).toContainEqual(expect.stringMatching(/^the page is \d+px wide$/));

	await page.setContent(`${phone}<div style="height: 20px; overflow: hidden">One line<br>and a second line</div>`);
	expect(await reflowProblems(page)).toContainEqual(expect.stringMatching(/^cut off at the bottom/));

	await page.setContent(`${phone}<p>Short words fit.</p>`);
	expect(await reflowProblems(page)).toEqual([]);
});

test('the header and bar check finds bars taller than a quarter of the screen, and words sticking out of a button', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	const layout = (header: number, bar: number, label = 'OK') => `${phone}
		<header class="app-header" style="height: ${header}px"><a href="/" style="display: inline-block; width: 40px; white-space: nowrap">${label}</a></header>
		<nav class="main-nav" style="position: fixed; inset: auto 0 0 0; height: ${bar}px"><a href="/">I dag</a></nav>`;
	await page.setContent(layout(120, 60));
	expect(await barProblems(page)).toEqual([]);

	await page.setContent(layout(140, 60));
	expect(await barProblems(page)).toEqual(['header 140 px + bar 60 px = 27 % of 740 px']);

	await page.setContent(
		`${phone}<header class="app-header"><a href="/" style="display: inline-block; width: 40px; overflow-wrap: anywhere">Dagbog</a></header>`
	);
	expect(await barProblems(page)).toEqual(['"Dagbog": the word "Dagbog" is broken over two lines']);

	await page.setContent(layout(60, 60, 'Visning og sprog'));
	expect(await barProblems(page)).toContainEqual(
		expect.stringMatching(/^"Visning og sprog": its words stick out of it/)
	);
});
