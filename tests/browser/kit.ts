/**
 * Stand-ins for SvelteKit's `$app/navigation`, `$app/state` and `$app/environment` in the
 * component tests (vitest.config's `browser` project): there is no SvelteKit router in the test
 * page, so a test moves "to another page" with `navigate()`, which runs the callbacks that
 * components registered with beforeNavigate/afterNavigate, as the router would.
 *
 * In a test file: vi.mock('$app/navigation', () => import('<path>/tests/browser/kit')), the same
 * for '$app/state' and '$app/environment'.
 */
import { onMount } from 'svelte';

interface Target {
	url: URL;
}
export interface FakeNavigation {
	type: string;
	from: Target | null;
	to: Target | null;
	willUnload: boolean;
	cancel(): void;
	complete: Promise<void>;
}

const before = new Set<(navigation: FakeNavigation) => void>();
const after = new Set<(navigation: FakeNavigation) => void>();

/** `$app/state`'s page: what the components read of it (its URL and status). */
export const page = { url: new URL('/', location.origin), status: 200 };

/** `$app/environment`: a production build in a browser (the update prompt registers its worker only there). */
export const dev = false;
export const browser = true;
export const building = false;
export const version = 'test';

function navigation(type: string, from: URL | null, to: URL, cancel = () => {}): FakeNavigation {
	return { type, from: from && { url: from }, to: { url: to }, willUnload: false, cancel, complete: Promise.resolve() };
}

/** As SvelteKit: also runs when the component mounts (the page was entered). */
export function afterNavigate(callback: (navigation: FakeNavigation) => void): void {
	onMount(() => {
		after.add(callback);
		callback(navigation('enter', null, page.url));
		return () => after.delete(callback);
	});
}

export function beforeNavigate(callback: (navigation: FakeNavigation) => void): void {
	onMount(() => {
		before.add(callback);
		return () => before.delete(callback);
	});
}

export async function invalidateAll(): Promise<void> {}
export async function goto(): Promise<void> {}

/** Sets where the page is, before a component is rendered (no callbacks run). */
export function showPage(path: string, status = 200): void {
	page.url = new URL(path, location.origin);
	page.status = status;
}

/**
 * An in-app navigation to `path` (a link by default): beforeNavigate callbacks first (one may
 * cancel it: then false), then the new page is there and afterNavigate callbacks run.
 */
export function navigate(path: string, { type = 'link', status = 200 } = {}): boolean {
	let cancelled = false;
	const to = new URL(path, location.origin);
	for (const callback of [...before]) callback(navigation(type, page.url, to, () => (cancelled = true)));
	if (cancelled) return false;
	const from = page.url;
	showPage(path, status);
	for (const callback of [...after]) callback(navigation(type, from, to));
	return true;
}
