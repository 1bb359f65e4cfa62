/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * The service worker (built by SvelteKit to /service-worker.js; @vite-pwa/sveltekit injects the
 * precache list). What it keeps, and why:
 *
 * - The build's client assets (JS, CSS, icons, manifest), the offline page `/offline` and "Akut
 *   hjælp" `/akut-hjaelp` (112 and the national crisis lines, which the header offers everyone who
 *   has no crisis plan here): precached, and kept again in the person's language and reading mode.
 *   Both are fetched without cookies, so they never hold anything about a person.
 * - The texts a page needs to start (src/lib/i18n/bundles.ts): the Danish ones are precached (the
 *   default, and the offline page's); another language's are kept in `mf-texts-v1` once a page
 *   has used them (the page asks with KEEP_TEXTS), so a page kept for offline use starts in the
 *   language it was kept in, without every phone downloading every language. Only this version's
 *   bundles are kept. The staff texts are not (the staff area is not kept offline).
 * - Pages: network first. Personal pages (PERSONAL_PATHS) are copied into the cache `personal-v1`
 *   only while this device is marked as the citizen's own (the /enhed page tells us with
 *   OWN_DEVICE; the flag lives in Cache Storage, so it survives a restart of the worker).
 *   Offline, such a page comes from that cache; everything else gets the offline page.
 * - Never: /auth/*, /api/*, anything but GET, redirects, errors, or any page on a device that is
 *   not marked as own. WIPE (logout, turning the setting off) deletes the copies and the flag.
 *
 * The page side is src/lib/offline/own-device.svelte.ts (the message types are repeated there).
 */

import { version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, NetworkOnly } from 'workbox-strategies';
import type { RouteHandlerCallback, WorkboxPlugin } from 'workbox-core/types';
import { parsePushPayload } from '$lib/meetings/push-payload';
import { BUNDLE_FILE } from '$lib/i18n/bundles';
import { DEFAULT_LANGUAGE } from '$lib/i18n/languages';
import {
	DEFAULT_VARIANT,
	offlineUrlFor,
	samePublicVariant,
	variantFromHtml,
	type PublicOfflinePage
} from '$lib/offline/offline-variant';

declare let self: ServiceWorkerGlobalScope;

/** The only cache that holds personal data. */
const PERSONAL_CACHE = 'personal-v1';
/** Holds the own-device flag (one entry); deleted together with the personal cache. */
const DEVICE_CACHE = 'mf-device-v1';
const OWN_DEVICE_KEY = '/__mf/own-device';
const OFFLINE_URL = '/offline';
/** "Akut hjælp": precached in Danish (the address says which, as for the kept variants). */
const EMERGENCY_PAGE = '/akut-hjaelp';
const EMERGENCY_URL = offlineUrlFor(DEFAULT_VARIANT, EMERGENCY_PAGE);
/** Text bundles of languages other than Danish, kept once a page has used them (not personal). */
const TEXTS_CACHE = 'mf-texts-v1';
/** The citizen's own pages that may be kept for offline use on their own device. */
const PERSONAL_PATHS = new Set(['/', '/plan', '/kriseplan', '/moeder', '/dagbog', '/min-dag']);
/** Seconds to wait for the network before a kept copy is shown instead (a poor mobile connection). */
const NETWORK_TIMEOUT_SECONDS = 8;

type Message =
	| { type: 'SKIP_WAITING' }
	| { type: 'OWN_DEVICE'; on: boolean }
	| { type: 'WIPE' }
	| { type: 'PREFETCH'; paths: string[] }
	| { type: 'KEEP_TEXTS'; urls: string[] };

// ---- the own-device flag -------------------------------------------------------------------

async function isOwnDevice(): Promise<boolean> {
	// caches.match with a cacheName never creates the cache.
	return (await caches.match(OWN_DEVICE_KEY, { cacheName: DEVICE_CACHE })) !== undefined;
}

async function setOwnDevice(on: boolean): Promise<void> {
	if (!on) return wipe();
	const cache = await caches.open(DEVICE_CACHE);
	await cache.put(OWN_DEVICE_KEY, new Response('1', { headers: { 'content-type': 'text/plain' } }));
}

async function wipe(): Promise<void> {
	await Promise.all([caches.delete(PERSONAL_CACHE), caches.delete(DEVICE_CACHE)]);
}

// ---- what may be kept ----------------------------------------------------------------------

/**
 * A whole HTML page from this origin: not a redirect (to login), an error or anything else, and
 * not the citizen's pages as a relative sees them ("see what Jens sees" marks those).
 */
function isKeepable(response: Response): boolean {
	return (
		response.status === 200 &&
		response.type === 'basic' &&
		!response.redirected &&
		!response.headers.has('x-mf-preview') &&
		(response.headers.get('content-type') ?? '').startsWith('text/html')
	);
}

// ---- the offline page in the person's language ----------------------------------------------
// The precached /offline is Danish. From each page shown, the worker learns the person's language,
// reading mode and display settings and keeps the offline page made for them (fetched without
// cookies; the address says which, see src/lib/offline/offline-variant.ts). Offline, that one is
// shown, else the Danish one. Nothing personal: the same choices are in the device's cookies.

const OFFLINE_CACHE = `mf-offline-${version}`;
const OFFLINE_CHOICE_KEY = '/__mf/offline-choice';

/** The start of a page's HTML, up to its <body> tag. */
async function headOf(response: Response): Promise<string> {
	const reader = response.body?.getReader();
	if (!reader) return '';
	const decoder = new TextDecoder();
	let head = '';
	while (!/<body\b[^>]*>/i.test(head) && head.length < 200_000) {
		const { done, value } = await reader.read();
		if (done) break;
		head += decoder.decode(value, { stream: true });
	}
	await reader.cancel();
	return head;
}

/**
 * After a page was shown: remember which offline page fits, and keep it (and "Akut hjælp" made
 * the same way) if they are not kept yet.
 */
async function keepOfflinePageFor(shown: Response): Promise<void> {
	try {
		if (!isKeepable(shown)) return;
		const variant = variantFromHtml(await headOf(shown));
		if (!variant) return;
		const url = offlineUrlFor(variant);
		const cache = await caches.open(OFFLINE_CACHE);
		await cache.put(OFFLINE_CHOICE_KEY, new Response(url, { headers: { 'content-type': 'text/plain' } }));
		for (const kept of [url, offlineUrlFor(variant, EMERGENCY_PAGE)]) {
			if (await cache.match(kept)) continue;
			const page = await fetch(kept, { credentials: 'omit', headers: { accept: 'text/html' } });
			if (isKeepable(page)) await cache.put(kept, page);
		}
	} catch {
		// Offline or the server is away: the pages kept before (or the Danish ones) are used.
	}
}

/** A public page as kept for this person's choices, else the Danish one from the precache. */
async function keptPublicPage(path: PublicOfflinePage, precached: string): Promise<Response> {
	const cache = await caches.open(OFFLINE_CACHE);
	const choice = await (await cache.match(OFFLINE_CHOICE_KEY))?.text();
	const url = choice ? samePublicVariant(choice, path) : null;
	return (url && (await cache.match(url))) || ((await matchPrecache(precached)) ?? Response.error());
}

const offlinePage = (): Promise<Response> => keptPublicPage(OFFLINE_URL, OFFLINE_URL);
/** Without network, "Akut hjælp" comes from the cache: it must open when it matters most. */
const emergencyPage = new NetworkOnly({
	networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
	plugins: [{ handlerDidError: () => keptPublicPage(EMERGENCY_PAGE, EMERGENCY_URL) }]
});

/** One copy per page, whatever its query string; kept and served only on an own device. */
const personalRules: WorkboxPlugin = {
	cacheKeyWillBeUsed: async ({ request }) => new URL(request.url).pathname,
	cacheWillUpdate: async ({ response }) => (isKeepable(response) && (await isOwnDevice()) ? response : null),
	cachedResponseWillBeUsed: async ({ cachedResponse }) =>
		cachedResponse && (await isOwnDevice()) ? cachedResponse : null,
	handlerDidError: offlinePage
};

const personalPages = new NetworkFirst({
	cacheName: PERSONAL_CACHE,
	networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
	plugins: [personalRules]
});
const otherPages = new NetworkOnly({ plugins: [{ handlerDidError: offlinePage }] });

/** Fetches personal pages (asked for by the /enhed page) through the same rules as a visit. */
async function prefetch(paths: string[]): Promise<string[]> {
	const kept: string[] = [];
	for (const path of paths) {
		if (!PERSONAL_PATHS.has(path) || !(await isOwnDevice())) continue;
		try {
			const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'text/html' } });
			// Checked again after the fetch: the setting may have been turned off meanwhile.
			if (isKeepable(response) && (await isOwnDevice())) {
				await (await caches.open(PERSONAL_CACHE)).put(path, response);
				kept.push(path);
			}
		} catch {
			// Offline or the server is away: nothing is kept, the page says so.
		}
	}
	return kept;
}

// ---- wiring --------------------------------------------------------------------------------

// The precache is shared by everyone who uses this browser: fetch it without cookies, so the
// offline page is the anonymous one.
addPlugins([{ requestWillFetch: async ({ request }) => new Request(request, { credentials: 'omit' }) }]);
const manifest = self.__WB_MANIFEST;
const bundleOf = (url: string) => BUNDLE_FILE.exec(url.split('/').pop() ?? '');
/** This version's `app` text bundles of the other languages: kept on demand (KEEP_TEXTS). */
const keptTexts = new Set(
	manifest
		.map((entry) => (typeof entry === 'string' ? entry : entry.url))
		.filter((url) => {
			const bundle = bundleOf(url);
			return bundle && bundle[1] !== DEFAULT_LANGUAGE && bundle[2] === 'app';
		})
		.map((url) => new URL(url, self.location.origin).href)
);
precacheAndRoute([
	// Every client asset; of the text bundles, only Danish for every page (the staff texts stay online).
	...manifest.filter((entry) => {
		const bundle = bundleOf(typeof entry === 'string' ? entry : entry.url);
		return !bundle || (bundle[1] === DEFAULT_LANGUAGE && bundle[2] === 'app');
	}),
	{ url: OFFLINE_URL, revision: version },
	// Kept under its address with the choices, so a visit to /akut-hjaelp still goes to the network first.
	{ url: EMERGENCY_URL, revision: version }
]);
cleanupOutdatedCaches();
registerRoute(({ url }) => keptTexts.has(url.href), new CacheFirst({ cacheName: TEXTS_CACHE }));

/** Keeps a page's text bundles (this version's only), so the page also starts offline. */
async function keepTexts(urls: string[]): Promise<void> {
	const cache = await caches.open(TEXTS_CACHE);
	for (const url of urls.map((u) => new URL(u, self.location.origin).href)) {
		if (!keptTexts.has(url) || (await cache.match(url))) continue;
		try {
			const response = await fetch(url);
			if (response.ok) await cache.put(url, response);
		} catch {
			// Offline: kept the next time.
		}
	}
}
// The first worker takes the open page at once; an update waits for the person (update prompt).
clientsClaim();

self.addEventListener('activate', (event) => {
	// Personal caches of an earlier format are never left behind, nor texts of an earlier version.
	event.waitUntil(
		Promise.all([
			caches
				.keys()
				.then((names) =>
					Promise.all(
						names
							.filter(
								(n) =>
									(n.startsWith('personal-') && n !== PERSONAL_CACHE) ||
									(n.startsWith('mf-offline-') && n !== OFFLINE_CACHE)
							)
							.map((n) => caches.delete(n))
					)
				),
			caches.open(TEXTS_CACHE).then(async (cache) => {
				for (const request of await cache.keys()) if (!keptTexts.has(request.url)) await cache.delete(request);
			})
		])
	);
});

const handleNavigation: RouteHandlerCallback = async (options) => {
	const { pathname } = options.url;
	const response = await (PERSONAL_PATHS.has(pathname)
		? personalPages.handle(options)
		: pathname === EMERGENCY_PAGE
			? emergencyPage.handle(options)
			: otherPages.handle(options));
	if ('waitUntil' in options.event) options.event.waitUntil(keepOfflinePageFor(response.clone()));
	return response;
};

// Navigations only (GET); login, logout and the API always go straight to the network, untouched.
registerRoute(new NavigationRoute(handleNavigation, { denylist: [/^\/auth(\/|$)/, /^\/api(\/|$)/] }));

self.addEventListener('message', (event) => {
	const message = event.data as Message | null;
	const reply = (value: unknown) => event.ports[0]?.postMessage(value);
	switch (message?.type) {
		case 'SKIP_WAITING':
			void self.skipWaiting();
			break;
		case 'OWN_DEVICE':
			event.waitUntil(setOwnDevice(message.on === true).then(() => reply({ ok: true })));
			break;
		case 'WIPE':
			event.waitUntil(wipe().then(() => reply({ ok: true })));
			break;
		case 'KEEP_TEXTS':
			event.waitUntil(keepTexts(Array.isArray(message.urls) ? message.urls.map(String) : []));
			break;
		case 'PREFETCH':
			event.waitUntil(
				prefetch(Array.isArray(message.paths) ? message.paths.map(String) : []).then((kept) => reply({ kept }))
			);
			break;
	}
});

// --- Web Push: meeting reminders and changes (payload: src/lib/meetings/push-payload.ts) ---
self.addEventListener('push', (event) => {
	let data: unknown;
	try {
		data = event.data?.json();
	} catch {
		return; // Not JSON: not one of ours.
	}
	const notice = parsePushPayload(data);
	if (!notice) return;
	event.waitUntil(
		self.registration.showNotification(notice.title, {
			body: notice.body,
			tag: notice.tag,
			icon: '/icons/icon-192.png',
			data: { url: notice.url, snooze: notice.snooze },
			// A "Min dag" step: "Ikke nu" waits 10 minutes (handled below, without opening the app).
			...(notice.snooze ? { actions: [{ action: 'snooze', title: notice.snooze.label }] } : {})
		} as NotificationOptions)
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const snooze = (event.notification.data as { snooze?: { stepId: string; day: string } } | undefined)?.snooze;
	if (event.action === 'snooze' && snooze) {
		// The session cookie goes along (same origin); a refusal (logged out) simply drops it.
		event.waitUntil(
			fetch('/api/min-dag/ikke-nu', {
				method: 'POST',
				credentials: 'same-origin',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ stepId: snooze.stepId, day: snooze.day })
			}).catch(() => undefined)
		);
		return;
	}
	const url = new URL((event.notification.data as { url?: string } | undefined)?.url ?? '/', self.location.origin);
	if (url.origin !== self.location.origin) return;
	event.waitUntil(
		(async () => {
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows.find((w) => new URL(w.url).origin === url.origin);
			if (open) {
				await open.focus();
				await open.navigate(url.href);
			} else {
				await self.clients.openWindow(url.href);
			}
		})()
	);
});

// --- Background Sync: wake the open pages to send the offline outbox (src/lib/offline/outbox.ts) ---
self.addEventListener('sync', (event) => {
	const sync = event as Event & { tag: string; waitUntil(p: Promise<unknown>): void };
	if (sync.tag !== 'mf-outbox') return;
	sync.waitUntil(
		(async () => {
			for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
				client.postMessage({ type: 'FLUSH_OUTBOX' });
			}
		})()
	);
});
