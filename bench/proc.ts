// Child processes of the benchmark: the app server (bench/server.js), a throwaway PostgreSQL
// (scripts/with-postgres.sh), the minimal SvelteKit page. Each is stopped by its own pid.

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, openSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { get, waitFor } from './http';
import { setOwnPostgresPort } from './noise';

export const ROOT = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
			);
		});
	});
}

export interface Running {
	child: ChildProcess;
	stop: () => Promise<void>;
}

function stopper(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceSeconds = 10): () => Promise<void> {
	return () =>
		new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const timer = setTimeout(() => child.kill('SIGKILL'), graceSeconds * 1000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill(signal);
		});
}

const running = new Set<() => Promise<void>>();
/** Stops everything still running (on an error or Ctrl-C). */
export async function stopAll() {
	await Promise.all([...running].map((stop) => stop()));
}

function track(child: ChildProcess, signal?: NodeJS.Signals, graceSeconds?: number): Running {
	const stop = stopper(child, signal, graceSeconds);
	const wrapped = async () => {
		running.delete(wrapped);
		await stop();
	};
	running.add(wrapped);
	return { child, stop: wrapped };
}

/**
 * Copies build/, drizzle/ and package.json into `workDir/app` (with node_modules linked), so that another
 * `vite build` in the shared tree during the run cannot pull lazily loaded modules from under the
 * server. Returns the directory to run the app in.
 */
export function snapshotBuild(workDir: string): string {
	const appDir = path.join(workDir, 'app');
	mkdirSync(appDir, { recursive: true });
	cpSync(path.join(ROOT, 'build'), path.join(appDir, 'build'), { recursive: true });
	cpSync(path.join(ROOT, 'drizzle'), path.join(appDir, 'drizzle'), { recursive: true });
	cpSync(path.join(ROOT, 'package.json'), path.join(appDir, 'package.json')); // "type": "module" for build/
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
	return appDir;
}

export interface AppServer extends Running {
	origin: string;
	staticOrigin: string;
}

/** Starts the built app with its static twin in one Node process (bench/server.js) and waits until it answers. */
export async function startApp(opts: {
	/** Where build/ is (a snapshot from snapshotBuild). */
	appDir: string;
	env: Record<string, string>;
	staticDir: string;
	logFile: string;
	/** Runs the server with --cpu-prof: the profile is written there when it stops (SIGTERM). */
	profileDir?: string;
	/** More flags for Node (bench:profile's BENCH_TRACE_GC: --trace-gc-nvp). */
	nodeArgs?: string[];
}): Promise<AppServer> {
	const port = await freePort();
	const staticPort = await freePort();
	const log = openSync(opts.logFile, 'a');
	const profile = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
	const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...profile, path.join(ROOT, 'bench/server.js')], {
		cwd: opts.appDir,
		stdio: ['ignore', log, log],
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			BENCH_STATIC_PORT: String(staticPort),
			BENCH_STATIC_DIR: opts.staticDir,
			...opts.env
		}
	});
	// Writing a profile of some minutes takes a few seconds after the SIGTERM: do not kill it meanwhile.
	const proc = track(child, 'SIGTERM', opts.profileDir ? 120 : 10);
	const origin = `http://127.0.0.1:${port}`;
	try {
		await waitFor(`${origin}/healthz`, 90);
	} catch (error) {
		await proc.stop();
		throw new Error(`the app did not start (log: ${opts.logFile}): ${error}`, { cause: error });
	}
	return { ...proc, origin, staticOrigin: `http://127.0.0.1:${staticPort}` };
}

/**
 * A throwaway PostgreSQL on loopback through scripts/with-postgres.sh (the same server CI uses):
 * it runs a shell that prints the URL and waits on its stdin; closing stdin (or our exit) ends it,
 * and the script stops the server and deletes its data.
 */
export async function startPostgres(logFile: string): Promise<Running & { url: string }> {
	const log = openSync(logFile, 'a');
	const child = spawn(
		'bash',
		[path.join(ROOT, 'scripts/with-postgres.sh'), 'bash', '-c', 'echo "BENCH_PG_URL=$TEST_DATABASE_URL"; read -r _'],
		{ cwd: ROOT, stdio: ['pipe', 'pipe', log] }
	);
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /BENCH_PG_URL=(\S+)/.exec(out);
			if (match) {
				setOwnPostgresPort(Number(new URL(match[1]).port));
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`PostgreSQL did not start (exit ${code}); see ${logFile}`)));
	});
	const stop = async () => {
		if (child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.stdin!.end('\n');
		});
	};
	const wrapped = async () => {
		running.delete(wrapped);
		await stop();
		setOwnPostgresPort(null);
	};
	running.add(wrapped);
	return { child, stop: wrapped, url };
}

/** Runs a command to its end; rejects on a non-zero exit. Output goes to the log file. */
export function runToEnd(cmd: string, args: string[], opts: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv }) {
	const log = openSync(opts.logFile, 'a');
	return new Promise<void>((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', log, log], env: opts.env ?? process.env });
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}; see ${opts.logFile}`))
		);
	});
}

/** Starts another adapter-node build (through bench/server.js) and waits until `probe` answers. */
export async function startNode(
	entry: string,
	opts: { cwd: string; env: Record<string, string>; logFile: string; probe: string }
) {
	const log = openSync(opts.logFile, 'a');
	const child = spawn(process.execPath, [path.join(ROOT, 'bench/server.js')], {
		cwd: opts.cwd,
		stdio: ['ignore', log, log],
		env: { ...process.env, NODE_ENV: 'production', ...opts.env, BENCH_APP_ENTRY: entry }
	});
	const proc = track(child);
	try {
		await waitFor(opts.probe, 60);
		await get(opts.probe);
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return proc;
}
