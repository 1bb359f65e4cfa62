import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// E2E_PORT lets several checkouts run their e2e suites side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://localhost:${port}`;
const idpPort = port + 1;
process.env.E2E_ORIGIN = origin;

// The e2e server runs with plain-http cookies on localhost: never inherit a developer's setting.
delete process.env.SESSION_SECURE_COOKIE;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	// The app under test uses one embedded PGlite: tests share it, so they run one at a time.
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
	use: {
		baseURL: origin,
		// Each page would otherwise install the service worker; tests/e2e/pwa.spec.ts allows it where it matters.
		serviceWorkers: 'block',
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium-mobile',
			use: {
				browserName: 'chromium',
				viewport: { width: 360, height: 740 },
				screen: { width: 360, height: 740 },
				deviceScaleFactor: 2,
				isMobile: true,
				hasTouch: true,
				userAgent:
					'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
				launchOptions: {
					// Debian's Chromium (apt); Playwright's own browser downloads are not used.
					executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
						'--disable-quic'
					]
				}
			}
		}
	],
	webServer: {
		command: 'npx vite build && npx tsx scripts/start.ts',
		url: `${origin}/healthz`,
		timeout: 240_000,
		reuseExistingServer: !process.env.CI,
		stdout: 'ignore',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DEV_IDP_PORT: String(idpPort),
			OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
			OIDC_REDIRECT_URI: `${origin}/auth/callback`,
			OIDC_POST_LOGOUT_REDIRECT_URI: `${origin}/`,
			// A fresh embedded database for every run (this file is also loaded by workers; only the
			// main process starts the server, so only its directory is used).
			PGLITE_DATA_DIR: path.join(os.tmpdir(), `mf-e2e-${Date.now()}`),
			SEED_DEMO: '1',
			// The suite logs in hundreds of times from one address: lift only the login limit (README,
			// "Rate limits"). tests/e2e/rate-limit.spec.ts runs its own server with the real limits.
			RATE_LIMITS: 'login=100000/10m'
		}
	}
});
