/**
 * `npm run budget`: the small CI budget check. Builds the app if build/ is missing or older than
 * the sources, serves it on an embedded PGlite with the demo seed, and checks DESIGN.md's budgets
 * that do not depend on the machine's speed, so it fails only on a real regression:
 *   - every citizen page's first visit loads ≤ 60 KB gzip of JavaScript before its load event
 *     (what it imports once it is up, the update prompt's workbox-window, is printed beside it),
 *   - and transfers ≤ 200 KB in all (the page's own requests; the service worker's precache,
 *     which follows in the background, is reported but not counted),
 *   - Lighthouse (mobile) Accessibility = 100 on the home page, logged in.
 * Prints one line per check and "N passed, N failed"; exits 1 if any failed. BUDGET_FILES=1 also
 * lists each page's scripts with their gzip size, largest first.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/index';
import { firstVisit, launchChromium } from './client';
import type { PageKey } from './config';
import { lighthouseScores } from './lighthouse';
import { loadDemo } from './load';
import { ROOT, runToEnd, snapshotBuild, startApp, stopAll } from './proc';
import { TARGETS } from './report';
import { availablePages, pageByKey } from './server-phase';

const KB = 1024;

/** The newest modification time under a path (files only). */
function newest(p: string): number {
	if (!existsSync(p)) return 0;
	const stat = statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'mf-budget-'));
const checks: Array<{ name: string; ok: boolean; detail: string }> = [];
const check = (name: string, ok: boolean, detail: string) => {
	checks.push({ name, ok, detail });
	console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}: ${detail}`);
};
let failedToRun = false;

try {
	const built = newest(path.join(ROOT, 'build/handler.js'));
	const sources = Math.max(
		...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) =>
			newest(path.join(ROOT, p))
		)
	);
	if (process.env.BUDGET_BUILD === '1' || built === 0 || built < sources) {
		console.log('budget: building the app (vite build) …');
		await runToEnd(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: ROOT,
			logFile: path.join(workDir, 'build.log')
		});
	} else console.log('budget: build/ is newer than the sources; reusing it');

	const appDir = snapshotBuild(workDir);
	const dataDir = path.join(workDir, 'pglite');
	const database = await openDatabase({ dataDir, migrationsFolder: path.join(appDir, 'drizzle') });
	let token: string;
	try {
		({ token } = await loadDemo(database.db));
	} finally {
		await database.close();
	}
	const app = await startApp({
		appDir,
		env: { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir, VAPID_FILE: path.join(workDir, 'vapid.json') },
		staticDir: workDir,
		logFile: path.join(workDir, 'app.log')
	});
	try {
		const { ok: pages, missing } = await availablePages(app.origin, token);
		if (missing.length) console.log(`budget: not built yet (404), left out: ${missing.join(', ')}`);

		const browser = await launchChromium();
		try {
			for (const key of pages) {
				const page = pageByKey(key);
				const c = await firstVisit(browser, app.origin, page.path, token, appDir);
				const top = c.topJs
					.slice(0, 3)
					.map((f) => `${f.file} ${(f.gzip / KB).toFixed(1)}`)
					.join(', ');
				// BUDGET_FILES=1 lists every script the page loaded, to find what grew.
				if (process.env.BUDGET_FILES === '1')
					for (const f of c.topJs) console.log(`      ${(f.gzip / KB).toFixed(1).padStart(5)} KB  ${f.file}`);
				check(
					`${page.path} JavaScript (gzip)`,
					c.jsGzip <= TARGETS.jsKb * KB,
					`${(c.jsGzip / KB).toFixed(1)} KB in ${c.jsFiles} files before the load event (budget ${TARGETS.jsKb} KB; ` +
						`largest: ${top}); after it: ${(c.jsAfterLoadGzip / KB).toFixed(1)} KB`
				);
				check(
					`${page.path} first visit transferred`,
					c.pageTransfer <= TARGETS.transferKb * KB,
					`${(c.pageTransfer / KB).toFixed(1)} KB (budget ${TARGETS.transferKb} KB; then the service worker precaches ${(c.swTransfer / KB).toFixed(1)} KB)`
				);
			}
		} finally {
			await browser.close();
		}

		const home: PageKey = 'home';
		let [scores] = await lighthouseScores(app.origin, [pageByKey(home).path], token);
		if (scores.error) [scores] = await lighthouseScores(app.origin, [pageByKey(home).path], token); // one retry: a browser hiccup is not a regression
		check(
			'/ Lighthouse accessibility (mobile, logged in)',
			scores.accessibility === TARGETS.accessibility,
			scores.error
				? `Lighthouse failed: ${scores.error}`
				: `${scores.accessibility} (must be ${TARGETS.accessibility}${scores.failing.length ? `; losing points: ${scores.failing.join(', ')}` : ''})`
		);
	} finally {
		await app.stop();
	}
} catch (error) {
	failedToRun = true;
	console.error(`budget: could not run: ${error instanceof Error ? error.stack : error}`);
	console.error(`budget: logs kept in ${workDir}`);
} finally {
	await stopAll();
}

const failed = checks.filter((c) => !c.ok).length + (failedToRun ? 1 : 0);
console.log(`\nbudget: ${checks.length - checks.filter((c) => !c.ok).length} passed, ${failed} failed`);
if (!failedToRun) rmSync(workDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
