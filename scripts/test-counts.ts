/**
 * The counts at the end of `npm test` (scripts/test-all.sh): how many tests each stage ran, and
 * what the accessibility crawl checked (pages, axe checks, 44 px checks, focus walks, reflow
 * checks). They must not go down when the suite is made faster: a dropped test or page shows here.
 *
 * Usage: tsx scripts/test-counts.ts [logs-dir]
 *   logs-dir holds each stage's output (N.log) and name (N.name), as test-all.sh keeps them; a
 *   stage's count is read from Vitest's or Playwright's closing lines, whichever it printed.
 * The crawl's counts come from test-results/crawl-counts/*.json (one file per crawl test,
 * tests/e2e/page-checks.ts); Playwright's own summary from test-results/e2e-summary.json if present.
 */
import fs from 'node:fs';
import path from 'node:path';

// Colours, if a stage printed them to a pipe anyway (the escape character is what marks them).
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

type Tally = Record<string, number>;

/** Vitest's closing lines: " Tests  1203 passed | 2 skipped (1205)". */
function vitestTally(log: string): Tally | null {
	const line = [...log.matchAll(/^\s*Tests\s+(.+?)\s*\((\d+)\)\s*$/gm)].at(-1);
	if (!line) return null;
	const tally: Tally = { total: Number(line[2]) };
	for (const [, n, what] of line[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) tally[what] = Number(n);
	return tally;
}

/** Playwright's list reporter ends with "  123 passed (4.2m)", "  1 skipped", "  2 failed", "  1 flaky". */
function playwrightTally(log: string): Tally | null {
	const tally: Tally = {};
	for (const [, n, what] of log.matchAll(/^\s+(\d+) (passed|failed|skipped|flaky|did not run|interrupted)\b/gm))
		tally[what] = Number(n);
	return Object.keys(tally).length ? tally : null;
}

const show = (tally: Tally) =>
	Object.entries(tally)
		.map(([what, n]) => `${n} ${what}`)
		.join(', ');

const lines: string[] = [];
const logs = process.argv[2];
const stages = logs && fs.existsSync(logs) ? fs.readdirSync(logs).filter((f) => f.endsWith('.log')) : [];
for (const file of stages.sort((a, b) => parseInt(a) - parseInt(b))) {
	const log = plain(fs.readFileSync(path.join(logs, file), 'utf8'));
	const nameFile = path.join(logs, file.replace(/\.log$/, '.name'));
	const label = fs.existsSync(nameFile) ? fs.readFileSync(nameFile, 'utf8').trim() : file;
	const tally = vitestTally(log) ?? playwrightTally(log);
	if (tally) lines.push(`  ${label.padEnd(48)} tests: ${show(tally)}`);
}

// Playwright's JSON summary, when the e2e stage writes one (its `stats`, or plain numbers).
const summaryFile = 'test-results/e2e-summary.json';
if (fs.existsSync(summaryFile)) {
	try {
		const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
		const stats = summary.stats ?? summary;
		const numbers = Object.fromEntries(Object.entries(stats).filter(([, v]) => typeof v === 'number')) as Tally;
		lines.push(`  ${'e2e (test-results/e2e-summary.json)'.padEnd(48)} ${show(numbers)}`);
	} catch {
		lines.push(`  ${summaryFile} could not be read`);
	}
}

const countsDir = 'test-results/crawl-counts';
if (fs.existsSync(countsDir)) {
	const total: Tally = {};
	let tests = 0;
	for (const file of fs.readdirSync(countsDir).filter((f) => f.endsWith('.json'))) {
		const counts = JSON.parse(fs.readFileSync(path.join(countsDir, file), 'utf8'));
		tests++;
		for (const [key, value] of Object.entries(counts))
			if (typeof value === 'number') total[key] = (total[key] ?? 0) + value;
	}
	lines.push(
		`  ${'accessibility crawl'.padEnd(48)} ${tests} tests: ${total.pages ?? 0} pages checked, ${total.axe ?? 0} axe checks, ` +
			`${total.targets ?? 0} 44 px checks, ${total.focusWalks ?? 0} focus walks, ${total.reflow ?? 0} reflow checks, ` +
			`${total.bars ?? 0} header+bar measures, ` +
			`${total.screenshots ?? 0} screenshots (${total.crawlLoads ?? 0} page loads)`
	);
}

if (lines.length) {
	console.log('counts:');
	for (const line of lines) console.log(line);
}
