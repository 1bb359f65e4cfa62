import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { browserKeys } from '../support/web-push';
import { expect, loginAs, sparePort, tapEasyRead, test } from './fixtures';

/**
 * The rate limits as people meet them: guessing invitation codes, downloading one's data, the
 * outbox's sync, the diary form, sharing a diary entry, the phone's push subscription and logging
 * in all end in a refusal that says when to try again
 * (a page in Danish and easy-read, or 429 with Retry-After for the API); so do too many events in
 * "look at it together". The tries lock out this
 * machine's address and these people, so the tests run their own app server with its own
 * development identity provider (`scripts/start.ts` on the build the suite made, a fresh embedded
 * database with the demo people) and leave the suite's server alone. Limits are low and their
 * windows 24 hours (RATE_LIMITS), so a window cannot end in the middle of a test.
 */

const LIMIT = 5;
/** Per person (export, sync, diary, push, together) and per address (login; a login through the provider is 2 hits). */
const PERSON_LIMIT = 3;
const LOGIN_LIMIT = 12;
/** Login hits this address has made on the server so far (the login test counts on from there). */
let loginHits = 0;
let server: ChildProcess;
let origin: string;
let dataDir: string;

test.beforeAll(async () => {
	// Building nothing, but migrating and seeding a new database and starting the job runner: on a
	// busy machine that can take longer than a test's minute.
	test.setTimeout(180_000);
	// Ports of this worker's own, beside its suite server (tests/e2e/fixtures.ts).
	const port = sparePort(0);
	const idpPort = sparePort(1);
	origin = `http://localhost:${port}`;
	dataDir = mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-limits-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DEV_IDP_PORT: String(idpPort),
		OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
		OIDC_REDIRECT_URI: `${origin}/auth/callback`,
		OIDC_POST_LOGOUT_REDIRECT_URI: `${origin}/`,
		SEED_DEMO: '1',
		PGLITE_DATA_DIR: dataDir,
		VAPID_FILE: path.join(dataDir, 'vapid.json'),
		RATE_LIMITS: [
			`invitation-ip=${LIMIT}/24h`,
			`export=${PERSON_LIMIT}/24h`,
			`sync=${PERSON_LIMIT}/24h`,
			`diary=${PERSON_LIMIT}/24h`,
			`together=${PERSON_LIMIT}/24h`,
			`push=${PERSON_LIMIT}/24h`,
			`login=${LOGIN_LIMIT}/24h`
		].join(','),
		LOG_LEVEL: 'warn'
	};
	delete env.DATABASE_URL;
	server = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	// Ready when /healthz answers (the init hook has migrated the new database by then).
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the app server exited with ${server.exitCode}`);
		const ok = await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 200));
	}
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Logs in through the development identity provider: 2 hits of the address's login limit. */
async function logIn(page: Page, subject: string) {
	await loginAs(page, subject, 'Substantial', origin);
	loginHits += 2;
}

/** The window ends at the next midnight UTC; shown in Danish time as the app does. */
function expectedTime(): string {
	const now = new Date();
	const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
	return new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(
		end
	);
}

async function tryCode(page: Page, code: string) {
	await page.getByLabel('Kode', { exact: true }).fill(code);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(`${origin}/invitation`)),
		page.getByRole('button', { name: 'Fortsæt' }).click()
	]);
	await page.waitForLoadState();
	return response;
}

test('guessing invitation codes ends on a page that says when to try again, in plain and easy Danish', async ({
	page,
	axe
}) => {
	await page.goto(`${origin}/invitation`);
	for (let i = 0; i < LIMIT; i++) {
		const response = await tryCode(page, `ABCDE-FGH2${i + 2}`);
		expect(response.status()).toBe(400);
		await expect(page.getByText('Koden virker ikke.', { exact: false })).toBeVisible();
	}

	const refused = await tryCode(page, 'ABCDE-FGH29');
	expect(refused.status()).toBe(429);
	const retryAfter = Number(refused.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThan(0);
	expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
	const time = expectedTime();
	await expect(page.getByRole('heading', { level: 1, name: 'Vent lidt' })).toBeVisible();
	await expect(
		page.getByText(
			`Der er kommet for mange forsøg på kort tid. Vi passer på dine oplysninger, så du skal vente lidt. Prøv igen kl. ${time}.`
		)
	).toBeVisible();
	await axe();

	// A new browser on the same address: still refused, and the link form of a code is refused too.
	await page.context().clearCookies();
	await page.goto(`${origin}/invitation`);
	await tapEasyRead(page);
	await expect(page.locator('body')).toHaveClass(/reading-easy/);
	const again = await tryCode(page, 'JKLMN-PQR23');
	expect(again.status()).toBe(429);
	await expect(page.getByText(`Der er prøvet for mange gange. Vent lidt. Prøv igen kl. ${time}.`)).toBeVisible();
	await axe();

	const link = await page.goto(`${origin}/invitation/JKLMN-PQR24`);
	expect(link?.status()).toBe(429);
	expect(new URL(page.url()).pathname).toBe('/for-mange-forsoeg');
	await expect(page.getByText(`Prøv igen kl. ${time}.`, { exact: false })).toBeVisible();

	// Only invitation codes are refused: the rest of the app works as before.
	expect((await page.goto(`${origin}/login`))?.status()).toBe(200);
});

test('too many events in "look at it together" get 429 with Retry-After and a plain message; nothing more is stored', async ({
	browser
}) => {
	const sara = await (await browser.newContext({ baseURL: origin })).newPage();
	const lone = await (await browser.newContext({ baseURL: origin })).newPage();
	await logIn(sara, 'demo-sara');
	await logIn(lone, 'demo-lone');
	const sameSite = { origin };
	// A browser's form post (an HTML answer with the action's status, not SvelteKit's JSON one).
	const formPost = { origin, accept: 'text/html' };
	try {
		// Sara starts it from her plan during the support time going on now; Lone says yes.
		const started = await sara.request.post(`${origin}/plan?/together`, {
			form: {},
			headers: formPost,
			maxRedirects: 0
		});
		expect(started.status()).toBe(303);
		const sessionPath = started.headers().location;
		expect(sessionPath).toMatch(/^\/sammen\/[0-9a-f-]{36}$/);
		const accepted = await lone.request.post(`${origin}${sessionPath}?/accept`, {
			form: {},
			headers: formPost,
			maxRedirects: 0
		});
		expect(accepted.status()).toBe(303);
		await lone.goto(sessionPath);
		const first = lone.locator('ul.subgoals > li').first();
		const subgoalId = (await first.getAttribute('id'))!.replace('subgoal-', '');
		const api = `${origin}/api/together/${sessionPath.split('/').pop()}/events`;
		const point = { kind: 'highlight', target: 'subgoal', id: subgoalId };
		const send = (page: Page, data: unknown) => page.request.post(api, { data, headers: sameSite });

		// Lone's limit is PERSON_LIMIT attempts: one point, one that cannot be read (it counts too),
		// one point through the page's form.
		expect((await send(lone, point)).status()).toBe(200);
		const unreadable = await lone.request.post(api, {
			data: '{"kind":',
			headers: { ...sameSite, 'content-type': 'application/json' }
		});
		expect(unreadable.status()).toBe(400);
		const viaForm = (accept: string) =>
			lone.request.post(`${origin}${sessionPath}?/event`, {
				form: point,
				headers: { ...sameSite, accept },
				maxRedirects: 0
			});
		expect((await viaForm('text/html')).status()).toBe(200);

		// The next one: 429 with Retry-After from the API …
		const refused = await send(lone, point);
		expect(refused.status()).toBe(429);
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
		expect(await refused.json()).toMatchObject({ code: 'flood', retryAfter: expect.any(Number) });
		// … and from the form (without JavaScript: the page says it in plain words) …
		const refusedForm = await viaForm('text/html');
		expect(refusedForm.status()).toBe(429);
		expect(Number(refusedForm.headers()['retry-after'])).toBeGreaterThan(0);
		expect(await refusedForm.text()).toContain('Det går for hurtigt. Vent lidt, og prøv igen.');
		// … and on the page with JavaScript, beside the button she pressed.
		await lone.goto(sessionPath);
		await first.getByRole('button', { name: /^Peg på det her/ }).click();
		await expect(first.getByRole('alert')).toHaveText('Det går for hurtigt. Vent lidt, og prøv igen.');

		// Only the two points that got through are stored; Sara is counted on her own.
		const stored = async () => {
			const response = await sara.request.get(`${api}?after=0`);
			const { messages } = (await response.json()) as { messages: Array<{ kind: string; sender: { name: string } }> };
			return messages.filter((m) => m.kind === 'highlight').map((m) => m.sender.name);
		};
		expect(await stored()).toEqual(['Lone', 'Lone']);
		expect((await send(sara, point)).status()).toBe(200);
		expect(await stored()).toEqual(['Lone', 'Lone', 'Sara']);

		// Stopping is never limited: Lone can still end it with one tap.
		const ended = await lone.request.post(`${origin}${sessionPath}?/end`, {
			form: {},
			headers: formPost,
			maxRedirects: 0
		});
		expect(ended.status()).toBe(303);
	} finally {
		await sara.context().close();
		await lone.context().close();
	}
});

test('a phone that changes its push subscription too often gets 429 with Retry-After, for adding and for removing', async ({
	page
}) => {
	await logIn(page, 'demo-jonas');
	const headers = { origin, accept: 'application/json' };
	const keys = browserKeys();
	// Nothing listens there: a subscription is only stored, no push is sent in this test.
	const subscription = (n: number) => ({
		endpoint: `http://127.0.0.1:9/push/jonas-${n}`,
		keys: { p256dh: keys.p256dh, auth: keys.auth }
	});
	for (let n = 1; n <= PERSON_LIMIT; n++)
		expect((await page.request.post(`${origin}/api/push`, { data: subscription(n), headers })).status()).toBe(201);

	const refused = await page.request.post(`${origin}/api/push`, { data: subscription(99), headers });
	expect(refused.status()).toBe(429);
	const retryAfter = Number(refused.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThan(0);
	expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
	expect(await refused.json()).toMatchObject({
		code: 'rate_limited',
		message: 'limits.refused.text',
		retryAfter,
		retryAt: expect.any(String)
	});

	// Taking a subscription away counts in the same limit.
	const removal = await page.request.delete(`${origin}/api/push`, {
		data: { endpoint: subscription(1).endpoint },
		headers
	});
	expect(removal.status()).toBe(429);
	expect(Number(removal.headers()['retry-after'])).toBeGreaterThan(0);

	// Only the push subscription is limited: the key a phone needs, and the rest of the app, still answer.
	expect((await page.request.get(`${origin}/api/push`)).status()).toBe(200);
	expect((await page.goto(`${origin}/moeder`))?.status()).toBe(200);
});

test('sharing a diary entry too often is refused with the "Vent lidt" page, and the sharing stays as it was', async ({
	page
}) => {
	const time = expectedTime();
	await logIn(page, 'demo-mette');
	const text = `Til Birgitte ${Date.now()}`;
	// One entry (sent as the form sends it without JavaScript): one of the diary's tries.
	const written = await page.request.post(`${origin}/dagbog?/write`, {
		form: { id: crypto.randomUUID(), mood: '4', text },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(written.status()).toBe(303);
	await page.goto(`${origin}/dagbog`);
	const entry = page.locator('li.entry').filter({ hasText: text });
	// A closed "Hvem må se det?" has no share forms: the entry's id is the card's, and ?del= opens its list.
	const entryId = (await entry.getAttribute('id'))!.replace(/^entry-/, '');
	await page.goto(`${origin}/dagbog?del=${entryId}`);
	const form = entry.locator('form[action^="?/share"]', { has: page.locator('button', { hasText: 'Birgitte' }) });
	const personId = await form.locator('input[name="personId"]').inputValue();
	const share = (on: boolean) =>
		page.request.post(`${origin}/dagbog?/share`, {
			form: { entryId, personId, share: on ? 'on' : 'off' },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});

	// Shared, and taken back: the second and third tries.
	expect((await share(true)).status()).toBe(200);
	expect((await share(false)).status()).toBe(200);
	// The fourth is refused: a page that says when to try again, with Retry-After.
	const refused = await share(true);
	expect(refused.status()).toBe(429);
	expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
	expect(await refused.text()).toContain(`Prøv igen kl. ${time}.`);

	// The entry is still hers alone.
	await page.goto(`${origin}/dagbog`);
	await expect(entry.getByText('Kun dig.')).toBeVisible();
});

test('a citizen who downloads, syncs or writes too often is told when to try again; so is one who logs in too often', async ({
	page
}) => {
	const time = expectedTime();
	await logIn(page, 'demo-ali');
	const sameSite = { origin, accept: 'application/json' };

	// Downloads of my data: the API answer is 429 with Retry-After, a browser gets the page.
	for (let i = 0; i < PERSON_LIMIT; i++)
		expect((await page.request.get(`${origin}/mine-data/eksport.json`)).status()).toBe(200);
	const download = await page.request.get(`${origin}/mine-data/eksport.json`);
	expect(download.status()).toBe(429);
	expect(Number(download.headers()['retry-after'])).toBeGreaterThan(0);
	expect(await download.json()).toMatchObject({ code: 'rate_limited', message: 'limits.refused.text' });
	const opened = await page.goto(`${origin}/mine-data/fhir.json`);
	expect(opened?.status()).toBe(429);
	expect(new URL(page.url()).pathname).toBe('/for-mange-forsoeg');
	await expect(page.getByText(`Prøv igen kl. ${time}.`, { exact: false })).toBeVisible();

	// The outbox's sync: JSON the phone understands (it waits as long as Retry-After says).
	const sync = () => page.request.post(`${origin}/api/sync`, { data: { items: [] }, headers: sameSite });
	for (let i = 0; i < PERSON_LIMIT; i++) expect((await sync()).status()).toBe(200);
	const refusedSync = await sync();
	expect(refusedSync.status()).toBe(429);
	expect(Number(refusedSync.headers()['retry-after'])).toBeGreaterThan(0);
	expect(await refusedSync.json()).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });

	// The diary form (as sent without JavaScript): the fourth entry gets the "Vent lidt" page, and
	// is not stored.
	const write = (text: string) =>
		page.request.post(`${origin}/dagbog?/write`, {
			form: { id: crypto.randomUUID(), mood: '4', text },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
	for (let i = 1; i <= PERSON_LIMIT; i++) expect((await write(`Dag ${i}`)).status()).toBe(303);
	const refusedWrite = await write('Dag 4');
	expect(refusedWrite.status()).toBe(429);
	expect(await refusedWrite.text()).toContain(`Prøv igen kl. ${time}.`);
	await page.goto(`${origin}/dagbog`);
	for (let i = 1; i <= PERSON_LIMIT; i++) await expect(page.getByText(`Dag ${i}`, { exact: true })).toHaveCount(1);
	await expect(page.getByText('Dag 4', { exact: true })).toHaveCount(0);

	// Logging in: each login so far was 2 hits; the address may make LOGIN_LIMIT in all.
	expect(loginHits).toBeLessThan(LOGIN_LIMIT);
	for (let i = loginHits; i < LOGIN_LIMIT; i++) {
		const start = await page.request.get(`${origin}/auth/login`, { maxRedirects: 0, headers: { accept: 'text/html' } });
		expect(start.status()).toBeGreaterThanOrEqual(300);
		expect(start.headers().location).not.toContain('/for-mange-forsoeg');
	}
	const refusedLogin = await page.request.get(`${origin}/auth/login`, {
		maxRedirects: 0,
		headers: { accept: 'text/html' }
	});
	expect(refusedLogin.headers().location).toMatch(/^\/for-mange-forsoeg\?til=\d+$/);
});
