// Settings of `npm run bench`, all from the environment, with defaults that keep the whole run
// under ten minutes on a 2-core machine. See docs/benchmarks.md, "Settings".

const num = (name: string, fallback: number) => {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got "${raw}"`);
	return value;
};

export const config = {
	/** Citizens in the generated load (each with a course, goals, delmål, diary, meetings, log, access log). */
	citizens: num('BENCH_CITIZENS', 2000),
	/** Seconds of autocannon per page. */
	duration: num('BENCH_DURATION', 20),
	/** Seconds of autocannon for the static copy of a page (it is the reference, and steadier). */
	staticDuration: num('BENCH_STATIC_DURATION', 5),
	/** Concurrent connections of the throughput runs. */
	connections: num('BENCH_CONNECTIONS', 100),
	/** Sequential requests per page and history size in the growth test (the p50 is reported). */
	growthRequests: num('BENCH_GROWTH_REQUESTS', 100),
	/** Logged-in citizens the throughput runs rotate through (one session each). */
	sessions: num('BENCH_SESSIONS', 200),
	/** 0 skips the PostgreSQL part, the minimal SvelteKit page, Lighthouse or the browser run. */
	postgres: num('BENCH_POSTGRES', 1) !== 0,
	minimal: num('BENCH_MINIMAL', 1) !== 0,
	/** 0 skips the two servers behind the local load balancer (after the PostgreSQL part). */
	cluster: num('BENCH_CLUSTER', 1) !== 0,
	lighthouse: num('BENCH_LIGHTHOUSE', 1) !== 0,
	client: num('BENCH_CLIENT', 1) !== 0,
	chromium: process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium'
};

/** Flags for Debian's Chromium: headless, no sandbox (containers), and no traffic of its own. */
export const CHROMIUM_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-default-apps',
	'--disable-extensions',
	'--disable-domain-reliability',
	'--metrics-recording-only',
	'--no-default-browser-check'
];

/** The citizen pages, in the order of the table. `optional` pages are skipped if they answer 404. */
export const CITIZEN_PAGES = [
	{ key: 'home', path: '/', label: 'home (/)' },
	{ key: 'plan', path: '/plan', label: 'plan' },
	{ key: 'meetings', path: '/moeder', label: 'meetings (/moeder)', optional: true },
	{ key: 'diary', path: '/dagbog', label: 'diary (/dagbog)', optional: true },
	{ key: 'crisis', path: '/kriseplan', label: 'crisis plan', optional: true }
] as const;

export type PageKey = (typeof CITIZEN_PAGES)[number]['key'];

/** Pages measured for throughput and growth (the home, plan and meetings). */
export const SERVER_PAGES: PageKey[] = ['home', 'plan', 'meetings'];
/** Pages in Lighthouse (home, plan, meetings, crisis plan). */
export const LIGHTHOUSE_PAGES: PageKey[] = ['home', 'plan', 'meetings', 'crisis'];
/** Pages in the growth test: home and plan are the target; the others are shown for information. */
export const GROWTH_PAGES: PageKey[] = ['home', 'plan', 'meetings', 'diary', 'crisis'];
export const GROWTH_FACTORS = [1, 10, 100] as const;
