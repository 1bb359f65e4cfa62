/**
 * The browser's copy of the texts. The server renders every page with all messages
 * (`resources.ts`); the browser needs them again to hydrate, and gets them as one JSON file per
 * language and namespace group, built from `locales/<lang>/*.json` at build time
 * (`vite-plugin.ts`), named by a hash of its content and served as an immutable asset. So the
 * texts are downloaded once per version and language, not inlined in every page's HTML, and the
 * service worker precaches them for offline use.
 *
 * This module is shared by the build, the server and the browser: no Node imports here.
 */

export type Messages = Record<string, unknown>;

/** `app`: every page. `staff`: only the professionals' pages (a citizen never needs them). */
export const BUNDLE_GROUPS = ['app', 'staff'] as const;
export type BundleGroup = (typeof BUNDLE_GROUPS)[number];

/** Where the bundles are served from: under SvelteKit's immutable assets (`kit.appDir` is `_app`). */
export const BUNDLE_DIR = '_app/immutable/i18n';

/**
 * The group a namespace file belongs to: `staff.json` and any `staff-<name>.json` are for
 * professionals only; every other namespace (including new ones) goes to every page.
 */
export function groupOf(namespace: string): BundleGroup {
	return /^staff([-_].+)?$/.test(namespace) ? 'staff' : 'app';
}

/** The groups a page needs, by its route id: the staff area also loads the staff texts. */
export function groupsForRoute(routeId: string | null | undefined): BundleGroup[] {
	return routeId === '/staff' || routeId?.startsWith('/staff/') ? ['app', 'staff'] : ['app'];
}

/** A bundle's file name: `<lang>.<group>.<hash>.json`. */
export function bundleFileName(lang: string, group: BundleGroup, hash: string): string {
	return `${lang}.${group}.${hash}.json`;
}

/** Matches a bundle's file name; used by the service worker to tell the groups apart. */
export const BUNDLE_FILE = /^([a-z]{2})\.([a-z]+)\.([0-9a-f]+)\.json$/;
