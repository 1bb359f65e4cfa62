/**
 * "Denne enhed": may this device keep the citizen's pages for use without internet?
 *
 * The answer lives on the device (localStorage `mf-own-device`, off by default) and is told to the
 * service worker (src/service-worker.ts), which keeps its own copy of the flag and decides what it
 * caches. Turning it on asks the worker to fetch the main personal pages at once; turning it off,
 * and logging out, wipes everything personal kept on the device: the worker's `personal-v1` cache
 * and flag, and every IndexedDB database whose name starts with `mf-` (the diary outbox).
 * Message types: see the `Message` type in src/service-worker.ts.
 */

import { OWN_DEVICE_STORAGE_KEY, WORKER_CACHES, readOwnDevice } from './own-device-flag';

export { OWN_DEVICE_STORAGE_KEY, readOwnDevice };
/** Pages fetched as soon as the setting is turned on (the worker refuses anything not personal). */
export const PREFETCH_PATHS = ['/', '/plan', '/kriseplan', '/moeder', '/dagbog', '/min-dag'];
/** Databases to delete where indexedDB.databases() is missing (older Firefox). */
const KNOWN_DATABASES = ['mf-outbox'];
const DB_PREFIX = 'mf-';

function writeOwnDevice(on: boolean) {
	try {
		if (on) localStorage.setItem(OWN_DEVICE_STORAGE_KEY, 'on');
		else localStorage.removeItem(OWN_DEVICE_STORAGE_KEY);
	} catch {
		// Storage refused (private mode): the worker's flag is then the only one, and it stays off.
	}
}

function delay(ms: number): Promise<null> {
	return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

/** The active worker of this origin, waiting a moment for a first registration to finish. */
async function activeWorker(waitMs: number): Promise<ServiceWorker | null> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
	const registration = await navigator.serviceWorker.getRegistration('/');
	if (registration?.active) return registration.active;
	if (!registration || waitMs <= 0) return null;
	const ready = await Promise.race([navigator.serviceWorker.ready, delay(waitMs)]);
	return ready?.active ?? null;
}

/** Sends a message to the worker and waits for its answer (or gives up after a while). */
function ask<T>(worker: ServiceWorker, message: Record<string, unknown>, timeoutMs: number): Promise<T | null> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(null), timeoutMs);
		channel.port1.onmessage = (event) => {
			clearTimeout(timer);
			resolve(event.data as T);
		};
		worker.postMessage(message, [channel.port2]);
	});
}

async function deleteOfflineDatabases(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	let found: string[] = [];
	try {
		found = ((await indexedDB.databases?.()) ?? []).map((info) => info.name ?? '');
	} catch {
		// Not available: the known names will do.
	}
	const names = [...KNOWN_DATABASES, ...found].filter(
		(name, i, all) => name.startsWith(DB_PREFIX) && all.indexOf(name) === i
	);
	await Promise.all(
		names.map(
			(name) =>
				new Promise<void>((resolve) => {
					const request = indexedDB.deleteDatabase(name);
					request.onsuccess = () => resolve();
					request.onerror = () => resolve();
					// An open connection elsewhere delays it; the deletion still happens when it closes.
					request.onblocked = () => resolve();
				})
		)
	);
}

/**
 * Deletes every personal thing kept on this device for offline use and turns the setting off.
 * Runs at logout (logout-wipe.svelte) as well as when the setting is turned off; safe to call
 * any time, also without a service worker.
 */
export async function wipeOfflineData(): Promise<void> {
	writeOwnDevice(false);
	const worker = await activeWorker(0);
	const tasks: Promise<unknown>[] = [deleteOfflineDatabases()];
	if (worker) tasks.push(ask(worker, { type: 'WIPE' }, 3_000));
	// The page can reach Cache Storage too: no need to trust that the worker is alive.
	if (typeof caches !== 'undefined') tasks.push(...WORKER_CACHES.map((name) => caches.delete(name).catch(() => false)));
	await Promise.all(tasks);
}

/**
 * Tells the worker what this device's setting is (at every start of the app), so the two never
 * drift apart: when the setting is off, anything the worker may still keep is wiped.
 */
export async function syncOwnDevice(): Promise<void> {
	const worker = await activeWorker(10_000);
	if (!worker) return;
	await ask(worker, { type: 'OWN_DEVICE', on: readOwnDevice() }, 5_000);
}

export type OwnDeviceMessage = 'saving' | 'saved' | 'notSaved' | 'wiped' | null;

/** The setting as the /enhed page shows and changes it. */
export class OwnDevice {
	/** Whether the setting is on for this device. */
	on = $state(false);
	/** False until the page runs in a browser that can keep pages (service worker + Cache Storage). */
	supported = $state(false);
	/** True once checked in the browser (before that the switch is disabled: it needs JavaScript). */
	ready = $state(false);
	busy = $state(false);
	message = $state<OwnDeviceMessage>(null);

	/** Call from onMount. */
	init() {
		this.supported = 'serviceWorker' in navigator && typeof caches !== 'undefined';
		this.on = this.supported && readOwnDevice();
		this.ready = true;
	}

	async toggle() {
		if (this.busy) return;
		this.busy = true;
		try {
			if (this.on) await this.turnOff();
			else await this.turnOn();
		} finally {
			this.busy = false;
		}
	}

	private async turnOn() {
		this.on = true;
		this.message = 'saving';
		writeOwnDevice(true);
		const worker = await activeWorker(10_000);
		if (!worker) {
			this.message = 'notSaved';
			return;
		}
		await ask(worker, { type: 'OWN_DEVICE', on: true }, 5_000);
		const answer = await ask<{ kept: string[] }>(worker, { type: 'PREFETCH', paths: PREFETCH_PATHS }, 30_000);
		this.message = answer && answer.kept.length > 0 ? 'saved' : 'notSaved';
	}

	private async turnOff() {
		await wipeOfflineData();
		this.on = false;
		this.message = 'wiped';
	}
}
