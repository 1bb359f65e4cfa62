import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { crawl, routeOf } from './crawl';
import type { PageChecks } from './page-checks';

/**
 * What the crawl specs (crawl-citizens.spec.ts, crawl-others.spec.ts) share: the routes each crawl
 * must reach, the modes, and one crawl per person whose pages are then checked in every mode.
 *
 * Which pages a person can reach does not depend on the language or reading mode: the first test
 * of a person in a worker follows the links (crawl.ts, a few addresses per route), and loads each
 * page from the server. The person's other modes load the first page found and move on to the
 * others inside the app (SvelteKit draws them in the open page, as it does for a person tapping a
 * link), so both ways a page comes to the screen are checked. A worker that starts again after a
 * failure (or a spec run on its own) crawls again.
 */

/** Citizen routes that every citizen crawl must reach: it fails if the crawl misses one. */
export const KNOWN_CITIZEN_ROUTES = [
	'/',
	'/plan',
	'/moeder',
	'/moeder/:id',
	'/moeder/test-kamera',
	'/dagbog',
	'/logbog',
	'/kriseplan',
	'/kriseplan/rediger',
	'/hjaelp',
	'/mere',
	'/tal-om',
	'/visning',
	'/konto',
	'/samtykke',
	'/paaroerende',
	'/adgangslog',
	'/mine-data',
	'/fremskridt'
];

/** Sara's pages as her father Jens sees them (he may see her plan and meetings). */
export const KNOWN_RELATIVE_ROUTES = ['/', '/plan', '/moeder', '/moeder/:id', '/mere'];

/** Staff routes that must be among the pages found: the crawl fails if it misses one. */
export const KNOWN_STAFF_ROUTES = [
	'/staff',
	'/staff/citizens/:id',
	'/staff/citizens/:id/course',
	'/staff/citizens/:id/periods',
	'/staff/citizens/:id/goals/new',
	'/staff/citizens/:id/goals/:id',
	'/staff/citizens/:id/goals/:id/subgoals/new',
	'/staff/citizens/:id/goals/:id/subgoals/:id',
	'/staff/citizens/:id/moeder',
	'/staff/citizens/:id/moeder/ny',
	'/staff/citizens/:id/moeder/:id',
	'/staff/citizens/:id/logbog',
	'/staff/citizens/:id/kriseplan',
	'/staff/citizens/:id/dagbog'
];

export const citizenArea = (path: string) => !path.startsWith('/staff');
export const staffArea = (path: string) => path.startsWith('/staff');

export type Lang = 'da' | 'ar';
export type Reading = 'standard' | 'easy';

/**
 * The modes each person is crawled in, besides Arabic. Arabic is read in standard mode by one
 * person and in easy-read by the other of each pair, so both are covered. Sara reads in easy-read
 * with 125 % text (her saved settings): her walk with the keyboard and the 44 px check run in
 * that mode.
 */
export const MODES: Array<[Lang, Reading]> = [
	['da', 'standard'],
	['da', 'easy']
];

/** Language and reading mode on every page: the mode really is the one set. */
export const showsMode =
	(lang: Lang, reading: Reading) =>
	async (page: Page): Promise<void> => {
		await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
		await expect(page.locator('body')).toHaveClass(new RegExp(`reading-${reading}`));
	};

/** The pages each person's first crawl in this worker found (by person and area). */
const found = new Map<string, string[]>();

/**
 * Checks every page `who` can reach from `start` within `include`, each on one visit, and says
 * which routes were checked. The first call for `who` in this worker crawls; later calls (other
 * modes) open the pages it found.
 */
export async function crawlAndCheck(
	page: Page,
	checks: PageChecks,
	who: string,
	start: string,
	include: (path: string) => boolean
): Promise<string[]> {
	const key = `${who} ${start}`;
	let pages = found.get(key);
	if (pages) {
		// The first page loads in full (the new mode's first page from the server); the person
		// then moves on inside the app, as people do once a page is open.
		const [first, ...rest] = pages;
		await checks.goto(first);
		for (const path of rest) await checks.follow(path);
	} else {
		pages = await crawl(page, {
			start: [start],
			include,
			visit: (path) => checks.visit(path),
			onLoad: () => checks.counts.crawlLoads++
		});
		found.set(key, pages);
	}
	return pages.map(routeOf);
}

/** Adds the counts and problems of `from` to `into` (a test with two sets of checks). */
export function merge(into: PageChecks, from: PageChecks): void {
	for (const key of Object.keys(from.counts) as Array<keyof typeof from.counts>) into.counts[key] += from.counts[key];
	into.problems.push(...from.problems);
}
