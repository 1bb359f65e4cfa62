// Two app servers behind a load balancer (issue 10, proof 5): the plan page through the local
// load balancer of the cluster tests (tests/cluster/proxy.ts, in its own process) to one server,
// then to two, on the PostgreSQL phase's database, with the error count under that load.

import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { config } from './config';
import { cannon, waitFor, type Throughput } from './http';
import { settle } from './noise';
import { ROOT, freePort, startApp, type AppServer, type Running } from './proc';

export interface ClusterResult {
	/** The plan page straight to one server, measured just before (the same minute's machine). */
	direct: Throughput;
	/** The plan page through the load balancer to one server. */
	one: Throughput;
	/** The same through the load balancer to two servers (round-robin). */
	two: Throughput;
}

const log = (...args: unknown[]) => console.log('  ·', ...args);

/** The load balancer in its own Node process (so autocannon and it do not share an event loop). */
async function startProxy(servers: AppServer[], logFile: string): Promise<Running & { origin: string }> {
	const port = await freePort();
	const out = openSync(logFile, 'a');
	const upstreams = servers.map((s, i) => `${String.fromCharCode(97 + i)}=${new URL(s.origin).port}`);
	// Through tsx, so any Node that runs the benchmark runs it (its loader is idle once started).
	const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
	const child = spawn(tsx, [path.join(ROOT, 'tests/cluster/proxy.ts'), String(port), ...upstreams], {
		cwd: ROOT,
		stdio: ['ignore', out, out]
	});
	const origin = `http://127.0.0.1:${port}`;
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	try {
		await waitFor(`${origin}/healthz`, 30);
	} catch (error) {
		await stop();
		throw error;
	}
	return { child, stop, origin };
}

async function hammer(origin: string, servers: AppServer[], tokens: string[]): Promise<Throughput> {
	const url = `${origin}/plan`;
	await cannon(url, { connections: 20, seconds: 2, tokens });
	for (const server of servers) await settle(server.child.pid!);
	return cannon(url, { connections: config.connections, seconds: Math.min(10, config.duration), tokens });
}

async function throughProxy(servers: AppServer[], tokens: string[], workDir: string): Promise<Throughput> {
	const proxy = await startProxy(servers, path.join(workDir, 'cluster-proxy.log'));
	try {
		return await hammer(proxy.origin, servers, tokens);
	} finally {
		await proxy.stop();
	}
}

/** Runs on the PostgreSQL phase's loaded database (its sessions in `tokens`), after its own server stopped. */
export async function runClusterPhase(opts: {
	workDir: string;
	appDir: string;
	databaseUrl: string;
	tokens: string[];
}): Promise<ClusterResult> {
	const staticDir = path.join(opts.workDir, 'cluster-static');
	mkdirSync(staticDir, { recursive: true });
	const start = (name: string) =>
		startApp({
			appDir: opts.appDir,
			env: { DATABASE_URL: opts.databaseUrl, VAPID_FILE: path.join(opts.workDir, 'vapid.json') },
			staticDir,
			logFile: path.join(opts.workDir, `cluster-${name}.log`)
		});
	const a = await start('a');
	const b = await start('b').catch(async (error) => {
		await a.stop();
		throw error;
	});
	try {
		log(`plan straight to one server: ${config.connections} connections …`);
		const direct = await hammer(a.origin, [a], opts.tokens);
		log(`direct: ${direct.rps} req/s, p99 ${direct.p99} ms, ${direct.errors + direct.non2xx} errors`);
		log('… through the load balancer to one server …');
		const one = await throughProxy([a], opts.tokens, opts.workDir);
		log(`one server: ${one.rps} req/s, p99 ${one.p99} ms, ${one.errors + one.non2xx} errors`);
		log('… and to two servers …');
		const two = await throughProxy([a, b], opts.tokens, opts.workDir);
		log(`two servers: ${two.rps} req/s, p99 ${two.p99} ms, ${two.errors + two.non2xx} errors`);
		return { direct, one, two };
	} finally {
		await Promise.all([a.stop(), b.stop()]);
	}
}

/** The table's rows (PostgreSQL column; the cluster is not run on the embedded PGlite). */
export function clusterRows(cluster: ClusterResult | undefined) {
	if (!cluster) return [];
	const row = (measure: string, postgres: string, target = '', ok: boolean | null = null) => ({
		area: 'cluster',
		page: 'plan',
		measure,
		pglite: '–',
		postgres,
		target,
		ok
	});
	const errors = (t: Throughput) => t.errors + t.non2xx;
	const figures = (t: Throughput) => `${t.rps} (${t.p50} / ${t.p99})`;
	return [
		row(`req/s (p50 / p99 ms) at ${cluster.one.connections} connections, one server direct`, figures(cluster.direct)),
		row('  … one server behind the local load balancer', figures(cluster.one)),
		row('  … two servers behind the local load balancer', figures(cluster.two)),
		row(
			'errors under that load: direct / one / two servers (timeouts, connection, non-2xx)',
			`${errors(cluster.direct)} / ${errors(cluster.one)} / ${errors(cluster.two)}`,
			'0',
			errors(cluster.one) === 0 && errors(cluster.two) === 0
		)
	];
}
