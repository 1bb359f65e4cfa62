import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { checkA11y, loginAs, type Loa } from '../e2e/fixtures';
import { Cluster, LOG_DIR, ORIGIN } from './cluster';

const SERVER_LOGS = ['server-a.log', 'server-b.log'];
const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * What the servers warned of or failed with while one test ran (pino levels 40 and up), at most
 * `max` lines each. Printed when a test fails: the stage's output is all CI keeps, and the
 * end-to-end stage that runs next empties test-results/, where the whole logs are.
 */
function warningsSince(offsets: Map<string, number>, max = 40): string {
	const parts: string[] = [];
	for (const [name, offset] of offsets) {
		const file = path.join(LOG_DIR, name);
		const added = readFileSync(file).subarray(offset).toString('utf8').split('\n');
		const serious = added.filter((line) => {
			const level = /"level":(\d+)/.exec(line)?.[1];
			return level ? Number(level) >= 40 : line.trim() !== '' && !line.startsWith('{');
		});
		if (serious.length === 0) continue;
		const shown = serious.slice(-max).map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
		parts.push(
			`--- ${name}: ${serious.length} warnings or errors during the test (last ${shown.length}) ---`,
			...shown
		);
	}
	return parts.join('\n');
}

interface TestFixtures {
	/** Logs a page in as a demo person through the load balancer (wherever it sends the requests). */
	loginAs: (page: Page, subject: string, loa?: Loa) => Promise<void>;
	axe: (page?: Page) => Promise<void>;
	/** Before each test: the database reachable and both servers up, round-robin. */
	upAndRunning: void;
}

interface WorkerFixtures {
	cluster: Cluster;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
	cluster: [
		// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring
		async ({}, use) => {
			const cluster = await Cluster.start();
			try {
				await use(cluster);
			} finally {
				await cluster.stop();
			}
		},
		{ scope: 'worker', timeout: 120_000 }
	],
	upAndRunning: [
		async ({ cluster }, use, testInfo) => {
			await cluster.ensureUp();
			const offsets = new Map(SERVER_LOGS.map((name) => [name, sizeOf(path.join(LOG_DIR, name))]));
			await use();
			if (testInfo.status !== testInfo.expectedStatus) {
				const warnings = warningsSince(offsets);
				if (warnings) {
					console.log(`Server logs for "${testInfo.title}":\n${warnings}`);
					await testInfo.attach('server warnings', { body: warnings, contentType: 'text/plain' });
				}
			}
		},
		{ auto: true, timeout: 90_000 }
	],
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring
	loginAs: async ({}, use) => {
		await use((page, subject, loa = 'Substantial') => loginAs(page, subject, loa, ORIGIN));
	},
	axe: async ({ page }, use) => {
		await use((target = page) => checkA11y(target));
	}
});

export { expect, ORIGIN };
