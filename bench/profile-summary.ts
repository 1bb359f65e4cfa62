// Where the app server's CPU time went: a summary of the .cpuprofile files Node writes with
// --cpu-prof (BENCH_PROFILE=1 in `npm run bench`, and `npm run bench:profile`). Self time per
// sample, grouped by what ran: the built server is bundled, but the bundler leaves a comment
// `// src/lib/server/plan/service.ts` (or `// node_modules/svelte/src/internal/server/…`) where
// each module begins, so a bundled line is attributed to the module above it.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	/** Microseconds on the monotonic clock (process.hrtime's, on Linux). */
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** A span of the monotonic clock in microseconds (process.hrtime.bigint() / 1000). */
export interface Window {
	from: number;
	to: number;
}

export interface ProfileSummary {
	files: string[];
	/** Milliseconds sampled in all, and of it idle (the event loop waiting). */
	totalMs: number;
	idleMs: number;
	requests: number;
	/**
	 * Non-idle milliseconds of the JavaScript thread per request. Samples are wall time: on a busy
	 * machine a thread waiting for a core still counts, so this is above the CPU time.
	 */
	cpuMsPerRequest: number | null;
	/** The app process's CPU ms per request from /proc over the same span, if the caller measured it. */
	procCpuMsPerRequest?: number;
	categories: Array<{ name: string; ms: number }>;
	top: Array<{ name: string; where: string; category: string; ms: number }>;
}

export const CATEGORIES = {
	drizzle: 'drizzle-orm (query building, result mapping)',
	postgres: 'postgres.js driver',
	pglite: 'PGlite (wasm + js)',
	svelte: 'Svelte SSR (svelte/internal/server + compiled components)',
	kit: '@sveltejs/kit runtime (+ adapter-node, devalue)',
	app: "the app's own code (src/, not .svelte)",
	node: 'node internals (node:http, streams, …)',
	builtin: 'V8 builtins called from nowhere else (no file)',
	packages: 'other packages (pino, pg-boss, prom-client, …)',
	gc: 'garbage collection',
	program: 'V8 itself (program: compiling, ICs, native)',
	idle: 'idle',
	other: 'other'
} as const;

const MARKER = /^\/\/ ((?:src|node_modules)\/\S+)\s*$/;

/** For each bundled file: the lines where a module begins, with its source path. */
const markerCache = new Map<string, Array<[number, string]>>();
function markersOf(file: string): Array<[number, string]> {
	let markers = markerCache.get(file);
	if (!markers) {
		markers = [];
		try {
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					const match = MARKER.exec(line);
					if (match) markers!.push([i, match[1]]);
				});
		} catch {
			// not readable (gone, or not a file): attributed by its path alone
		}
		markerCache.set(file, markers);
	}
	return markers;
}

/** The bundled file's source map (adapter-node writes one beside each file), or null. */
const mapCache = new Map<string, SourceMap | null>();
function sourceMapOf(file: string): SourceMap | null {
	if (!mapCache.has(file)) {
		try {
			mapCache.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
		} catch {
			mapCache.set(file, null);
		}
	}
	return mapCache.get(file)!;
}

/**
 * The source module of a frame: the module comment above the line in a bundled file, else what the
 * file's source map says (a package bundled in before the first comment: devalue), else the path.
 */
export function moduleOf(frame: CallFrame, appDir: string): string {
	const url = frame.url;
	if (!url.startsWith('file://')) return url;
	const file = fileURLToPath(url);
	const inApp = path.relative(appDir, file);
	if (inApp.startsWith('build' + path.sep)) {
		let module = '';
		for (const [line, name] of markersOf(file)) {
			if (line > frame.lineNumber) break;
			module = name;
		}
		if (module) return module;
		const entry = sourceMapOf(file)?.findEntry(frame.lineNumber, frame.columnNumber);
		const source = entry && 'originalSource' in entry ? entry.originalSource : '';
		const nm = source.lastIndexOf('node_modules/');
		return nm >= 0 ? source.slice(nm) : inApp;
	}
	const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
	return nm >= 0 ? file.slice(nm + 1) : path.relative(process.cwd(), file);
}

export function categoryOf(frame: CallFrame, module: string): string {
	const fn = frame.functionName;
	if (fn === '(idle)') return CATEGORIES.idle;
	if (fn === '(garbage collector)') return CATEGORIES.gc;
	if (fn === '(program)' || fn === '(root)') return CATEGORIES.program;
	if (frame.url.startsWith('wasm://') || module.includes('@electric-sql/pglite')) return CATEGORIES.pglite;
	if (module.includes('node_modules/drizzle-orm/')) return CATEGORIES.drizzle;
	if (module.includes('node_modules/postgres/')) return CATEGORIES.postgres;
	if (
		module.includes('node_modules/svelte/') ||
		module.endsWith('.svelte') ||
		/_(page|layout)\.svelte\.js/.test(module)
	)
		return CATEGORIES.svelte;
	if (
		module.includes('node_modules/@sveltejs/') ||
		module.includes('node_modules/devalue/') ||
		/^build\/(index|handler|env|shims)\.js$/.test(module) ||
		/^build\/server\/chunks\/(index\.js-|handler-|manifest\.js-|nodes\/)/.test(module)
	)
		return CATEGORIES.kit;
	if (module.startsWith('src/')) return CATEGORIES.app;
	if (frame.url.startsWith('node:')) return CATEGORIES.node;
	if (frame.url === '') return CATEGORIES.builtin;
	if (module.includes('node_modules/')) return CATEGORIES.packages;
	return CATEGORIES.other;
}

/**
 * Self time per call frame of one profile (ms), keyed by node id; with a window, only the samples
 * taken within it (the measurement, without start-up and warm-up).
 */
function selfTimes(profile: CpuProfile, window?: Window): Map<number, number> {
	const self = new Map<number, number>();
	let at = profile.startTime;
	profile.samples.forEach((id, i) => {
		const delta = profile.timeDeltas[i] ?? 0;
		at += delta;
		if (window && (at < window.from || at > window.to)) return;
		self.set(id, (self.get(id) ?? 0) + delta / 1000);
	});
	return self;
}

/** The monotonic clock now, in the profile's unit (microseconds). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Sums every .cpuprofile in `dir`; null if there is none. `requests` is what the app answered
 * meanwhile (within `window`, if one is given).
 */
export function summariseProfiles(
	dir: string,
	requests: number,
	appDir: string,
	opts: { window?: Window; top?: number } = {}
): ProfileSummary | null {
	if (!existsSync(dir)) return null;
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => path.join(dir, f));
	if (files.length === 0) return null;
	const byCategory = new Map<string, number>();
	const byFunction = new Map<string, { name: string; where: string; category: string; ms: number }>();
	let totalMs = 0;
	for (const file of files) {
		const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
		const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
		const parent = new Map<number, number>();
		for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		// The window must lie within the profile (the same clock); if not, the whole profile counts.
		const window =
			opts.window && opts.window.from < profile.endTime && opts.window.to > profile.startTime ? opts.window : undefined;
		for (const [id, ms] of selfTimes(profile, window)) {
			const frame = nodes.get(id)!.callFrame;
			const module = moduleOf(frame, appDir);
			// A native function without a file (writev, JSON.parse, a RegExp) counts for whoever
			// called it: PGlite's file writes are PGlite's cost, the HTML's JSON.stringify kit's.
			let category = categoryOf(frame, module);
			for (let up = parent.get(id); category === CATEGORIES.builtin && up !== undefined; up = parent.get(up)) {
				const caller = nodes.get(up)!.callFrame;
				if (caller.url) category = categoryOf(caller, moduleOf(caller, appDir));
			}
			totalMs += ms;
			byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
			if (category === CATEGORIES.idle) continue;
			// file:line of the bundle (1-based, as an editor shows it), and the module it belongs to.
			const bundled = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
			const where = module && module !== frame.url ? `${module} (${bundled})` : bundled || '(native)';
			const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}`;
			const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, category, ms: 0 };
			entry.ms += ms;
			byFunction.set(key, entry);
		}
	}
	const idleMs = byCategory.get(CATEGORIES.idle) ?? 0;
	return {
		files,
		totalMs,
		idleMs,
		requests,
		cpuMsPerRequest: requests > 0 ? (totalMs - idleMs) / requests : null,
		categories: [...byCategory]
			.filter(([name]) => name !== CATEGORIES.idle)
			.map(([name, ms]) => ({ name, ms }))
			.sort((a, b) => b.ms - a.ms),
		top: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, opts.top ?? 25)
	};
}

/** The first word of a category, to mark each top function with it. */
const shortCategory = (category: string) => category.replace(/^(the app's own code).*/, 'app').split(/[\s(]/)[0];

/** The summary as text: categories with their share of the busy time, then the top functions. */
export function renderProfile(s: ProfileSummary, title: string): string {
	const busy = s.totalMs - s.idleMs;
	const share = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
	// Each category's share of the process's CPU time per request (from /proc when measured: the
	// samples are wall time and overstate on a busy machine).
	const perRequest = (ms: number) => {
		const total = s.procCpuMsPerRequest ?? s.cpuMsPerRequest;
		return total === null ? '      –' : ((ms / busy) * total).toFixed(3).padStart(7);
	};
	const lines = [
		`\nProfile of the ${title}: ${(busy / 1000).toFixed(1)} s busy of ${(s.totalMs / 1000).toFixed(1)} s sampled, ` +
			`${s.requests.toLocaleString('en')} requests answered` +
			(s.cpuMsPerRequest === null ? '' : `: ${s.cpuMsPerRequest.toFixed(2)} ms per request busy in the samples`) +
			(s.procCpuMsPerRequest === undefined ? '' : `, ${s.procCpuMsPerRequest.toFixed(2)} CPU ms per request (/proc)`),
		`  ${'self time by category'.padEnd(60)}   share  CPU ms/request`
	];
	for (const c of s.categories) lines.push(`  ${c.name.padEnd(60)} ${share(c.ms)}  ${perRequest(c.ms)}`);
	lines.push(`  top ${s.top.length} functions by self time:`);
	for (const f of s.top)
		lines.push(
			`  ${share(f.ms)}  ${f.name.slice(0, 32).padEnd(32)}  ${shortCategory(f.category).padEnd(8)}  ${f.where}`
		);
	return lines.join('\n');
}
