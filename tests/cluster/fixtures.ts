import { test as base, expect, type Page } from '@playwright/test';
import { checkA11y, loginAs, type Loa } from '../e2e/fixtures';
import { Cluster, ORIGIN } from './cluster';

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
		async ({ cluster }, use) => {
			await cluster.ensureUp();
			await use();
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
