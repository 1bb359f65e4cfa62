import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Response, TestInfo } from '@playwright/test';
import { E2E_ORIGIN, checkA11y, expect } from './fixtures';

/**
 * The checks a page visit of the crawl (tests/e2e/crawl-*.spec.ts) runs: axe, the 44 px targets,
 * the crisis plan and help in one place, the Tab/Shift+Tab focus walk, screenshots, and reflow at
 * 320 px with 200 % text. They were spread over nine sweeps that each loaded the same pages again;
 * here one visit runs every check that applies to it. The checks themselves are unchanged.
 */

/** The switches' cookies for the device's language and reading mode (the people's saved settings stay). */
export async function setLanguage(
	context: BrowserContext,
	lang: 'da' | 'ar' | 'en' | 'uk',
	reading: 'standard' | 'easy'
): Promise<void> {
	await context.addCookies([
		{ name: 'mf-lang', value: lang, url: E2E_ORIGIN },
		{ name: 'mf-reading', value: reading, url: E2E_ORIGIN }
	]);
}

/**
 * Targets smaller than 44×44 px on the page as it is now (WCAG 2.5.8, and 44 px as the issue asks):
 * every control, and every link except one inside a sentence (the inline exception); a checkbox or
 * radio button counts by its label's box, which is what a finger taps.
 */
export async function smallTargets(page: Page) {
	return page.evaluate(() => {
		const words = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
		const inSentence = (link: HTMLElement) => {
			let block = link.parentElement;
			while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
			if (!block || /flex|grid/.test(getComputedStyle(block).display)) return false;
			return words(block).length > words(link).length;
		};
		const targets = [
			...document.querySelectorAll<HTMLElement>('a[href], button, select, summary, textarea, input:not([type=hidden])')
			// Not what is folded away in a closed <details> (its content is laid out but not shown).
		].filter((el) => el.checkVisibility({ visibilityProperty: true }));
		return targets
			.filter((el) => !(el instanceof HTMLAnchorElement && inSentence(el)))
			.map((el) => {
				const choice = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
				const label = choice ? (el.closest('label') ?? document.querySelector(`label[for="${el.id}"]`)) : null;
				const box = (label ?? el).getBoundingClientRect();
				return { el: el.outerHTML.slice(0, 90), w: Math.round(box.width), h: Math.round(box.height) };
			})
			.filter((r) => r.w < 44 || r.h < 44);
	});
}

/**
 * Tabs through the page forwards, then back with Shift+Tab, and returns each focused element whose
 * top is out of view or covered by something else (a sticky bar): WCAG 2.4.11.
 *
 * The page looks at the focused element itself, when the next key goes down (by then the browser
 * has scrolled it into view, as it had when the test used to ask after each key), and once more
 * after the last key: one round trip per key instead of two.
 */
export async function focusHiddenOnWalk(page: Page): Promise<string[]> {
	await page.locator('body').focus();
	const focusable = await page.locator('a[href], button, select, summary, textarea, input:not([type=hidden])').count();
	const steps = Math.min(focusable, 60);
	await page.evaluate(() => {
		const walk = { hidden: [] as string[], key: '', stop: () => {} };
		const look = () => {
			const el = document.activeElement as HTMLElement | null;
			if (!walk.key || !el || el === document.body) return;
			const r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) return;
			const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
			const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), innerHeight - 1);
			const top = document.elementFromPoint(x, y);
			const visible =
				r.bottom > 0 && r.top < innerHeight && !!top && (el.contains(top) || top.contains(el) || el === top);
			if (!visible) walk.hidden.push(`${walk.key}: ${el.outerHTML.slice(0, 80)}`);
		};
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== 'Tab') return;
			look();
			walk.key = event.shiftKey ? 'Shift+Tab' : 'Tab';
		};
		addEventListener('keydown', onKey, { capture: true });
		walk.stop = () => {
			removeEventListener('keydown', onKey, { capture: true });
			look();
		};
		(window as unknown as { focusWalk: typeof walk }).focusWalk = walk;
	});
	for (const key of [...Array(steps).fill('Tab'), ...Array(steps).fill('Shift+Tab')] as string[])
		await page.keyboard.press(key);
	return page.evaluate(() => {
		const { focusWalk } = window as unknown as { focusWalk: { hidden: string[]; stop: () => void } };
		focusWalk.stop();
		return focusWalk.hidden;
	});
}

/** The width of the reflow check (WCAG 1.4.10): 320 CSS px. */
export const REFLOW_WIDTH = 320;

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
export async function largestText(context: BrowserContext): Promise<void> {
	await context.addCookies([{ name: 'mf-display', value: '200.s..', url: E2E_ORIGIN }]);
}

/**
 * What does not fit: sideways scrolling of the page, and text cut off by a box that hides overflow.
 * It adds the text-spacing style and opens every <details>: run it last on a visit.
 */
export async function reflowProblems(page: Page): Promise<string[]> {
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
	}, REFLOW_WIDTH);
}

/** The most of the screen's height the header and the bottom bar may take together (issue 19). */
export const BAR_SHARE_LIMIT = 0.25;

/**
 * The header and the bottom menu bar on a phone: together at most a quarter of the screen's
 * height (the first screen is the page's), and nothing in them cut off or sticking out of its
 * button (a long word in another language, large text). Measured at the page's top.
 */
export async function barProblems(page: Page, { wholeWords = true } = {}): Promise<string[]> {
	return page.evaluate(
		([limit, wholeWords]) => {
			const problems: string[] = [];
			const header = document.querySelector<HTMLElement>('header.app-header');
			if (!header) return ['no header'];
			const nav = document.querySelector<HTMLElement>('.main-nav');
			const fixed = nav && getComputedStyle(nav).position === 'fixed';
			// On a wide screen the menu is a row inside the header: counted with it.
			const headerHeight = header.getBoundingClientRect().height;
			const barHeight = fixed ? nav.getBoundingClientRect().height : 0;
			const share = (headerHeight + barHeight) / innerHeight;
			if (share > limit)
				problems.push(
					`header ${Math.round(headerHeight)} px + bar ${Math.round(barHeight)} px = ${Math.round(share * 100)} % of ${innerHeight} px`
				);
			for (const el of [header, ...(fixed ? [nav] : [])].flatMap((box) => [
				...box.querySelectorAll<HTMLElement>('a, button, summary')
			])) {
				if (!el.checkVisibility() || el.closest('.view-panel')) continue;
				const r = el.getBoundingClientRect();
				const label = `"${(el.textContent ?? '').trim().slice(0, 30)}"`;
				if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
					problems.push(
						`${label}: its words stick out of it (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`
					);
				if (r.left < -1 || r.right > innerWidth + 1) problems.push(`${label}: off the screen sideways`);
				// A word broken inside ("Dagbo-g"): the label is too big for its place. (At 320 px with
				// 200 % text and wide spacing a long word may break; the reflow check looks at that.)
				if (!wholeWords) continue;
				const range = document.createRange();
				const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode())
					for (const word of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]+/gu)) {
						range.setStart(node, word.index);
						range.setEnd(node, word.index + word[0].length);
						if (new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1)
							problems.push(`${label}: the word "${word[0]}" is broken over two lines`);
					}
			}
			return problems;
		},
		[BAR_SHARE_LIMIT, wholeWords] as const
	);
}

/** Which checks a visit runs; each person × mode of the crawl picks its own. */
export interface Checks {
	/** What the page must show in this mode (direction, reading mode, whose pages): fails at once. */
	mode?: (page: Page, path: string) => Promise<void>;
	/** axe, WCAG 2.2 A/AA. */
	axe?: boolean;
	/** Every target at least 44×44 px. */
	targets?: boolean;
	/** WCAG 3.2.6: the crisis plan and "Visning og sprog" in the banner, in the same place on every page. */
	helpInOnePlace?: boolean;
	/** Tab and Shift+Tab through the page: focus never out of view or under a sticky bar. */
	focusWalk?: boolean;
	/** A full-page screenshot under test-results/screens/, named by the page's path (null: none). */
	screenshot?: (path: string) => string | null;
	/** Reflow at 320 px with the largest text and WCAG 1.4.12 spacing (the test sets both). */
	reflow?: boolean;
	/** The header and the bottom bar: ≤ 25 % of the screen, nothing in them cut off (barProblems). */
	bars?: boolean;
}

export interface Counts {
	/** Page visits that ran checks. */
	pages: number;
	axe: number;
	targets: number;
	focusWalks: number;
	reflow: number;
	/** Pages where the header and bottom bar were measured. */
	bars: number;
	screenshots: number;
	/** Page loads of the crawl that found the pages (visits included). */
	crawlLoads: number;
}

/**
 * Runs the chosen checks on each visit and collects what fails, so one run names every page that
 * fails (the test fails at the end, in `finish`).
 */
export class PageChecks {
	readonly counts: Counts = {
		pages: 0,
		axe: 0,
		targets: 0,
		focusWalks: 0,
		reflow: 0,
		bars: 0,
		screenshots: 0,
		crawlLoads: 0
	};
	readonly problems: unknown[] = [];
	private readonly helpPlaces = new Map<string, string>();

	constructor(
		private readonly page: Page,
		private readonly checks: Checks
	) {}

	/** Runs the checks on the page as it is now (loaded at `path`). */
	async visit(path: string): Promise<void> {
		const { page, checks } = this;
		this.counts.pages++;
		await checks.mode?.(page, path);
		if (checks.axe) {
			this.counts.axe++;
			try {
				await checkA11y(page);
			} catch (error) {
				this.problems.push({ path, axe: (error as Error).message });
			}
		}
		if (checks.targets) {
			this.counts.targets++;
			const small = await smallTargets(page);
			if (small.length) this.problems.push({ path, small });
		}
		if (checks.bars) {
			this.counts.bars++;
			const problems = await barProblems(page, { wholeWords: !checks.reflow });
			if (problems.length) this.problems.push({ path, bars: problems });
		}
		if (checks.helpInOnePlace) {
			// Help itself is under Mere once logged in; the crisis plan and the display menu are here.
			const banner = page.getByRole('banner');
			for (const [name, control] of [
				['Kriseplan', banner.getByRole('link', { name: 'Kriseplan', exact: true })],
				['Visning og sprog', banner.locator('summary', { hasText: 'Visning og sprog' })]
			] as const) {
				const link = control;
				await expect(link, `${name} on ${path}`).toBeVisible();
				const box = await link.boundingBox();
				const place = `${Math.round(box!.x)},${Math.round(box!.y)} ${Math.round(box!.width)}×${Math.round(box!.height)}`;
				const was = this.helpPlaces.get(name);
				if (place !== (was ?? place)) this.problems.push({ path, name, place, was });
				this.helpPlaces.set(name, place);
			}
		}
		if (checks.focusWalk) {
			this.counts.focusWalks++;
			const hidden = await focusHiddenOnWalk(page);
			if (hidden.length) this.problems.push({ path, hidden });
		}
		const shot = checks.screenshot?.(path);
		if (shot) {
			this.counts.screenshots++;
			await page.screenshot({ path: `test-results/screens/${shot}.png`, fullPage: true });
		}
		// Last: it changes the page (text spacing, every <details> open).
		if (checks.reflow) {
			this.counts.reflow++;
			const problems = [...new Set(await reflowProblems(page))];
			if (problems.length) this.problems.push({ path, reflow: problems });
		}
	}

	/**
	 * Opens `path` the way a person moves on inside the app, and runs the checks: a tap on a link
	 * that SvelteKit follows in the page (it fetches the page's data and draws it in place; no new
	 * document, so axe stays loaded from the visit before). Landing elsewhere (a redirect), an
	 * error page drawn instead, a refused data request or a script error is a problem.
	 */
	async follow(path: string): Promise<void> {
		const { page } = this;
		const before = new URL(page.url()).pathname;
		const refused: string[] = [];
		const onResponse = (response: Response) => {
			if (new URL(response.url()).pathname.endsWith('/__data.json') && response.status() >= 400)
				refused.push(`data ${response.status()}`);
		};
		const scriptErrors: string[] = [];
		const onError = (error: Error) => scriptErrors.push(error.message);
		page.on('response', onResponse);
		page.on('pageerror', onError);
		try {
			await page.evaluate((to) => {
				const link = Object.assign(document.createElement('a'), { href: to });
				// Inside the app's own element, where SvelteKit handles clicks on links.
				(document.querySelector('main') ?? document.body).append(link);
				link.click();
				link.remove();
			}, path);
			await page.waitForURL((url) => url.pathname !== before);
			// SvelteKit changes the address and then draws the page in the same task: two frames on, it is drawn.
			await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
		} finally {
			page.off('response', onResponse);
			page.off('pageerror', onError);
		}
		const landed = new URL(page.url()).pathname;
		// A load that failed on the server or in the browser draws the error page in place.
		const heading = (await page.locator('h1').first().textContent())?.trim() ?? '';
		if (landed !== path || refused.length || scriptErrors.length || ERROR_TITLES.has(heading)) {
			this.problems.push({ path, landed, refused, scriptErrors, heading });
			return;
		}
		this.counts.crawlLoads++;
		await this.visit(path);
	}

	/** Loads `path` and runs the checks; a page that does not answer 2xx at that address is a problem. */
	async goto(path: string): Promise<void> {
		const response = await this.page.goto(path);
		this.counts.crawlLoads++;
		const landed = new URL(this.page.url()).pathname;
		if (!response || response.status() >= 400 || landed !== path) {
			this.problems.push({ path, status: response?.status(), landed });
			return;
		}
		await this.visit(path);
	}

	/** Writes the counts for the suite's summary (scripts/test-all.sh), then fails on anything found. */
	finish(info: TestInfo): void {
		writeCounts(info, this.counts);
		expect(this.problems).toEqual([]);
	}
}

/** The headings of the app's error page in every language: a page drawn as one is a problem. */
const ERROR_TITLES = new Set(
	fs.readdirSync('src/lib/i18n/locales').flatMap((lang) => {
		const read = (file: string) => JSON.parse(fs.readFileSync(`src/lib/i18n/locales/${lang}/${file}.json`, 'utf8'));
		const texts = (value: unknown): string[] =>
			typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(texts);
		return [
			...texts(read('errors').titles),
			...texts(read('limits').refused.title),
			...texts(read('unavailable').title)
		];
	})
);

/** Where each crawl test leaves its counts: one file per test, as tests may run in different workers. */
export const COUNTS_DIR = 'test-results/crawl-counts';

function writeCounts(info: TestInfo, counts: Counts): void {
	const slug = info.titlePath
		.join(' ')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	fs.mkdirSync(COUNTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(COUNTS_DIR, `${slug}.json`), JSON.stringify({ test: info.title, ...counts }) + '\n');
}
