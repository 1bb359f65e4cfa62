/**
 * A stand-in for the browser's service worker machinery (navigator.serviceWorker), so a test can
 * play a new version's life: found, installed and waiting, told to take over, controlling the page.
 * It follows the events and states of the real thing (updatefound, statechange, controllerchange,
 * `installing`/`waiting`/`active`, postMessage) and nothing of how the page code uses them, so the
 * update prompt's tests hold whether it watches them itself or through workbox-window.
 */

export class FakeWorker extends EventTarget {
	state: ServiceWorkerState = 'installing';
	messages: unknown[] = [];
	onstatechange = null;
	onerror = null;

	constructor(
		readonly scriptURL: string,
		private readonly container: FakeContainer
	) {
		super();
	}

	postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions) {
		this.messages.push(message);
		// A port to answer on (workbox-window's messageSW): answered, as src/service-worker.ts would not mind.
		const ports = Array.isArray(transfer) ? transfer : [];
		for (const port of ports) if (port instanceof MessagePort) port.postMessage(null);
		if ((message as { type?: string } | null)?.type === 'SKIP_WAITING' && this.container.obeySkipWaiting)
			queueMicrotask(() => this.container.activate(this));
	}

	setState(state: ServiceWorkerState) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

export class FakeRegistration extends EventTarget {
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	active: FakeWorker | null = null;
	readonly scope = `${location.origin}/`;
	updates = 0;
	onupdatefound = null;

	async update() {
		this.updates++;
	}
	async unregister() {
		return true;
	}
}

export class FakeContainer extends EventTarget {
	controller: FakeWorker | null = null;
	registration = new FakeRegistration();
	registered: string[] = [];
	/** Whether a waiting worker takes over when told SKIP_WAITING (src/service-worker.ts does). */
	obeySkipWaiting = true;
	#ready: Promise<FakeRegistration>;
	#resolveReady: (registration: FakeRegistration) => void = () => {};
	oncontrollerchange = null;
	onmessage = null;
	onmessageerror = null;

	constructor() {
		super();
		this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
	}

	get ready() {
		return this.#ready;
	}

	async register(url: string) {
		this.registered.push(url);
		this.#resolveReady(this.registration);
		return this.registration;
	}
	async getRegistration() {
		return this.registered.length ? this.registration : undefined;
	}
	async getRegistrations() {
		return this.registered.length ? [this.registration] : [];
	}
	startMessages() {}

	/** A worker of an earlier visit controls this page already. */
	controlledBy(url = '/service-worker.js'): FakeWorker {
		const worker = new FakeWorker(new URL(url, location.origin).href, this);
		worker.state = 'activated';
		this.registration.active = worker;
		this.controller = worker;
		return worker;
	}

	/** Found at the next update check: a new version installs and then waits for this page. */
	async newVersion(url = '/service-worker.js'): Promise<FakeWorker> {
		const worker = new FakeWorker(new URL(url, location.origin).href, this);
		this.registration.installing = worker;
		this.registration.dispatchEvent(new Event('updatefound'));
		await Promise.resolve();
		this.registration.installing = null;
		this.registration.waiting = worker;
		worker.setState('installed');
		return worker;
	}

	/** The waiting worker activates and takes control of the page (also when another tab asked). */
	activate(worker = this.registration.waiting) {
		if (!worker) return;
		if (this.registration.waiting === worker) this.registration.waiting = null;
		this.registration.active = worker;
		worker.setState('activating');
		this.controller = worker;
		this.dispatchEvent(new Event('controllerchange'));
		worker.setState('activated');
	}

	/** Puts this in place of navigator.serviceWorker; returns what puts the browser's back. */
	install(): () => void {
		Object.defineProperty(navigator, 'serviceWorker', { value: this, configurable: true });
		return () => delete (navigator as { serviceWorker?: unknown }).serviceWorker;
	}
}

/**
 * Full page loads (a reload, or going to a URL), recorded and stopped: the test page must stay.
 * Chromium's Navigation API announces them before they happen and lets a listener cancel them.
 */
export function catchPageLoads(): { loads: Array<{ type: string; url: string }>; stop: () => void } {
	const loads: Array<{ type: string; url: string }> = [];
	const navigation = (window as unknown as { navigation: EventTarget }).navigation;
	const onNavigate = (event: Event) => {
		const { navigationType, destination } = event as Event & { navigationType: string; destination: { url: string } };
		loads.push({ type: navigationType, url: destination.url });
		event.preventDefault();
	};
	navigation.addEventListener('navigate', onNavigate);
	return { loads, stop: () => navigation.removeEventListener('navigate', onNavigate) };
}
