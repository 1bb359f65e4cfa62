import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { DEMO_PEOPLE } from '../../src/lib/server/seed/demo-people';
import type { MintedPerson } from './server';

/**
 * Each worker has its own app server and identity provider on its own ports: E2E_PORT + 2 × the
 * worker's slot (TEST_PARALLEL_INDEX, the same for a worker that replaces a failed one), and one
 * more for the provider. Known before any spec loads, so a spec's module-level origin is right.
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 4173);
const SLOT = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
const APP_PORT = BASE_PORT + 2 * SLOT;
const IDP_PORT = APP_PORT + 1;
/** Ports from E2E_PORT + this on are free for specs that run a server of their own (rate-limit.spec.ts). */
export const SPARE_PORT_OFFSET = 10;
/** A port of this worker's own for a spec's own server (`n`: 0 or 1). */
export const sparePort = (n: number) => BASE_PORT + SPARE_PORT_OFFSET + 2 * SLOT + n;

/** This worker's app origin (the `baseURL` of every test in it). */
export const E2E_ORIGIN = `http://localhost:${APP_PORT}`;

/** The suite's browser (playwright.config.ts): its user agent names the minted sessions' device. */
export const MOBILE_USER_AGENT =
	'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';

interface AppServer {
	process: ChildProcess;
	dataDir: string;
	origin: string;
	/** Minted sessions per demo subject; each login takes the next one. */
	people: Record<string, MintedPerson & { next: number }>;
	/** A test changed people here on purpose (freshServer): the next test gets a new copy. */
	dirty: boolean;
}

let current: AppServer | undefined;
let copies = 0;

/** Starts this worker's server on a new copy of the template database (tests/e2e/global-setup.ts). */
async function startServer(): Promise<AppServer> {
	const template = process.env.E2E_TEMPLATE_DIR;
	if (!template) throw new Error('No E2E_TEMPLATE_DIR: run the suite with playwright.config.ts (its globalSetup).');
	const dataDir = path.join(os.tmpdir(), `mf-e2e-${APP_PORT}-${process.pid}-${copies++}`);
	await cp(template, dataDir, { recursive: true });
	const sessionsFile = `${dataDir}.sessions.json`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(APP_PORT),
		HOST: '127.0.0.1',
		ORIGIN: E2E_ORIGIN,
		DEV_IDP_PORT: String(IDP_PORT),
		OIDC_ISSUER: `http://127.0.0.1:${IDP_PORT}`,
		OIDC_REDIRECT_URI: `${E2E_ORIGIN}/auth/callback`,
		OIDC_POST_LOGOUT_REDIRECT_URI: `${E2E_ORIGIN}/`,
		PGLITE_DATA_DIR: dataDir,
		VAPID_FILE: `${dataDir}.vapid.json`,
		SEED_DEMO: '1',
		// The suite logs in many times from one address: lift only the login limit (docs/configuration.md,
		// "Rate limits"). tests/e2e/rate-limit.spec.ts runs its own server with the real limits.
		RATE_LIMITS: 'login=100000/10m',
		E2E_SESSIONS_FILE: sessionsFile,
		E2E_USER_AGENT: MOBILE_USER_AGENT
	};
	delete env.DATABASE_URL;
	delete env.SESSION_SECURE_COOKIE;
	const child = spawn(path.resolve('node_modules/.bin/tsx'), ['tests/e2e/server.ts'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise<never>((_, reject) =>
		child.once('exit', (code) => reject(new Error(`The e2e server on ${E2E_ORIGIN} exited (${code}) while starting`)))
	);
	const ready = (async () => {
		for (;;) {
			const ok = await fetch(`${E2E_ORIGIN}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) return;
			await new Promise((r) => setTimeout(r, 200));
		}
	})();
	await Promise.race([ready, exited]);
	const minted = JSON.parse(await readFile(sessionsFile, 'utf8')) as Record<string, MintedPerson>;
	const people = Object.fromEntries(Object.entries(minted).map(([subject, p]) => [subject, { ...p, next: 0 }]));
	return { process: child, dataDir, origin: E2E_ORIGIN, people, dirty: false };
}

async function stopServer(server: AppServer): Promise<void> {
	if (server.process.exitCode === null && server.process.signalCode === null) {
		const exited = new Promise((r) => server.process.once('exit', r));
		server.process.kill('SIGTERM');
		const late = setTimeout(() => server.process.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(late);
	}
	await rm(server.dataDir, { recursive: true, force: true });
	await rm(`${server.dataDir}.sessions.json`, { force: true });
	await rm(`${server.dataDir}.vapid.json`, { force: true });
}

export type Loa = 'Substantial' | 'Low' | 'High';

/** The labels of the assurance levels on the development identity provider's page. */
const LOA_LABELS: Record<Loa, string> = {
	Low: 'Lav',
	Substantial: 'Betydelig',
	High: 'Høj'
};

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's minified build (the package's main file is the unminified one, twice the size). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is now and fails on any WCAG 2.2 A/AA violation, naming each and where. */
export async function checkA11y(page: Page): Promise<void> {
	// axe goes into each frame once per document (a page drawn in place by the app keeps it), from
	// the minified build; only violations are collected (axe's passes were thrown away anyway).
	for (const frame of page.frames())
		if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(
		(tags) =>
			(window as unknown as { axe: typeof import('axe-core') }).axe
				.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
				.then((results) =>
					results.violations.map((v) => ({
						id: v.id,
						impact: v.impact,
						help: v.help,
						nodes: v.nodes.map((n) => n.target)
					}))
				),
		A11Y_TAGS
	);
	const found = violations.map(
		(v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help} at ${v.nodes.map((target) => target.join(' ')).join(' | ')}`
	);
	expect(found, `axe found accessibility violations on ${page.url()}`).toEqual([]);
}

/** Lone starts "look at it together" from her video meeting with Sara; returns the session's path. */
export async function startFromVideoMeeting(lone: Page): Promise<string> {
	await lone.getByRole('link', { name: 'Sara Nielsen' }).click();
	await lone.getByRole('link', { name: 'Møder', exact: true }).click();
	await lone
		.getByRole('link', { name: /Åben videotid med Lone/ })
		.first()
		.click();
	await lone.getByRole('button', { name: 'Se det sammen' }).click();
	await expect(lone).toHaveURL(/\/sammen\/[0-9a-f-]{36}$/);
	return new URL(lone.url()).pathname;
}

/**
 * A slow phone: the page's scripts are held back until the returned function is called, so a test
 * can tap or open something before the page's script runs.
 */
export async function holdScripts(page: Page): Promise<() => void> {
	let release = () => {};
	const held = new Promise<void>((done) => (release = done));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/**
 * Waits until the page runs its scripts (the root layout marks <html> when it is hydrated): what
 * a script counts from the page's clock starts only then.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/** Opens the header's "Visning og sprog" menu (easy-read, text size, language) if it is closed. */
export async function openViewMenu(page: Page): Promise<void> {
	const menu = page.locator('details.view-menu');
	if (!(await menu.evaluate((details: HTMLDetailsElement) => details.open))) await menu.locator('summary').click();
}

/** The easy-read switch in "Visning og sprog": opens the menu and taps it. */
export async function tapEasyRead(page: Page): Promise<void> {
	await openViewMenu(page);
	await page.getByRole('button', { name: 'Let læsning' }).click();
}

/** The reading mode the page is drawn in (the class the server puts on <body>). */
export async function readingOf(page: Page): Promise<'easy' | 'standard'> {
	return ((await page.locator('body').getAttribute('class')) ?? '').includes('reading-easy') ? 'easy' : 'standard';
}

/**
 * Sets the person's reading mode with the header's switch (a saved setting: other tests may have
 * left it either way), and waits until the page shows it.
 */
export async function setReading(page: Page, mode: 'easy' | 'standard'): Promise<void> {
	if ((await readingOf(page)) !== mode) await tapEasyRead(page);
	await expect(page.locator('body')).toHaveClass(new RegExp(`reading-${mode}`));
}

/**
 * The citizen on `page` gives an active relative one more scope, or takes it back, on Dine
 * pårørende, and waits until it is saved.
 */
export async function setRelativeScope(page: Page, relative: string, scope: RegExp, on: boolean): Promise<void> {
	await page.goto('/paaroerende');
	const card = page.locator('li.relative[data-state="active"]').filter({ hasText: relative });
	await card.getByText('Ret, hvad de må se').click();
	await card.getByRole('checkbox', { name: scope }).setChecked(on);
	await card.getByRole('button', { name: 'Gem', exact: true }).click();
	await expect(page.getByText(/Gemt\. .* kan nu se det, du har valgt\./)).toBeVisible();
}

/** Logins this worker made with a minted session and through the identity provider's pages. */
const loginCounts = { minted: 0, viaIdp: 0 };

/**
 * Logs in as a demo person through the real OpenID Connect flow: the app's /login page, the
 * development identity provider (choose the level of assurance, then the person), and back. For
 * the tests of logging in itself; every other test uses loginAs.
 */
export async function loginViaIdp(
	page: Page,
	subject: string,
	loa: Loa = 'Substantial',
	appOrigin = E2E_ORIGIN
): Promise<void> {
	const person = demoPerson(subject);
	const origin = new URL(appOrigin).origin;
	loginCounts.viaIdp++;

	await page.goto(`${origin}/login`);
	const mitid = /Log ind med MitID/i;
	await page
		.getByRole('link', { name: mitid })
		.or(page.getByRole('button', { name: mitid }))
		.first()
		.click();

	// The development identity provider's page.
	await page.waitForURL((url) => url.origin !== origin);
	await page.getByRole('radio', { name: new RegExp(LOA_LABELS[loa], 'i') }).check();
	await page.getByRole('button', { name: person.displayName }).click();

	// Back in the app, past the callback.
	await page.waitForURL((url) => url.origin === origin && !url.pathname.startsWith('/auth/callback'));
}

function demoPerson(subject: string) {
	const person = DEMO_PEOPLE.find((p) => p.subject === subject);
	if (!person) {
		throw new Error(`No demo person with subject "${subject}" (see src/lib/server/seed/demo-people.ts)`);
	}
	return person;
}

/**
 * Logs in as a demo person, as the callback would leave the browser: a fresh session of its own
 * (minted by tests/e2e/server.ts at Substantial) in the session cookie, the person's saved settings
 * in the language, reading and display cookies, and the front page open. Walks the identity
 * provider (loginViaIdp) for another level of assurance, another server (the cluster suite,
 * rate-limit.spec.ts), or when the minted sessions have run out or were ended ("log out
 * everywhere else").
 */
export async function loginAs(
	page: Page,
	subject: string,
	loa: Loa = 'Substantial',
	appOrigin = E2E_ORIGIN
): Promise<void> {
	demoPerson(subject);
	const origin = new URL(appOrigin).origin;
	const minted = current && current.origin === origin ? current.people[subject] : undefined;
	while (loa === 'Substantial' && minted && minted.next < minted.tokens.length) {
		const token = minted.tokens[minted.next++];
		// As the callback sets them: Secure (browsers keep Secure cookies of http://localhost), host-only.
		const cookie = { domain: new URL(origin).hostname, path: '/', secure: true, sameSite: 'Lax' as const };
		await page
			.context()
			.addCookies([
				{ ...cookie, name: SESSION_COOKIE, value: token, httpOnly: true },
				...Object.entries(minted.cookies).map(([name, value]) => ({ ...cookie, name, value }))
			]);
		await page.goto(`${origin}/`);
		if (!new URL(page.url()).pathname.startsWith('/login')) {
			loginCounts.minted++;
			return;
		}
		// Ended by an earlier test (all but one of a person's sessions end at once): the rest too.
		minted.next = minted.tokens.length;
	}
	await loginViaIdp(page, subject, loa, appOrigin);
}

/**
 * A stand-in speech engine: records what is spoken, and offers the voices given. With `manual`, a
 * sentence is "spoken" until the test calls `window.__finishSentence()`, so the highlight can be seen.
 * `window.__setVoices(list)` changes the voices later and tells the page (`voiceschanged`).
 */
export async function stubSpeech(
	page: Page | BrowserContext,
	voices: Array<{ lang: string; name: string }>,
	manual = false
) {
	await page.addInitScript(
		({ list, manual }) => {
			const spoken: Array<{ text: string; lang: string }> = [];
			const pending: Utterance[] = [];
			(window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
			(window as unknown as { __finishSentence: () => void }).__finishSentence = () => pending.shift()?.onend?.();
			class Utterance {
				text: string;
				lang = '';
				voice: unknown = null;
				onend: (() => void) | null = null;
				constructor(text: string) {
					this.text = text;
				}
			}
			let voices = list;
			const listeners = new Set<() => void>();
			// The device's voices change (installed, removed): the page hears `voiceschanged`.
			(window as unknown as { __setVoices: (next: typeof list) => void }).__setVoices = (next) => {
				voices = next;
				for (const listener of listeners) listener();
			};
			const engine = {
				getVoices: () => voices,
				speak: (u: Utterance) => {
					spoken.push({ text: u.text, lang: u.lang });
					if (manual) pending.push(u);
					else setTimeout(() => u.onend?.(), 20);
				},
				cancel: () => {},
				addEventListener: (type: string, listener: () => void) => {
					if (type === 'voiceschanged') listeners.add(listener);
				},
				removeEventListener: (type: string, listener: () => void) => listeners.delete(listener)
			};
			Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
			Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
		},
		{ list: voices, manual }
	);
}

interface Fixtures {
	/** Checks the page against WCAG 2.2 A/AA with axe; fails on any violation. */
	axe: (page?: Page) => Promise<void>;
	/** Logs the test's page (or the page given) in as a demo person by subject. */
	loginAs: (page: Page, subject: string, loa?: Loa) => Promise<void>;
	/** Logs in through the identity provider's pages, for the tests of logging in itself. */
	loginViaIdp: (page: Page, subject: string, loa?: Loa) => Promise<void>;
	/**
	 * `test.use({ freshServer: true })`: the test gets a server on a new copy of the template, and
	 * the tests after it another one: for a test that changes people for good.
	 */
	freshServer: boolean;
	appServer: AppServer;
}

interface WorkerFixtures {
	workerServer: void;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
	workerServer: [
		// Playwright reads a fixture's dependencies from its destructuring: none here.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			current = await startServer();
			await use();
			if (current) await stopServer(current);
			current = undefined;
			if (loginCounts.viaIdp + loginCounts.minted > 0)
				console.log(
					`e2e worker ${SLOT}: ${loginCounts.minted} minted logins, ${loginCounts.viaIdp} through the identity provider`
				);
		},
		{ scope: 'worker', auto: true, timeout: 180_000 }
	],
	freshServer: [false, { option: true }],
	appServer: [
		async ({ freshServer }, use) => {
			if (!current || freshServer || current.dirty) {
				if (current) await stopServer(current);
				current = await startServer();
			}
			if (freshServer) current.dirty = true;
			await use(current);
		},
		{ auto: true, timeout: 180_000 }
	],
	baseURL: async ({ appServer }, use) => {
		await use(appServer.origin);
	},
	axe: async ({ page }, use) => {
		await use((target: Page = page) => checkA11y(target));
	},
	loginAs: async ({ baseURL }, use) => {
		await use((page: Page, subject: string, loa: Loa = 'Substantial') =>
			loginAs(page, subject, loa, baseURL ?? E2E_ORIGIN)
		);
	},
	loginViaIdp: async ({ baseURL }, use) => {
		await use((page: Page, subject: string, loa: Loa = 'Substantial') =>
			loginViaIdp(page, subject, loa, baseURL ?? E2E_ORIGIN)
		);
	}
});

export { expect };
