/**
 * Registers the service worker and tells the update prompt the two things it needs. This is
 * what workbox-window did here, in a few lines: the library was 2.2 KB gzip on every page, a
 * part of the 60 KB budget that every citizen page pays (docs/decisions.md, "Changes to the chosen stack").
 *
 * - `onWaiting`: a new version is installed and waits for this page (also one found waiting at
 *   registration). The first worker of a device activates at once and never waits.
 * - `onControlling(isUpdate)`: a worker took control of this page; `isUpdate` when another one
 *   controlled it before this page registered.
 */
export interface WorkerEvents {
	onWaiting(): void;
	onControlling(isUpdate: boolean): void;
}

/** How long an installed worker must stay waiting to count as waiting (one that skips waiting passes through). */
const WAITING_SETTLE_MS = 200;

export async function registerWorker(url: string, events: WorkerEvents): Promise<ServiceWorkerRegistration> {
	// After the page's own loading, so the worker's precache never competes with it.
	if (document.readyState !== 'complete') await new Promise((done) => addEventListener('load', done, { once: true }));
	const isUpdate = Boolean(navigator.serviceWorker.controller);
	const registration = await navigator.serviceWorker.register(url, { scope: '/' });
	// Some browsers' privacy modes (and test tools) answer without registering anything.
	if (!registration) throw new Error('The service worker was not registered');

	const watched = new WeakSet<ServiceWorker>();
	const watch = (worker: ServiceWorker | null) => {
		if (!worker || watched.has(worker)) return;
		watched.add(worker);
		worker.addEventListener('statechange', () => {
			if (worker.state !== 'installed') return;
			setTimeout(() => {
				if (registration.waiting === worker) events.onWaiting();
			}, WAITING_SETTLE_MS);
		});
	};
	if (registration.waiting) queueMicrotask(() => events.onWaiting());
	watch(registration.installing);
	registration.addEventListener('updatefound', () => watch(registration.installing));
	navigator.serviceWorker.addEventListener('controllerchange', () => events.onControlling(isUpdate));
	return registration;
}
