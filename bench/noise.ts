// How busy the machine was with OTHER work while we measured: the CPU time of all processes
// (/proc/stat) minus that of the benchmark's own process tree (this process, its children, and
// the throwaway PostgreSQL's processes). On a shared machine, this says how far to trust req/s.
// Linux only; elsewhere it reports nothing.

import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function busyTicks(): number | null {
	try {
		const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		// user nice system idle iowait irq softirq steal
		return cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
	} catch {
		return null;
	}
}

interface Proc {
	pid: number;
	ppid: number;
	ticks: number;
	cmd: string;
}

function processes(): Proc[] {
	const list: Proc[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// fields after the command: state ppid … utime(11) stime(12) cutime(13) cstime(14)
			const ticks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
			const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
			list.push({ pid: Number(name), ppid: Number(rest[1]), ticks, cmd });
		} catch {
			// gone meanwhile
		}
	}
	return list;
}

/** CPU ticks of the processes under `roots` (each with its descendants). */
function treeTicks(list: Proc[], roots: Proc[]): number {
	const children = new Map<number, Proc[]>();
	for (const p of list) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
	let ticks = 0;
	const seen = new Set<number>();
	const walk = (p: Proc) => {
		if (seen.has(p.pid)) return;
		seen.add(p.pid);
		ticks += p.ticks;
		for (const c of children.get(p.pid) ?? []) walk(c);
	};
	roots.forEach(walk);
	return ticks;
}

/** The postmaster of our own PostgreSQL (its command line names our port); its backends are its children. */
const isOwnPostgres = (p: Proc) => pgPort !== null && /\bpostgres\b/.test(p.cmd) && p.cmd.includes(`-p ${pgPort}`);

/** Our tree: this process and its descendants, and our PostgreSQL with its backends. */
function ownTicks(): number {
	const list = processes();
	return treeTicks(
		list,
		list.filter((p) => p.pid === process.pid || isOwnPostgres(p))
	);
}

/** CPU seconds so far of one process (the app server), and of our PostgreSQL with its backends. */
export function cpuSeconds(pid: number): { app: number; db: number } {
	const list = processes();
	const app = list.find((p) => p.pid === pid);
	return { app: (app?.ticks ?? 0) / TICK, db: treeTicks(list, list.filter(isOwnPostgres)) / TICK };
}

export interface Noise {
	/** CPU seconds used by other processes per second of wall time (2 = both cores busy). */
	otherCores: number;
	seconds: number;
}

let pgPort: number | null = null;
/** The port of the benchmark's own PostgreSQL, whose processes count as ours (null: none). */
export function setOwnPostgresPort(port: number | null) {
	pgPort = port;
}

/** Starts a measurement; call the returned function at the end. */
export function noiseMeter(): () => Noise | null {
	const startBusy = busyTicks();
	if (startBusy === null) return () => null;
	const startOwn = ownTicks();
	const started = performance.now();
	return () => {
		const seconds = (performance.now() - started) / 1000;
		const busy = (busyTicks() ?? startBusy) - startBusy;
		const own = ownTicks() - startOwn;
		return { otherCores: Math.max(0, (busy - own) / TICK / seconds), seconds };
	};
}

/**
 * Waits until the server process is idle (under a tenth of a core for half a second), at most
 * `maxSeconds`. After autocannon stops, the server still works through the requests it had
 * accepted; the next measurement must not pay for them. Returns the seconds waited.
 */
export async function settle(pid: number, maxSeconds = 30): Promise<number> {
	const started = performance.now();
	let last = cpuSeconds(pid);
	let quiet = 0;
	while (performance.now() - started < maxSeconds * 1000) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = cpuSeconds(pid);
		const busy = now.app - last.app + (now.db - last.db);
		last = now;
		quiet = busy <= 0.025 ? quiet + 1 : 0;
		if (quiet >= 2) break;
	}
	return (performance.now() - started) / 1000;
}

/**
 * Waits until other processes use less than `cores` of the CPU over a second, at most
 * `maxSeconds`; returns the seconds waited and the last second's figure. Lighthouse multiplies what
 * it observes by its simulated slowdown, so a run on a busy machine scores lower (bench/README.md).
 */
export async function quietMachine(
	maxSeconds = 20,
	cores = 0.3
): Promise<{ seconds: number; otherCores: number | null }> {
	const started = performance.now();
	for (;;) {
		const meter = noiseMeter();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const other = meter()?.otherCores ?? null;
		const seconds = (performance.now() - started) / 1000;
		if (other === null || other < cores || seconds >= maxSeconds) return { seconds, otherCores: other };
	}
}
