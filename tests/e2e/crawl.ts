import type { Page } from '@playwright/test';
import { isUuid } from '../../src/lib/uuid';

/**
 * Finds the pages a person can reach by following links, so that sweeps over "every page" (axe,
 * reflow) also cover pages added later. Pages are grouped by route: ids in the path become `:id`,
 * and one address is kept per route. A few addresses per route are opened while looking, so links
 * that only some items have (a period, a shared diary entry) are found too. Only pages that
 * answer 2xx are kept; downloads, API and login/logout addresses are not opened. With `visit`,
 * the checks run on the one page kept per route while it is open, so it is not loaded again.
 */

/** An id in a path: the app's one id pattern, or a number. */
const isId = (part: string) => isUuid(part) || /^\d+$/.test(part);

export function routeOf(path: string): string {
	return path
		.split('/')
		.map((part) => (isId(part) ? ':id' : part))
		.join('/');
}

const NEVER = [/^\/auth\//, /^\/api\//, /\.(ics|json|png|svg|webmanifest|js)$/, /^\/healthz/];

export interface CrawlOptions {
	/** Where to start (paths). */
	start: string[];
	/** Which paths belong to the sweep. */
	include: (path: string) => boolean;
	/** How many addresses of one route are opened while looking for links. */
	perRoute?: number;
	/** Stop after this many page loads. */
	limit?: number;
	/** Runs on the page kept for each route, while it is open (after its links are read). */
	visit?: (path: string) => Promise<void>;
	/** Called on each page load (for the suite's counts). */
	onLoad?: () => void;
}

/** The reachable pages, one path per route, in the order found. */
export async function crawl(page: Page, options: CrawlOptions): Promise<string[]> {
	const { start, include, perRoute = 3, limit = 120, visit, onLoad } = options;
	const queue = [...start];
	const seen = new Set<string>();
	const opened = new Map<string, number>();
	const found = new Map<string, string>();
	let loads = 0;
	while (queue.length && loads < limit) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		seen.add(path);
		const route = routeOf(path);
		if ((opened.get(route) ?? 0) >= perRoute) continue;
		opened.set(route, (opened.get(route) ?? 0) + 1);
		loads++;
		const response = await page.goto(path);
		onLoad?.();
		const landed = new URL(page.url());
		if (!response || response.status() >= 400 || landed.pathname !== path) continue;
		const first = !found.has(route);
		if (first) found.set(route, path);
		const links = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLAnchorElement>('a[href]:not([download])')].map((a) => a.href)
		);
		if (first) await visit?.(path);
		for (const href of links) {
			const url = new URL(href);
			if (url.origin !== landed.origin) continue;
			const next = url.pathname;
			if (NEVER.some((re) => re.test(next)) || !include(next) || seen.has(next)) continue;
			queue.push(next);
		}
	}
	return [...found.values()];
}
