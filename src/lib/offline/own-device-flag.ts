/**
 * The own-device setting as stored on the device, without the rest of own-device.svelte.ts, so
 * every page can check it cheaply and load the full module only where there is something to do.
 */

export const OWN_DEVICE_STORAGE_KEY = 'mf-own-device';
/** Must match the worker's PERSONAL_CACHE and DEVICE_CACHE (src/service-worker.ts). */
export const WORKER_CACHES = ['personal-v1', 'mf-device-v1'];

export function readOwnDevice(): boolean {
	try {
		return localStorage.getItem(OWN_DEVICE_STORAGE_KEY) === 'on';
	} catch {
		return false;
	}
}

/** Whether the setting is on, or the worker still keeps anything personal: then the two must be put in step. */
export async function mayKeepOfflineData(): Promise<boolean> {
	if (readOwnDevice()) return true;
	if (typeof caches === 'undefined') return false;
	const found = await Promise.all(WORKER_CACHES.map((name) => caches.has(name).catch(() => true)));
	return found.some(Boolean);
}
