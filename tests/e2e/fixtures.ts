import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/lib/server/seed/demo-people';

/** The app's origin under test (playwright.config.ts sets it from E2E_PORT; 4173 by default). */
export const E2E_ORIGIN = process.env.E2E_ORIGIN ?? 'http://localhost:4173';

export type Loa = 'Substantial' | 'Low' | 'High';

/** The labels of the assurance levels on the development identity provider's page. */
const LOA_LABELS: Record<Loa, string> = {
	Low: 'Lav',
	Substantial: 'Betydelig',
	High: 'Høj'
};

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is now and fails on any WCAG 2.2 A/AA violation, naming each and where. */
export async function checkA11y(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
	const found = results.violations.map(
		(v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`
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
 * Waits until the page runs its scripts (the root layout marks <html> when it is hydrated): what
 * a script counts from the page's clock starts only then.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/**
 * Sets the person's reading mode with the header's switch (a saved setting: other tests may have
 * left it either way), and waits until the page shows it.
 */
export async function setReading(page: Page, mode: 'easy' | 'standard'): Promise<void> {
	const toggle = page.getByRole('button', { name: 'Let læsning' });
	if (((await toggle.getAttribute('aria-pressed')) === 'true') !== (mode === 'easy')) await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', mode === 'easy' ? 'true' : 'false');
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

/**
 * Logs in as a demo person through the real OpenID Connect flow: the app's /login page, the
 * development identity provider (choose the level of assurance, then the person), and back.
 */
export async function loginAs(
	page: Page,
	subject: string,
	loa: Loa = 'Substantial',
	appOrigin = E2E_ORIGIN
): Promise<void> {
	const person = DEMO_PEOPLE.find((p) => p.subject === subject);
	if (!person) {
		throw new Error(`No demo person with subject "${subject}" (see src/lib/server/seed/demo-people.ts)`);
	}
	const origin = new URL(appOrigin).origin;

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
}

export const test = base.extend<Fixtures>({
	axe: async ({ page }, use) => {
		await use((target: Page = page) => checkA11y(target));
	},
	loginAs: async ({ baseURL }, use) => {
		await use((page: Page, subject: string, loa: Loa = 'Substantial') =>
			loginAs(page, subject, loa, baseURL ?? E2E_ORIGIN)
		);
	}
});

export { expect };
