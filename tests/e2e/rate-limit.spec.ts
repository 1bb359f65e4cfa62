import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Guessing invitation codes gets the 429 page, in Danish and in easy-read, with the time to try
 * again. The guesses lock out this machine's address for invitation codes, so the test runs its own
 * app server (the build the suite made, a fresh embedded database) and leaves the suite's server
 * alone. It uses a 24-hour window (RATE_LIMITS) so a window cannot end in the middle of the test.
 */

const LIMIT = 5;
let server: ChildProcess;
let origin: string;
let dataDir: string;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

test.beforeAll(async () => {
	const port = await freePort();
	origin = `http://localhost:${port}`;
	dataDir = mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-limits-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		PGLITE_DATA_DIR: dataDir,
		VAPID_FILE: path.join(dataDir, 'vapid.json'),
		RATE_LIMITS: `invitation-ip=${LIMIT}/24h`,
		LOG_LEVEL: 'warn'
	};
	delete env.DATABASE_URL;
	server = spawn(process.execPath, ['build/index.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
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
	await page.getByRole('button', { name: /Let læsning/ }).click();
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
