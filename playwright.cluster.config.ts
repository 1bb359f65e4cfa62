import { defineConfig } from '@playwright/test';
import { ORIGIN } from './tests/cluster/cluster';

// Two app servers on one PostgreSQL behind a local load balancer (tests/cluster/). Run with
// `npm run test:cluster`, which starts a throwaway PostgreSQL (scripts/with-postgres.sh) around it.
// Ports: CLUSTER_PORT (default 5200) for the load balancer, +1 and +2 for servers A and B,
// +3 for the development identity provider, +4 for the gate in front of PostgreSQL.

// Plain-http cookies on localhost: never inherit a developer's setting.
delete process.env.SESSION_SECURE_COOKIE;

export default defineConfig({
	testDir: 'tests/cluster',
	outputDir: 'test-results/cluster',
	globalSetup: './tests/cluster/global-setup.ts',
	// One cluster, and tests that kill its servers: one at a time.
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/cluster' }]],
	use: {
		baseURL: ORIGIN,
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
	]
});
