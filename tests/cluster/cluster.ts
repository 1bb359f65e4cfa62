/**
 * Two app servers, one PostgreSQL, one load balancer, all on loopback: what the cluster tests run
 * against. The database was made and seeded by global-setup.ts; this starts the development
 * identity provider, a cuttable TCP gate in front of PostgreSQL, servers A and B (`node
 * server.js`, the production build and entry) and the load balancer, and lets a test kill, stop and
 * restart each server and cut the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import webpush from 'web-push';
import { LoadBalancer, TcpGate } from './proxy';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BASE_PORT = Number(process.env.CLUSTER_PORT ?? 5200);
export const PORTS = {
	proxy: BASE_PORT,
	a: BASE_PORT + 1,
	b: BASE_PORT + 2,
	idp: BASE_PORT + 3,
	database: BASE_PORT + 4
} as const;
/** The one origin the browser sees (cookies are per origin): the load balancer's. */
export const ORIGIN = `http://localhost:${PORTS.proxy}`;
export const ISSUER = `http://127.0.0.1:${PORTS.idp}`;
export const LOG_DIR = path.join(ROOT, 'test-results/cluster-logs');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export type ServerName = 'a' | 'b';

/** The cluster's database, straight to PostgreSQL (not through the gate). Set by global-setup.ts. */
export function databaseUrl(): string {
	const url = process.env.CLUSTER_DATABASE_URL;
	if (!url) throw new Error('CLUSTER_DATABASE_URL is not set: run through playwright.cluster.config.ts');
	return url;
}

/** The same database through the gate, as the app servers reach it. */
function gatedUrl(): string {
	const url = new URL(databaseUrl());
	url.hostname = '127.0.0.1';
	url.port = String(PORTS.database);
	return url.toString();
}

async function waitForHttp(url: string, seconds: number, child?: ChildProcess): Promise<void> {
	const deadline = Date.now() + seconds * 1000;
	for (;;) {
		if (child && (child.exitCode !== null || child.signalCode !== null))
			throw new Error(`${url}: the process ended (${child.exitCode ?? child.signalCode}) before it answered`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
		await new Promise((r) => setTimeout(r, 150));
	}
}

function exited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the process has ended, or with false after `ms`. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (exited(child)) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** How long a server told to stop keeps serving (and says it is not ready) before it closes. */
export const DRAIN_SECONDS = 2;
/** The invitation-code tries one address may make (RATE_LIMITS), low enough to reach in a test. */
export const INVITATION_TRIES = 5;

/** One app server: the production build in its own Node process. */
export class AppServer {
	readonly name: ServerName;
	readonly port: number;
	child: ChildProcess | null = null;
	/** Set once a test has signalled the process; ensureUp() replaces it. */
	signalled: NodeJS.Signals | null = null;
	readonly #env: Record<string, string>;

	constructor(name: ServerName, port: number, env: Record<string, string>) {
		this.name = name;
		this.port = port;
		this.#env = env;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== null && !exited(this.child);
	}

	async start(): Promise<void> {
		mkdirSync(LOG_DIR, { recursive: true });
		const log = openSync(path.join(LOG_DIR, `server-${this.name}.log`), 'a');
		const child = spawn(process.execPath, ['server.js'], {
			cwd: ROOT,
			stdio: ['ignore', log, log],
			env: { ...process.env, ...this.#env, PORT: String(this.port) }
		});
		closeSync(log);
		this.child = child;
		this.signalled = null;
		await waitForHttp(`${this.url}/healthz`, 60, child);
	}

	/** Sends a signal; returns at once (use waitForExit for the end). */
	signal(signal: NodeJS.Signals): void {
		if (!this.child || !this.running) throw new Error(`server ${this.name} is not running`);
		this.signalled = signal;
		this.child.kill(signal);
	}

	/** SIGKILL: the process is gone at once, mid-request, as in a crash or an OOM kill. */
	async kill(): Promise<void> {
		if (!this.child || !this.running) return;
		this.signal('SIGKILL');
		await waitForExit(this.child, 10_000);
	}

	async stop(): Promise<void> {
		if (!this.child || !this.running) return;
		this.child.kill('SIGTERM');
		if (!(await waitForExit(this.child, 5000))) {
			this.child.kill('SIGKILL');
			await waitForExit(this.child, 5000);
		}
	}
}

export class Cluster {
	readonly proxy: LoadBalancer;
	readonly gate: TcpGate;
	readonly servers: Record<ServerName, AppServer>;
	/** Straight to PostgreSQL, for the tests' own checks (works while the gate is cut). */
	readonly sql: postgres.Sql;
	#idp: ChildProcess | null = null;

	private constructor() {
		const direct = new URL(databaseUrl());
		this.gate = new TcpGate(PORTS.database, { host: direct.hostname, port: Number(direct.port) });
		const vapid = webpush.generateVAPIDKeys();
		const env: Record<string, string> = {
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			ORIGIN,
			DATABASE_URL: gatedUrl(),
			DATABASE_POOL_SIZE: '5',
			OIDC_ISSUER: ISSUER,
			OIDC_REDIRECT_URI: `${ORIGIN}/auth/callback`,
			OIDC_POST_LOGOUT_REDIRECT_URI: `${ORIGIN}/`,
			// The same keys on every server, as in production (each would otherwise make its own file).
			VAPID_PUBLIC_KEY: vapid.publicKey,
			VAPID_PRIVATE_KEY: vapid.privateKey,
			// A server told to stop says it is not ready and serves on for DRAIN_SECONDS, then closes
			// its listener and finishes its requests within SHUTDOWN_TIMEOUT, then closes what is left.
			SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
			SHUTDOWN_TIMEOUT: '30',
			// Both servers work jobs, and look for due meeting reminders every 2 s, not every minute.
			JOBS: '1',
			JOBS_REMINDER_SWEEP_SECONDS: '2',
			// A window of a day, so it cannot end in the middle of a test.
			RATE_LIMITS: `invitation-ip=${INVITATION_TRIES}/24h`,
			LOG_LEVEL: 'info'
		};
		this.servers = { a: new AppServer('a', PORTS.a, env), b: new AppServer('b', PORTS.b, env) };
		this.proxy = new LoadBalancer(PORTS.proxy, [
			{ name: 'a', port: PORTS.a },
			{ name: 'b', port: PORTS.b }
		]);
		this.sql = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
	}

	static async start(): Promise<Cluster> {
		const cluster = new Cluster();
		try {
			await cluster.#startIdp();
			await cluster.gate.mend();
			await Promise.all([cluster.servers.a.start(), cluster.servers.b.start()]);
			await cluster.proxy.start();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	async #startIdp(): Promise<void> {
		mkdirSync(LOG_DIR, { recursive: true });
		const log = openSync(path.join(LOG_DIR, 'idp.log'), 'a');
		const idp = spawn(TSX, ['scripts/dev-idp.ts'], {
			cwd: ROOT,
			stdio: ['ignore', log, log],
			env: {
				...process.env,
				DEV_IDP_PORT: String(PORTS.idp),
				OIDC_ISSUER: ISSUER,
				OIDC_REDIRECT_URI: `${ORIGIN}/auth/callback`,
				OIDC_POST_LOGOUT_REDIRECT_URI: `${ORIGIN}/`
			}
		});
		closeSync(log);
		this.#idp = idp;
		await waitForHttp(`${ISSUER}/.well-known/openid-configuration`, 60, idp);
	}

	/** Before each test: the database reachable, both servers up (fresh if a test signalled one), round-robin. */
	async ensureUp(): Promise<void> {
		await this.gate.mend();
		for (const server of Object.values(this.servers)) {
			if (server.running && server.signalled === null) continue;
			if (server.running) await server.kill();
			await server.start();
		}
		this.proxy.roundRobin();
		this.proxy.retryIdempotent = true;
		this.proxy.checkHealth(null);
		this.proxy.resetStats();
	}

	async stop(): Promise<void> {
		await this.proxy.stop().catch(() => {});
		// Throwaway servers: no need to wait for a graceful end.
		await Promise.all(Object.values(this.servers).map((s) => s.kill()));
		await this.gate.cut().catch(() => {});
		if (this.#idp && !exited(this.#idp)) {
			this.#idp.kill('SIGTERM');
			await waitForExit(this.#idp, 5000);
		}
		await this.sql.end({ timeout: 2 });
	}
}
