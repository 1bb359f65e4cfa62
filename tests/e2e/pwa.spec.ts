import type { BrowserContext, Page } from '@playwright/test';
import { expect, openViewMenu, tapEasyRead, test } from './fixtures';

/**
 * The PWA: web manifest, service worker, offline pages, the own-device setting, wiping at logout
 * and the update prompt. Runs against the production build (the worker only exists there).
 */

test.use({ serviceWorkers: 'allow' });

const CITIZEN = 'demo-mette';
const SWITCH = 'Gem mine sider på denne telefon';

/** Waits until the worker is active and controls this page. */
async function controlled(page: Page): Promise<string> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

async function cacheNames(page: Page): Promise<string[]> {
	return page.evaluate(() => caches.keys());
}

async function personalPaths(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		if (!(await caches.has('personal-v1'))) return [];
		const cache = await caches.open('personal-v1');
		return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
	});
}

async function offlineDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('mf-'))
	);
}

/** Makes an `mf-` database the way the diary outbox does. */
async function makeOutbox(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('mf-outbox', 1);
				request.onupgradeneeded = () => request.result.createObjectStore('items', { keyPath: 'id' });
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			})
	);
}

/** Logs out with the logout form (from the "Mere" page when this page has none). */
async function logout(page: Page): Promise<void> {
	const form = page.locator('form[action="/auth/logout"]');
	if ((await form.count()) === 0) await page.goto('/mere');
	await form.first().getByRole('button').click();
	await page.waitForURL(/\/login/);
}

/** Turns "Denne enhed" on and waits until the worker has kept the main pages. */
async function turnOwnDeviceOn(page: Page): Promise<void> {
	await page.goto('/enhed');
	await controlled(page);
	const toggle = page.getByRole('button', { name: SWITCH });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('status').filter({ hasText: 'Færdig. Dine sider er gemt på telefonen.' })).toBeVisible({
		timeout: 30_000
	});
}

test.describe('the app as a PWA', () => {
	test('serves a web manifest with icons, and its service worker controls the page after a reload', async ({
		page,
		request,
		baseURL
	}) => {
		const response = await request.get('/manifest.webmanifest');
		expect(response.ok()).toBe(true);
		expect(response.headers()['content-type']).toContain('application/manifest+json');
		const manifest = (await response.json()) as {
			name: string;
			icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
			[key: string]: unknown;
		};
		expect(manifest).toMatchObject({
			name: 'Mit forløb',
			short_name: 'Mit forløb',
			lang: 'da',
			start_url: '/',
			scope: '/',
			display: 'standalone',
			theme_color: '#1f4e79',
			background_color: '#ffffff'
		});
		expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
		expect(manifest.icons.some((i) => i.purpose?.split(' ').includes('maskable'))).toBe(true);
		for (const icon of manifest.icons) {
			const image = await request.get(icon.src);
			expect(image.ok(), icon.src).toBe(true);
			expect(image.headers()['content-type']).toBe('image/png');
		}

		const worker = await request.get('/service-worker.js');
		expect(worker.headers()['content-type']).toMatch(/javascript/);

		await page.goto('/login');
		await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
		const registered = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
		expect(registered).toBe(`${baseURL}/service-worker.js`);
		await page.reload();
		expect(await controlled(page)).toBe(`${baseURL}/service-worker.js`);
		// Nothing personal is cached for someone who is not logged in.
		expect(await cacheNames(page)).not.toContain('personal-v1');
	});

	test('the offline page and the device setting are accessible', async ({ page, loginAs, axe }) => {
		await page.goto('/offline');
		await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke internet' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Ring 112' })).toHaveAttribute('href', 'tel:112');
		await axe();

		await loginAs(page, CITIZEN);
		await page.goto('/enhed');
		await expect(page.getByRole('heading', { level: 1, name: 'Denne enhed' })).toBeVisible();
		await expect(page.getByText('Slå det kun til på en telefon, som kun du bruger.')).toBeVisible();
		await expect(page.getByRole('button', { name: SWITCH })).toHaveAttribute('aria-pressed', 'false');
		await axe();

		await tapEasyRead(page);
		await expect(page.getByText('Gør det kun, hvis ingen andre bruger telefonen.')).toBeVisible();
		await axe();
		await tapEasyRead(page);
	});
});

test.describe('offline', () => {
	test('on the citizen’s own device, the plan and the crisis plan open without network', async ({
		page,
		context,
		loginAs
	}) => {
		await loginAs(page, CITIZEN);
		await turnOwnDeviceOn(page);
		expect(await personalPaths(page)).toEqual(expect.arrayContaining(['/', '/kriseplan', '/plan']));

		// A visit keeps the newest copy.
		await page.goto('/plan');
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();

		await context.setOffline(true);
		try {
			await page.reload();
			await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
			await page.goto('/kriseplan');
			await expect(page.getByRole('heading', { level: 1, name: 'Kriseplan' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Ring 112' })).toBeVisible();
			// Her own people and the organisation's lines, each a tap away by phone.
			const own = page.getByRole('region', { name: 'Mine mennesker' });
			await expect(own.getByText('Lis (søster)')).toBeVisible();
			await expect(own.getByRole('link', { name: 'Ring 12 81 47 55' })).toHaveAttribute('href', 'tel:12814755');
			await expect(own.getByRole('link', { name: 'Ring 12 70 80 41' })).toHaveAttribute('href', 'tel:12708041');
			const other = page.getByRole('region', { name: 'Anden hjælp' });
			await expect(other.getByRole('link', { name: 'Ring 70 201 201' })).toHaveAttribute('href', 'tel:70201201');
			// An in-app link while offline becomes a full load that the worker answers.
			await page.getByRole('link', { name: 'Min plan' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
			// A page that is not kept gets the offline page.
			await page.goto('/konto');
			await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke internet' })).toBeVisible();
		} finally {
			await context.setOffline(false);
		}
	});

	test('a page kept in Arabic opens offline in Arabic, right to left, and still works', async ({
		page,
		context,
		loginAs
	}) => {
		// A voice for Arabic, so the read-aloud button shows: it appears only once the page runs
		// (hydrated), which needs the Arabic texts.
		await page.addInitScript(() => {
			const engine = {
				getVoices: () => [{ lang: 'ar', name: 'العربية' }],
				speak: () => {},
				cancel: () => {},
				addEventListener: () => {},
				removeEventListener: () => {}
			};
			Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
		});
		await loginAs(page, CITIZEN);
		await turnOwnDeviceOn(page);
		const switchTo = async (name: string) => {
			await page.goto('/');
			await openViewMenu(page);
			await page.getByRole('button', { name }).click();
		};
		await switchTo('العربية');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.goto('/plan');
		await expect(page.getByRole('heading', { level: 1, name: 'خطتي' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'اقرأ بصوت عالٍ' }).first()).toBeVisible();
		// The worker keeps the Arabic texts (only Danish is precached for everyone).
		await expect
			.poll(() =>
				page.evaluate(async () =>
					(await (await caches.open('mf-texts-v1')).keys()).map((r) => new URL(r.url).pathname.split('/').pop())
				)
			)
			.toEqual([expect.stringMatching(/^ar\.app\./)]);

		await context.setOffline(true);
		try {
			await page.reload();
			await expect(page.getByRole('heading', { level: 1, name: 'خطتي' })).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			await expect(page.getByRole('button', { name: 'اقرأ بصوت عالٍ' }).first()).toBeVisible();
			await expect(page.getByText('Læs højt')).toHaveCount(0);
		} finally {
			await context.setOffline(false);
		}
		// And back to Danish, in one tap.
		await switchTo('Dansk');
		await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	});

	test('on a device that is not marked as own, nothing personal is kept: offline shows the offline page', async ({
		page,
		context,
		loginAs
	}) => {
		await loginAs(page, CITIZEN);
		await page.goto('/plan');
		await controlled(page);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
		await page.goto('/kriseplan');
		await expect(page.getByRole('heading', { level: 1, name: 'Kriseplan' })).toBeVisible();
		expect(await cacheNames(page)).not.toContain('personal-v1');

		await context.setOffline(true);
		try {
			await page.goto('/plan');
			await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke internet' })).toBeVisible();
			await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toHaveCount(0);
			// The offline page was fetched without cookies: it knows nobody, not even the name.
			await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toHaveCount(0);
			expect(await page.content()).not.toContain('Mette Kristensen');
			await page.goto('/kriseplan');
			await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke internet' })).toBeVisible();
		} finally {
			await context.setOffline(false);
		}
		expect(await cacheNames(page)).not.toContain('personal-v1');
	});
});

test.describe('the offline page speaks the person’s language', () => {
	test('in Arabic, offline shows the Arabic offline page, right to left; back in Danish, the Danish one', async ({
		page,
		context,
		axe
	}) => {
		await page.goto('/login');
		await controlled(page);
		// Chosen on this device before login: the worker learns it from the next page it shows.
		await openViewMenu(page);
		await page.getByRole('button', { name: 'العربية' }).click();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		const kept = () =>
			page.evaluate(async () => {
				const name = (await caches.keys()).find((n) => n.startsWith('mf-offline-'));
				if (!name) return [];
				const keys = await (await caches.open(name)).keys();
				return keys.map((r) => new URL(r.url)).map((u) => u.pathname + u.search);
			});
		await expect.poll(kept).toContain('/offline?lang=ar&reading=standard&display=100...');

		await context.setOffline(true);
		try {
			await page.goto('/plan');
			await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			await expect(page.getByRole('heading', { level: 1, name: 'لا يوجد اتصال بالإنترنت' })).toBeVisible();
			await axe();
		} finally {
			await context.setOffline(false);
		}

		await page.goto('/login');
		await openViewMenu(page);
		await page.getByRole('button', { name: 'Dansk' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'da');
		await expect.poll(kept).toContain('/offline?lang=da&reading=standard&display=100...');
		await context.setOffline(true);
		try {
			await page.goto('/kriseplan');
			await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
			await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke internet' })).toBeVisible();
		} finally {
			await context.setOffline(false);
		}
	});
});

test.describe('Akut hjælp without network', () => {
	test('opens offline for someone not logged in, with 112 and the national lines as tel: links, in their language', async ({
		page,
		context
	}) => {
		await page.goto('/login');
		await controlled(page);
		// The worker keeps it as it keeps the offline page: in the language chosen on this device.
		await openViewMenu(page);
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const kept = () =>
			page.evaluate(async () => {
				const name = (await caches.keys()).find((n) => n.startsWith('mf-offline-'));
				if (!name) return [];
				return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
			});
		await expect.poll(kept).toContain('/akut-hjaelp?lang=en&reading=standard&display=100...');
		try {
			await context.setOffline(true);
			await page.getByRole('banner').getByRole('link', { name: 'Urgent help', exact: true }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Urgent help' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Call 112' })).toHaveAttribute('href', 'tel:112');
			await expect(page.getByRole('link', { name: 'Call 70 201 201' })).toHaveAttribute('href', 'tel:70201201');
			await expect(page.getByText(/^Talk to a volunteer/)).toBeVisible();
			// From any page that is not kept, the offline page's banner leads there too.
			await page.goto('/plan');
			await expect(page.getByRole('heading', { level: 1, name: 'You are not online' })).toBeVisible();
			await page.getByRole('banner').getByRole('link', { name: 'Urgent help', exact: true }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Urgent help' })).toBeVisible();
		} finally {
			await context.setOffline(false);
			await page.goto('/login');
			await openViewMenu(page);
			await page.getByRole('button', { name: 'Dansk' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'da');
		}
	});
});

test.describe('wiping offline data', () => {
	test('logging out deletes the kept pages and the mf- databases', async ({ page, loginAs }) => {
		await loginAs(page, CITIZEN);
		await turnOwnDeviceOn(page);
		await makeOutbox(page);
		expect(await cacheNames(page)).toContain('personal-v1');
		expect(await offlineDatabases(page)).toEqual(['mf-outbox']);

		await logout(page);
		await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
		expect(await cacheNames(page)).not.toContain('personal-v1');
		expect(await offlineDatabases(page)).toEqual([]);
		expect(await page.evaluate(() => localStorage.getItem('mf-own-device'))).toBeNull();
	});

	test('logging out wipes even when the browser ignores Clear-Site-Data', async ({ page, context, loginAs }) => {
		// Needs <LogoutWipe /> (src/lib/components/logout-wipe.svelte) mounted on every page:
		// remove this line once it is.
		await loginAs(page, CITIZEN);
		await turnOwnDeviceOn(page);
		await makeOutbox(page);
		// The server's Clear-Site-Data is taken out: the page's own wipe must do the work.
		await context.route('**/auth/logout', async (route) => {
			const response = await route.fetch({ maxRedirects: 0 });
			const headers = { ...response.headers() };
			delete headers['clear-site-data'];
			await route.fulfill({ response, headers });
		});
		await logout(page);
		await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
		expect(await cacheNames(page)).not.toContain('personal-v1');
		expect(await cacheNames(page)).not.toContain('mf-device-v1');
		expect(await offlineDatabases(page)).toEqual([]);
		expect(await page.evaluate(() => localStorage.getItem('mf-own-device'))).toBeNull();
	});

	test('turning the setting off deletes the kept pages and the mf- databases', async ({ page, loginAs }) => {
		await loginAs(page, CITIZEN);
		await turnOwnDeviceOn(page);
		await makeOutbox(page);
		expect(await personalPaths(page)).toContain('/plan');

		const toggle = page.getByRole('button', { name: SWITCH });
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await expect(
			page.getByRole('status').filter({ hasText: 'Vi har slettet det, der var gemt om dig på denne telefon.' })
		).toBeVisible();
		expect(await cacheNames(page)).not.toContain('personal-v1');
		expect(await cacheNames(page)).not.toContain('mf-device-v1');
		expect(await offlineDatabases(page)).toEqual([]);
		expect(await page.evaluate(() => localStorage.getItem('mf-own-device'))).toBeNull();

		// Visits no longer keep anything.
		await page.goto('/plan');
		await expect(page.getByRole('heading', { level: 1, name: 'Min plan' })).toBeVisible();
		expect(await cacheNames(page)).not.toContain('personal-v1');
	});
});

test.describe('a new version', () => {
	test('shows the update prompt, and never reloads over half-written text', async ({ page, loginAs }) => {
		// The page registers its worker after its load event (update-prompt.svelte). A "new version"
		// registered before that is replaced by the page's own register() of the old address, so
		// the test waits for it: each page load marks when its register() has answered.
		await page.addInitScript(() => {
			const register = ServiceWorkerContainer.prototype.register;
			ServiceWorkerContainer.prototype.register = function (...args: Parameters<typeof register>) {
				return register.apply(this, args).then((registration) => {
					(window as unknown as { registered: boolean }).registered = true;
					return registration;
				});
			};
		});
		await loginAs(page, CITIZEN);
		await page.goto('/plan');
		await controlled(page);
		await page.reload();
		const first = await controlled(page);
		await page.waitForFunction(() => (window as unknown as { registered?: boolean }).registered === true);

		// A "new version". Playwright cannot change the bytes of a worker update check (its route()
		// does not see that request: microsoft/playwright#14711), so the same build is registered
		// under another URL, which the browser also installs as a new, waiting worker.
		await page.evaluate(async () => {
			await navigator.serviceWorker.register('/service-worker.js?next=1', { scope: '/' });
		});
		await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration('/'))?.waiting != null);

		const banner = page.getByRole('status').filter({ hasText: 'Der er en ny udgave af Mit forløb.' });
		await expect(banner).toBeVisible({ timeout: 20_000 });

		// Half-written text: "Opdater" waits and says why.
		await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
		await page.getByText('Skriv en note').first().click();
		const note = page.getByRole('textbox', { name: 'Din note' }).first();
		await note.fill('Jeg er halvvejs med');
		await banner.getByRole('button', { name: 'Opdater' }).click();
		await expect(banner).toContainText('Gem først det, du skriver. Så opdaterer vi.');
		await page.waitForTimeout(1_500);
		expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
		await expect(note).toHaveValue('Jeg er halvvejs med');
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(first);
		const waiting = await page.evaluate(
			async () => (await navigator.serviceWorker.getRegistration('/'))?.waiting?.state ?? null
		);
		expect(waiting).toBe('installed');

		// The next navigation (to a page with nothing unsaved) activates the new worker and reloads.
		await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'I dag' }).click()]);
		await expect(page.getByRole('heading', { level: 1, name: 'I dag' })).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
		expect(await controlled(page)).toBe(`${first}?next=1`);
	});
});

test.describe('writing offline', () => {
	test('three entries written offline survive a reload and reach the server exactly once', async ({
		page,
		context,
		loginAs
	}) => {
		await loginAs(page, 'demo-mette');
		await turnOwnDeviceOn(page);
		await page.goto('/dagbog');
		await expect(page.getByRole('heading', { level: 1, name: 'Min dagbog' })).toBeVisible();

		await context.setOffline(true);
		const texts = ['Offline side et', 'Offline side to', 'Offline side tre'];
		for (const text of texts) {
			await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
			await page.getByLabel('Hvad skete der?').fill(text);
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			await expect(page.locator('li.waiting').filter({ hasText: text })).toBeVisible();
		}
		await expect(page.getByText('Du har ikke internet lige nu. Det bliver sendt senere.')).toBeVisible();

		// Reload without network: the page comes from the phone, and the three are still waiting.
		await page.reload();
		await expect(page.locator('li.waiting')).toHaveCount(3);

		await context.setOffline(false);
		await expect(page.locator('li.waiting')).toHaveCount(0, { timeout: 20_000 });
		await page.reload();
		for (const text of texts) await expect(page.locator('li.entry').filter({ hasText: text })).toHaveCount(1);
	});
});

test.describe('logging out with things not sent yet', () => {
	/** Writes diary entries without network; they wait in the outbox. */
	async function writeOffline(page: Page, context: BrowserContext, texts: string[]) {
		await page.goto('/dagbog');
		await controlled(page);
		await context.setOffline(true);
		for (const text of texts) {
			await page.locator('fieldset.mood-picker').getByText('God', { exact: true }).click();
			await page.getByLabel('Hvad skete der?').fill(text);
			await page.getByRole('button', { name: 'Gem', exact: true }).click();
			await expect(page.locator('li.waiting').filter({ hasText: text })).toBeVisible();
		}
		// The network is back, but the server does not answer yet: the entries keep waiting.
		await page.route('**/api/sync', (route) => route.abort());
		await context.setOffline(false);
	}

	test('warns before wiping them; "Send dem nu" sends them, then logs out', async ({ page, context, loginAs, axe }) => {
		await loginAs(page, 'demo-mette');
		const texts = ['Ikke sendt et', 'Ikke sendt to'];
		await writeOffline(page, context, texts);

		await page.goto('/mere');
		await page.getByRole('button', { name: 'Log ud' }).click();
		const dialog = page.getByRole('dialog', { name: 'Ikke sendt endnu' });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByText('Du har 2 ting, der ikke er sendt endnu.', { exact: false })).toBeVisible();
		await axe();

		// Still no answer from the server: nothing is lost, and the person stays logged in.
		await dialog.getByRole('button', { name: 'Send dem nu' }).click();
		await expect(dialog.getByRole('alert')).toHaveText(/Det kunne ikke sendes nu\./);
		expect(new URL(page.url()).pathname).toBe('/mere');
		expect(await offlineDatabases(page)).toEqual(['mf-outbox']);

		await page.unroute('**/api/sync');
		await dialog.getByRole('button', { name: 'Send dem nu' }).click();
		await page.waitForURL(/\/login/);
		expect(await offlineDatabases(page)).toEqual([]);

		await loginAs(page, 'demo-mette');
		await page.goto('/dagbog');
		for (const text of texts) await expect(page.locator('li.entry').filter({ hasText: text })).toHaveCount(1);
	});

	test('"Log ud alligevel" logs out and deletes them; "Fortryd" stays', async ({ page, context, loginAs }) => {
		await loginAs(page, 'demo-mette');
		const text = 'Slettet ved log ud';
		await writeOffline(page, context, [text]);

		await page.goto('/mere');
		await page.getByRole('button', { name: 'Log ud' }).click();
		const dialog = page.getByRole('dialog', { name: 'Ikke sendt endnu' });
		await expect(dialog.getByText('Du har én ting, der ikke er sendt endnu.', { exact: false })).toBeVisible();
		await dialog.getByRole('button', { name: 'Fortryd' }).click();
		await expect(dialog).toBeHidden();
		expect(new URL(page.url()).pathname).toBe('/mere');

		await page.getByRole('button', { name: 'Log ud' }).click();
		await dialog.getByRole('button', { name: 'Log ud alligevel' }).click();
		await page.waitForURL(/\/login/);
		expect(await offlineDatabases(page)).toEqual([]);

		await page.unroute('**/api/sync');
		await loginAs(page, 'demo-mette');
		await page.goto('/dagbog');
		await expect(page.locator('li.entry').filter({ hasText: text })).toHaveCount(0);
	});

	test('with nothing waiting, logging out asks nothing', async ({ page, loginAs }) => {
		await loginAs(page, 'demo-mette');
		await page.goto('/mere');
		await page.getByRole('button', { name: 'Log ud' }).click();
		await page.waitForURL(/\/login/);
		await expect(page.getByRole('dialog')).toHaveCount(0);
	});
});
