import type { BrowserContext, Page } from '@playwright/test';
import { E2E_ORIGIN, expect, test } from './fixtures';
import { crawl, routeOf } from './crawl';

/**
 * WCAG 1.4.10 and 1.4.12 on every page, for citizens, relatives and staff: at 320 px wide, with
 * the app's largest text (200 %) and wide spacing, and on top the text-spacing test of 1.4.12
 * (line height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em, forced on every
 * element), no page scrolls sideways and no text is cut off by a box that hides what overflows.
 */
test.use({ viewport: { width: 320, height: 640 }, screen: { width: 320, height: 640 } });

const WIDTH = 320;

/** The WCAG 1.4.12 text-spacing test, as the bookmarklets apply it. */
const TEXT_SPACING = `
*, *::before, *::after {
	line-height: 1.5 !important;
	letter-spacing: 0.12em !important;
	word-spacing: 0.16em !important;
}
p { margin-block-end: 2em !important; }
`;

/** The person's largest text and wide spacing, as the display page leaves them (the device's cookie). */
async function largestText(context: BrowserContext) {
	await context.addCookies([{ name: 'mf-display', value: '200.s..', url: E2E_ORIGIN }]);
}

/** What does not fit: sideways scrolling of the page, and text cut off by a box that hides overflow. */
async function reflowProblems(page: Page): Promise<string[]> {
	await page.addStyleTag({ content: TEXT_SPACING });
	return page.evaluate((width) => {
		const problems: string[] = [];
		// What is folded away can be opened: it must fit too.
		for (const details of document.querySelectorAll('details')) details.open = true;
		const root = document.documentElement;
		if (root.scrollWidth > width) problems.push(`the page is ${root.scrollWidth}px wide`);
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		const hides = (v: string) => v === 'hidden' || v === 'clip';
		for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
			const style = getComputedStyle(el);
			if (style.display === 'none' || style.visibility === 'hidden') continue;
			const box = el.getBoundingClientRect();
			// Text only for screen readers (.visually-hidden) is a 1 px box on purpose.
			if (box.width <= 1 || box.height <= 1) continue;
			const hasText = (el.innerText ?? '').trim() !== '';
			if (!hasText) continue;
			if ((hides(style.overflowX) || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1)
				problems.push(`cut off sideways (${el.scrollWidth} > ${el.clientWidth}): ${name(el)}`);
			if (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
				problems.push(`cut off at the bottom (${el.scrollHeight} > ${el.clientHeight}): ${name(el)}`);
			// Text of its own that sticks out of the screen sideways (not the skip link, which waits above it).
			const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
			if (ownText && box.bottom > 0 && (box.right > width + 1 || box.left < -1))
				problems.push(`outside the screen (${Math.round(box.left)}–${Math.round(box.right)}): ${name(el)}`);
		}
		// A short word is never broken into three or more pieces: that happens when a box is squeezed
		// far narrower than its words (letters stacked one under the other), which is as unreadable
		// as cut-off text. (A long word in a big heading may wrap once at 200 %: it cannot fit.)
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('.visually-hidden, option, script, style') || !parent.checkVisibility()) continue;
			for (const word of (node.textContent ?? '').matchAll(/(?<!\p{L})\p{L}{2,7}(?!\p{L})/gu)) {
				range.setStart(node, word.index);
				range.setEnd(node, word.index + word[0].length);
				const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
				if (tops.size > 2) {
					problems.push(`the word "${word[0]}" is split over ${tops.size} lines: ${name(parent)}`);
					break;
				}
			}
		}
		return problems;
	}, WIDTH);
}

/** Every page is looked at before the test says what failed, so one run names all of them. */
async function sweep(page: Page, paths: string[]) {
	const failing: Array<{ path: string; problems: string[] }> = [];
	for (const path of paths) {
		await page.goto(path);
		const problems = [...new Set(await reflowProblems(page))];
		if (problems.length) failing.push({ path, problems });
	}
	expect(failing).toEqual([]);
}

test.describe('320 px, 200 % text and WCAG 1.4.12 spacing', () => {
	test.describe.configure({ timeout: 240_000 });

	test('before login', async ({ page, context }) => {
		await largestText(context);
		await sweep(page, ['/login', '/offline']);
	});

	test('every citizen page, in Danish and in Arabic', async ({ page, context, loginAs }) => {
		await loginAs(page, 'demo-mette');
		await largestText(context);
		const pages = await crawl(page, { start: ['/'], include: (path) => !path.startsWith('/staff') });
		expect(pages.map(routeOf)).toEqual(
			expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id', '/dagbog', '/logbog', '/kriseplan', '/mere'])
		);
		await sweep(page, pages);
		// Arabic, right to left: what sits at the end of a line is now on the left.
		await context.addCookies([{ name: 'mf-lang', value: 'ar', url: E2E_ORIGIN }]);
		await sweep(page, pages);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	});

	test('every page a relative sees', async ({ page, context, loginAs }) => {
		await loginAs(page, 'demo-jens');
		await largestText(context);
		await sweep(page, ['/relative']);
		await page.getByRole('button', { name: 'Se Saras sider' }).click();
		const pages = await crawl(page, { start: ['/'], include: (path) => !path.startsWith('/staff') });
		expect(pages.map(routeOf)).toEqual(expect.arrayContaining(['/', '/plan', '/moeder', '/moeder/:id']));
		await sweep(page, pages);
	});

	test('every staff page', async ({ page, context, loginAs }) => {
		await loginAs(page, 'demo-lone');
		await largestText(context);
		const pages = await crawl(page, { start: ['/staff'], include: (path) => path.startsWith('/staff') });
		expect(pages.map(routeOf)).toEqual(
			expect.arrayContaining(['/staff', '/staff/citizens/:id', '/staff/citizens/:id/moeder/:id'])
		);
		await sweep(page, pages);
	});
});
