import { defineConfig } from '@playwright/test';
import { MOBILE_USER_AGENT } from './tests/e2e/fixtures';

// The e2e servers run with plain-http cookies on localhost: never inherit a developer's setting.
delete process.env.SESSION_SECURE_COOKIE;

/**
 * Each worker runs its own app server on its own copy of one migrated and seeded database
 * (tests/e2e/global-setup.ts makes it, tests/e2e/fixtures.ts starts the server), on ports from
 * E2E_PORT on (E2E_PORT lets several checkouts run their suites side by side on one machine). A
 * spec file runs in one worker, its tests in order; files run side by side (E2E_WORKERS, 2).
 */
export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [
		['list'],
		['html', { open: 'never', outputFolder: 'playwright-report' }],
		// The counts for scripts/test-all.sh's summary.
		['json', { outputFile: 'test-results/e2e-summary.json' }]
	],
	use: {
		// baseURL: the worker's own server (tests/e2e/fixtures.ts).
		// Each page would otherwise install the service worker; tests/e2e/pwa.spec.ts allows it where it matters.
		serviceWorkers: 'block',
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		screenshot: 'only-on-failure',
		// A trace records every action (snapshots and a screencast): it costs a lot of CPU, so only a
		// retry records one (CI retries once). Locally: npx playwright test --trace on.
		trace: 'on-first-retry'
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
				userAgent: MOBILE_USER_AGENT,
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
						'--disable-quic',
						// Chromium's fake camera and microphone, allowed without asking (meetings.spec.ts's
						// camera test). For every spec: a spec with its own launch options gets workers
						// of its own, started anew and run after all the others.
						'--use-fake-device-for-media-stream',
						'--use-fake-ui-for-media-stream'
					]
				}
			}
		}
	]
});
