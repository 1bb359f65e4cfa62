// What a citizen's phone downloads on a first visit to a page, measured in Debian's Chromium
// (Playwright): the JavaScript and CSS the page loads (gzip size, from the .gz files of
// build/client, which is what the budget in DESIGN.md counts), and every byte transferred
// (headers + encoded bodies as Chromium received them), first for the page itself and then for
// the service worker's precache, which starts after the page has loaded.

import { chromium, type Browser, type Request } from 'playwright-core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_FLAGS, config } from './config';
import { ROOT } from './proc';
import { SESSION_COOKIE } from '../src/lib/server/auth/session';

export interface ClientFigures {
	path: string;
	status: number;
	/**
	 * gzip bytes of the JavaScript files the page asked for before its load event: what the first
	 * visit needs to show the page and work (DESIGN.md's budget).
	 */
	jsGzip: number;
	jsFiles: number;
	/** gzip bytes of JavaScript asked for after the load event (what is imported once the page is up). */
	jsAfterLoadGzip: number;
	cssGzip: number;
	/** Bytes transferred until the page and its own requests were done. */
	pageTransfer: number;
	/** Bytes the service worker fetched for its precache right after. */
	swTransfer: number;
	requests: number;
	/** The largest JavaScript files (gzip), to see what to cut. */
	topJs: Array<{ file: string; gzip: number }>;
}

/** gzip size of a built client file: its .gz twin (adapter-node precompresses), else gzip now. */
export function gzipSizeOf(urlPath: string, clientDir = path.join(ROOT, 'build/client')): number | null {
	const file = path.join(clientDir, decodeURIComponent(urlPath));
	if (!file.startsWith(clientDir) || !existsSync(file) || !statSync(file).isFile()) return null;
	if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
	return gzipSync(readFileSync(file), { level: 9 }).length;
}

export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: config.chromium,
		args: CHROMIUM_FLAGS.filter((f) => f !== '--headless=new')
	});
}

async function transferOf(request: Request): Promise<number> {
	try {
		const sizes = await request.sizes();
		return sizes.responseBodySize + sizes.responseHeadersSize;
	} catch {
		return 0;
	}
}

/** One first visit (empty cache, fresh profile) to `origin + path`, logged in with `token`; `appDir` holds build/. */
export async function firstVisit(
	browser: Browser,
	origin: string,
	pagePath: string,
	token: string,
	appDir = ROOT
): Promise<ClientFigures> {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		serviceWorkers: 'allow'
	});
	const { hostname } = new URL(origin);
	await context.addCookies([
		{ name: SESSION_COOKIE, value: token, domain: hostname, path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }
	]);
	const page = await context.newPage();
	const pageRequests: Request[] = [];
	const swRequests: Request[] = [];
	page.on('requestfinished', (request) => void pageRequests.push(request));
	context.on('requestfinished', (request) => {
		if (request.serviceWorker()) swRequests.push(request);
	});

	const response = await page.goto(origin + pagePath, { waitUntil: 'load' });
	await page.waitForLoadState('networkidle');
	// Let the service worker install and precache, then wait for the network to settle again.
	await page
		.evaluate(() =>
			Promise.race([
				navigator.serviceWorker?.ready.then(() => true),
				new Promise((r) => setTimeout(() => r(false), 10_000))
			])
		)
		.catch(() => false);
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(500);

	// Which files the page asked for before its load event began (the browser's resource timing).
	// A lazy import after that (the update prompt's workbox-window) is reported, not counted.
	const beforeLoad = new Set(
		await page.evaluate(() => {
			const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
			return performance
				.getEntriesByType('resource')
				.filter((entry) => entry.startTime < navigation.loadEventStart)
				.map((entry) => new URL(entry.name).pathname);
		})
	);
	let jsGzip = 0;
	let jsAfterLoadGzip = 0;
	let cssGzip = 0;
	let jsFiles = 0;
	const topJs: ClientFigures['topJs'] = [];
	const counted = new Set<string>();
	for (const request of pageRequests) {
		const url = new URL(request.url());
		if (url.origin !== origin || counted.has(url.pathname)) continue;
		counted.add(url.pathname);
		const type = request.resourceType();
		if (type !== 'script' && type !== 'stylesheet' && !/\.(m?js|css)$/.test(url.pathname)) continue;
		const gzip = gzipSizeOf(url.pathname, path.join(appDir, 'build/client'));
		if (gzip === null) continue;
		if (url.pathname.endsWith('.css')) cssGzip += gzip;
		// SvelteKit's start asks for the root error page (nodes/1) on every first visit, without
		// waiting for it: whether that request begins before the load event is a race, which made
		// the figure jump by its size between runs. It is always counted.
		else if (!beforeLoad.has(url.pathname) && !/\/nodes\/1\.[\w-]+\.js$/.test(url.pathname)) jsAfterLoadGzip += gzip;
		else {
			jsGzip += gzip;
			jsFiles++;
			topJs.push({ file: url.pathname.replace('/_app/immutable/', ''), gzip });
		}
	}
	// Requests the page made after its load (e.g. a lazy import) count in the transfer, too.
	let pageTransfer = 0;
	for (const request of pageRequests) pageTransfer += await transferOf(request);
	let swTransfer = 0;
	for (const request of swRequests) swTransfer += await transferOf(request);

	await context.close();
	topJs.sort((a, b) => b.gzip - a.gzip);
	return {
		path: pagePath,
		status: response?.status() ?? 0,
		jsGzip,
		jsFiles,
		jsAfterLoadGzip,
		cssGzip,
		pageTransfer,
		swTransfer,
		requests: pageRequests.length + swRequests.length,
		topJs
	};
}
