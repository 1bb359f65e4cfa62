// Settings of `npm run bench`, all from the environment, with defaults that keep the whole run
// within about 15 minutes on a 2-core machine. See bench/README.md, "Settings".

const num = (name: string, fallback: number) => {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got "${raw}"`);
	return value;
};

/**
 * Every page the throughput runs measure, in the order of the table: the citizen's pages (each
 * request as one of BENCH_SESSIONS citizens) and the two busiest staff pages (as one of
 * BENCH_STAFF_SESSIONS mentors; a citizen's plan as one of the citizens in that mentor's caseload).
 */
export const PAGES = [
	{ key: 'home', path: '/', label: 'home (/)', who: 'citizen' },
	{ key: 'plan', path: '/plan', label: 'plan', who: 'citizen' },
	{ key: 'meetings', path: '/moeder', label: 'meetings (/moeder)', who: 'citizen' },
	{ key: 'diary', path: '/dagbog', label: 'diary (/dagbog)', who: 'citizen' },
	{ key: 'logbog', path: '/logbog', label: 'logbog', who: 'citizen' },
	{ key: 'crisis', path: '/kriseplan', label: 'crisis plan', who: 'citizen' },
	{ key: 'mere', path: '/mere', label: 'mere', who: 'citizen' },
	{ key: 'minDag', path: '/min-dag', label: 'Min dag (/min-dag)', who: 'citizen' },
	{ key: 'topics', path: '/tal-om', label: 'topics (/tal-om)', who: 'citizen' },
	{ key: 'staff', path: '/staff', label: 'caseload (/staff)', who: 'staff' },
	{ key: 'staffPlan', path: '/staff/citizens/:id', label: "a citizen's plan (staff)", who: 'staff' }
] as const;

export type PageKey = (typeof PAGES)[number]['key'];

function pageList(raw: string | undefined): PageKey[] {
	const all = PAGES.map((p) => p.key) as PageKey[];
	if (!raw) return all;
	const wanted = raw
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean);
	const unknown = wanted.filter((k) => !all.includes(k as PageKey));
	if (unknown.length) throw new Error(`BENCH_PAGES: unknown ${unknown.join(', ')}; the pages are ${all.join(', ')}`);
	return all.filter((k) => wanted.includes(k));
}

export const config = {
	/** Citizens in the generated load (each with a course, goals, delmål, diary, meetings, log, access log). */
	citizens: num('BENCH_CITIZENS', 2000),
	/** Seconds of autocannon per page at `connections` (100). */
	duration: num('BENCH_DURATION', 10),
	/** Seconds of autocannon per page at `fewConnections` (10: the latency target). */
	shortDuration: num('BENCH_SHORT_DURATION', 5),
	/** Seconds of autocannon for the static copy of the plan page (it is the reference, and steadier). */
	staticDuration: num('BENCH_STATIC_DURATION', 5),
	/** Concurrent connections of the throughput runs: many, then few. */
	connections: num('BENCH_CONNECTIONS', 100),
	fewConnections: num('BENCH_FEW_CONNECTIONS', 10),
	/** Sequential requests per page and history size in the growth test (the p50 is reported). */
	growthRequests: num('BENCH_GROWTH_REQUESTS', 50),
	/** Logged-in citizens the throughput runs rotate through (one session each). */
	sessions: num('BENCH_SESSIONS', 200),
	/** Logged-in mentors the staff pages rotate through, and the citizens each is assigned to. */
	staffSessions: num('BENCH_STAFF_SESSIONS', 5),
	caseload: Math.max(1, num('BENCH_CASELOAD', 25)),
	/** Lighthouse runs per page (the median is reported, with the spread). */
	lighthouseRuns: Math.max(1, num('BENCH_LIGHTHOUSE_RUNS', 3)),
	/** Only these pages (keys of PAGES, comma-separated), for quick iteration; empty: all. */
	pages: pageList(process.env.BENCH_PAGES),
	/** 0 skips the PGlite phase (and with it the browser and Lighthouse, which run against it). */
	pglite: num('BENCH_PGLITE', 1) !== 0,
	/** An earlier latest.json: its figures are shown beside the new ones (before → after). */
	before: process.env.BENCH_BEFORE || null,
	/** 1 runs the app servers with --cpu-prof and prints where their CPU time went. */
	profile: num('BENCH_PROFILE', 0) !== 0,
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

/**
 * The citizen pages of the budget check (bench/budget.ts, part of `npm test`), unchanged.
 * `optional` pages are skipped if they answer 404.
 */
export const CITIZEN_PAGES = [
	{ key: 'home', path: '/', label: 'home (/)' },
	{ key: 'plan', path: '/plan', label: 'plan' },
	{ key: 'meetings', path: '/moeder', label: 'meetings (/moeder)', optional: true },
	{ key: 'diary', path: '/dagbog', label: 'diary (/dagbog)', optional: true },
	{ key: 'crisis', path: '/kriseplan', label: 'crisis plan', optional: true },
	{ key: 'minDag', path: '/min-dag', label: 'Min dag (/min-dag)', optional: true },
	{ key: 'topics', path: '/tal-om', label: 'topics (/tal-om)', optional: true }
] as const satisfies ReadonlyArray<{ key: PageKey; path: string; label: string; optional?: boolean }>;

/** Pages in Lighthouse (home, plan, meetings, diary, crisis plan: the quiet measurement). */
export const LIGHTHOUSE_PAGES: PageKey[] = ['home', 'plan', 'meetings', 'diary', 'crisis'];
/** Pages in the growth test: home and plan are the target; the others are shown for information. */
export const GROWTH_PAGES: PageKey[] = ['home', 'plan', 'meetings', 'diary', 'crisis'];
export const GROWTH_FACTORS = [1, 10, 100] as const;
