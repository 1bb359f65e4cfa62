// What bench:profile's BENCH_HEAP and BENCH_TRACE_GC print: where a page's memory is allocated (V8's
// sampling heap profile, bench/server.js) and what the young-generation collections cost
// (Node's --trace-gc-nvp lines in the app's log). Figures, not tests.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { moduleOf } from './profile-summary';

interface HeapNode {
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	selfSize: number;
	children: HeapNode[];
}

/**
 * The allocation sites with the most bytes (self), per answered request, and each site's source
 * module. `requests` is the number answered while the profiler sampled (the measured run).
 */
export function renderHeapProfile(file: string, requests: number, appDir: string, top = 20): string {
	const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
	const sites = new Map<string, { bytes: number; name: string; where: string }>();
	let total = 0;
	const visit = (node: HeapNode) => {
		const frame = node.callFrame;
		if (node.selfSize) {
			total += node.selfSize;
			const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
			let site = sites.get(key);
			if (!site) {
				const where = frame.url
					? `${moduleOf(frame, appDir)} (${path.basename(frame.url)}:${frame.lineNumber + 1})`
					: '(native)';
				sites.set(key, (site = { bytes: 0, name: frame.functionName || '(anonymous)', where }));
			}
			site.bytes += node.selfSize;
		}
		for (const child of node.children) visit(child);
	};
	visit(head);
	const kb = (bytes: number) => (bytes / requests / 1024).toFixed(1).padStart(7);
	const lines = [`\nAllocated: ${kb(total).trim()} KB per request (sampled); top ${top} sites by bytes:`];
	for (const site of [...sites.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top))
		lines.push(
			`  ${((site.bytes / total) * 100).toFixed(1).padStart(5)} % ${kb(site.bytes)} KB  ${site.name.slice(0, 30).padEnd(30)}  ${site.where}`
		);
	return lines.join('\n');
}

/**
 * The young-generation collections (scavenges) and full collections in `--trace-gc-nvp` lines: how
 * often, how long the pause, and how much of what was allocated outlived the scavenge and was
 * promoted to the old generation (which the full collections then have to clear).
 */
export function renderGcTrace(log: string): string {
	const events = log
		.split('\n')
		.filter((line) => / gc=(s|mc|ms) /.test(line))
		.map((line) =>
			Object.fromEntries(line.split(/\s+/).flatMap((pair) => (pair.includes('=') ? [pair.split('=', 2)] : [])))
		);
	const scavenges = events.filter((e) => e.gc === 's');
	const full = events.filter((e) => e.gc !== 's');
	if (!scavenges.length) return '\nGC: no --trace-gc-nvp lines in the measured run.';
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
	const num = (e: Record<string, string>, key: string) => Number.parseFloat(e[key] ?? '0');
	const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
	const allocated = median(scavenges.map((e) => num(e, 'allocated')));
	const promoted = median(scavenges.map((e) => num(e, 'promoted')));
	const pauses = scavenges.map((e) => num(e, 'pause'));
	return [
		`\nGC in the measured run: ${scavenges.length} scavenges, pause median ${median([...pauses]).toFixed(1)} ms, ` +
			`max ${Math.max(...pauses).toFixed(1)} ms, every ${median(scavenges.map((e) => num(e, 'mutator'))).toFixed(0)} ms (median);`,
		`  per scavenge ${mb(allocated)} MB allocated, ${mb(promoted)} MB promoted to the old generation ` +
			`(${((promoted / allocated) * 100).toFixed(1)} % of it);`,
		`  ${full.length} full collections, pauses ${full.map((e) => num(e, 'pause').toFixed(1)).join(', ') || '–'} ms.`
	].join('\n');
}
