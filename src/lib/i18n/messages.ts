import { BUNDLES } from 'virtual:mf-i18n-bundles';
import { BUNDLE_DIR, type BundleGroup, type Messages } from './bundles';
import type { Language } from './languages';

/**
 * The messages a page is rendered with (see `bundles.ts`). On the server: all of them, from the
 * bundled locale files. In the browser: the page's bundles, fetched once per language and
 * version (immutable, so from the HTTP cache or the service worker after the first time), before
 * SvelteKit hydrates the page, so the text never changes or flashes on hydration.
 */

/** The URLs of a language's bundles for the given groups (the app has no `paths.base`). */
export function bundleUrls(lang: Language, groups: readonly BundleGroup[]): string[] {
	return groups.map((group) => `/${BUNDLE_DIR}/${BUNDLES[lang][group]}`);
}

const fetched = new Map<string, Promise<Messages>>();
const merged = new Map<string, Messages>();
let loadedOnce = false;

async function fetchBundle(url: string, fetchFn: typeof fetch): Promise<Messages> {
	let pending = fetched.get(url);
	if (!pending) {
		pending = fetchFn(url).then(async (response) => {
			if (!response.ok) throw new Error(`${url}: ${response.status}`);
			return (await response.json()) as Messages;
		});
		fetched.set(url, pending);
		// A failure is not remembered: the next navigation tries again.
		pending.catch(() => fetched.delete(url));
	}
	return pending;
}

/** Merges the given bundles; the same object for the same bundles, so `t` stays the same across navigations. */
export async function browserMessages(urls: string[], fetchFn: typeof fetch): Promise<Messages> {
	const key = urls.join(' ');
	const known = merged.get(key);
	if (known) return known;
	const parts = await Promise.all(urls.map((url) => fetchBundle(url, fetchFn)));
	const messages: Messages = Object.assign({}, ...parts);
	merged.set(key, messages);
	return messages;
}

/**
 * Asks the service worker to keep this page's texts (src/service-worker.ts, KEEP_TEXTS): a page it
 * keeps for offline use then starts in its language. Once per page load; a language switch is one.
 */
function keepForOffline(urls: string[]) {
	navigator.serviceWorker?.ready
		.then((registration) => registration.active?.postMessage({ type: 'KEEP_TEXTS', urls }))
		.catch(() => {});
}

/** The server's messages, once imported: an `import()` per request costs a module lookup each time. */
let serverMessages: Record<Language, Messages> | undefined;

export async function messagesFor(lang: Language, groups: readonly BundleGroup[], fetchFn: typeof fetch) {
	if (import.meta.env.SSR) {
		serverMessages ??= (await import('./resources')).MESSAGES as Record<Language, Messages>;
		return serverMessages[lang];
	}
	try {
		const urls = bundleUrls(lang, groups);
		const messages = await browserMessages(urls, fetchFn);
		if (!loadedOnce) keepForOffline(urls);
		loadedOnce = true;
		return messages;
	} catch (error) {
		if (loadedOnce) throw error;
		// The very first load (hydration) could not get the texts: offline with nothing kept, or a
		// version that is gone. Hydrating would show keys instead of words, so the page stays as the
		// server sent it: readable, and its links and forms work without JavaScript.
		console.error('Mit forløb: the texts could not be loaded; the page works without JavaScript.', error);
		return new Promise<never>(() => {});
	}
}
