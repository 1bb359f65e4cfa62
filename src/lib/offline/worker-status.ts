/**
 * Whether this page will have the service worker behind it. Code that is loaded lazily in the
 * belief that the worker can bring it offline (the outbox) asks here: where no worker runs
 * (blocked by the browser or its settings, or not supported), it loads that code at once,
 * while the network is still there.
 */
let settle: (running: boolean) => void = () => {};
const status = new Promise<boolean>((resolve) => (settle = resolve));

/** Said once by the update prompt, the one place that registers the worker. */
export function reportWorker(running: boolean): void {
	settle(running);
}

/** Resolves true when the worker is registered, false when it will not run on this page. */
export function workerRunning(): Promise<boolean> {
	if (typeof navigator !== 'undefined' && !('serviceWorker' in navigator)) return Promise.resolve(false);
	return status;
}
