/**
 * A tiny load balancer for the two-server tests and `npm run bench`: one origin in front of
 * several app servers on loopback, as a municipality's load balancer would be.
 *
 * - Round-robin by default; `pin(name)` sends every new request to one server first (a test's
 *   "log in through A, then use B"); a request with `x-cluster-upstream: name` goes to that one.
 * - A server that refuses the connection (dead, or shutting down and no longer listening) is
 *   skipped and the request goes to the next one: nothing was sent, so any request may go again.
 * - A GET or HEAD whose connection broke before any answer came is sent to the next server, as
 *   nginx does by default (`proxy_next_upstream error`); `retryIdempotent = false` turns that off.
 *   Any other request that reached a server whose connection then broke is NOT sent again (it
 *   may have changed something): the client gets a 502, and counts it. The client decides.
 * - One new upstream connection per request (no keep-alive to the servers), so a server that
 *   closes while idle never turns into a reset of a request it never saw.
 * - Optionally (`checkHealth`) a server whose health check fails gets no new requests.
 *
 * Only node: imports and erasable TypeScript, so `node tests/cluster/proxy.ts PORT a=PORT b=PORT`
 * runs it on its own (the benchmark does, so the proxy has its own event loop).
 */
import { request, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

export interface Upstream {
	name: string;
	port: number;
}

export interface UpstreamStats {
	/** Requests handed to this server (connection accepted). */
	forwarded: number;
	/** Of those, answered (status line and body passed on). */
	answered: number;
	/** Of those, broken after they reached the server (answered 502 to the client). */
	broken: number;
	/** Connection refused: skipped, tried on the next server. */
	refused: number;
	/** GET/HEAD whose connection broke before an answer: sent to the next server. */
	retried: number;
	inFlight: number;
}

export interface ProxyEvent {
	method: string;
	path: string;
	upstream: string | null;
	/** The server the request asked for in `x-cluster-upstream`, if it named one. */
	asked?: string;
	/**
	 * A Server-Sent Events stream: recorded when its headers came (it may never end while the
	 * test runs), not when it ended.
	 */
	stream?: true;
	status: number;
	/** Why the proxy answered itself (no server, or a server's connection broke). */
	error?: string;
}

const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'upgrade',
	'te',
	'trailer'
]);

/** Errors that mean the server never got the request: safe to try the next one. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EADDRNOTAVAIL']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

export class LoadBalancer {
	readonly port: number;
	readonly upstreams: Upstream[];
	readonly stats: Record<string, UpstreamStats> = {};
	/** The last requests (newest last), for a test to see where they went. */
	readonly events: ProxyEvent[] = [];
	/** Send a GET/HEAD again to the next server when its connection broke before any answer. */
	retryIdempotent = true;
	#pinned: string | null = null;
	#next = 0;
	#server: Server | null = null;
	#unhealthy = new Set<string>();
	#healthTimer: ReturnType<typeof setInterval> | null = null;

	constructor(port: number, upstreams: Upstream[]) {
		this.port = port;
		this.upstreams = upstreams;
		for (const upstream of upstreams) this.stats[upstream.name] = this.#zero();
	}

	get origin(): string {
		return `http://localhost:${this.port}`;
	}

	#zero(): UpstreamStats {
		return { forwarded: 0, answered: 0, broken: 0, refused: 0, retried: 0, inFlight: 0 };
	}

	/** Every new request goes to `name` first (then to the others if it refuses). */
	pin(name: string): void {
		if (!this.upstreams.some((u) => u.name === name)) throw new Error(`no upstream ${name}`);
		this.#pinned = name;
	}

	roundRobin(): void {
		this.#pinned = null;
	}

	/**
	 * Checks `path` on every server every `intervalMs` (as a load balancer's health check does); a
	 * server that does not answer 200 gets no new requests until it does. `null` stops checking.
	 */
	checkHealth(path: string | null, intervalMs = 200): void {
		if (this.#healthTimer) clearInterval(this.#healthTimer);
		this.#healthTimer = null;
		this.#unhealthy.clear();
		if (!path) return;
		let checking = false;
		this.#healthTimer = setInterval(async () => {
			if (checking) return;
			checking = true;
			await Promise.all(
				this.upstreams.map(async (u) => {
					let healthy: boolean;
					try {
						// Not too impatient: a busy server that answers slowly is still there.
						const response = await fetch(`http://127.0.0.1:${u.port}${path}`, {
							signal: AbortSignal.timeout(Math.max(intervalMs * 4, 2000))
						});
						healthy = response.ok;
						await response.body?.cancel();
					} catch {
						healthy = false;
					}
					if (healthy) this.#unhealthy.delete(u.name);
					else this.#unhealthy.add(u.name);
				})
			);
			checking = false;
		}, intervalMs);
		this.#healthTimer.unref();
	}

	resetStats(): void {
		for (const upstream of this.upstreams) this.stats[upstream.name] = this.#zero();
		this.events.length = 0;
	}

	/**
	 * The order in which to try the servers for the next request. A request may name its server in
	 * `x-cluster-upstream` (a test's browser context does, to put two people on two servers).
	 */
	#order(wanted?: string): Upstream[] {
		const n = this.upstreams.length;
		let first: number;
		const pinned = wanted && this.upstreams.some((u) => u.name === wanted) ? wanted : this.#pinned;
		if (pinned) first = this.upstreams.findIndex((u) => u.name === pinned);
		else first = this.#next++ % n;
		const order = Array.from({ length: n }, (_, i) => this.upstreams[(first + i) % n]);
		// Servers failing their health check go last (still tried if nothing else answers).
		return [...order.filter((u) => !this.#unhealthy.has(u.name)), ...order.filter((u) => this.#unhealthy.has(u.name))];
	}

	#record(event: ProxyEvent): void {
		this.events.push(event);
		if (this.events.length > 5000) this.events.splice(0, this.events.length - 5000);
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const method = req.method ?? 'GET';
		const path = req.url ?? '/';
		const headers: Record<string, string | string[]> = {};
		for (const [key, value] of Object.entries(req.headers))
			if (value !== undefined && !HOP_BY_HOP.has(key)) headers[key] = value;
		headers['content-length'] = String(body.length);
		headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
		headers['x-forwarded-proto'] = 'http';

		const wanted = req.headers['x-cluster-upstream'];
		const asked = typeof wanted === 'string' ? wanted : undefined;
		for (const upstream of this.#order(asked)) {
			const outcome = await this.#forward(upstream, { method, path, asked }, headers, body, res);
			if (outcome === 'next') continue;
			return;
		}
		this.#record({ method, path, upstream: null, status: 503, error: 'no server' });
		res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5', 'x-proxy-error': 'no-server' });
		res.end('No app server is answering.\n');
	}

	#forward(
		upstream: Upstream,
		{ method, path, asked }: { method: string; path: string; asked?: string },
		headers: Record<string, string | string[]>,
		body: Buffer,
		res: ServerResponse
	): Promise<'next' | 'done'> {
		const stats = this.stats[upstream.name];
		return new Promise((resolve) => {
			let connected = false;
			let settled = false;
			const settle = (outcome: 'next' | 'done') => {
				if (settled) return;
				settled = true;
				if (connected) stats.inFlight--;
				resolve(outcome);
			};
			const fail = (error: NodeJS.ErrnoException) => {
				if (settled) return;
				if (!connected && NOT_SENT.has(error.code ?? '')) {
					stats.refused++;
					settle('next');
					return;
				}
				if (!res.headersSent && this.retryIdempotent && IDEMPOTENT.has(method)) {
					stats.retried++;
					this.#record({ method, path, upstream: upstream.name, status: 0, error: `${error.code}, sent on` });
					settle('next');
					return;
				}
				stats.broken++;
				this.#record({ method, path, upstream: upstream.name, status: 502, error: error.code ?? error.message });
				if (!res.headersSent) {
					res.writeHead(502, { 'content-type': 'text/plain', 'x-proxy-error': error.code ?? 'broken' });
					res.end(`The app server's connection broke (${error.code ?? error.message}).\n`);
				} else {
					res.destroy();
				}
				settle('done');
			};
			const upstreamReq = request({
				host: '127.0.0.1',
				port: upstream.port,
				method,
				path,
				headers,
				agent: false
			});
			upstreamReq.on('socket', (socket: Socket) => {
				socket.once('connect', () => {
					connected = true;
					stats.forwarded++;
					stats.inFlight++;
				});
			});
			upstreamReq.on('error', fail);
			upstreamReq.on('response', (upstreamRes) => {
				const out: Record<string, string | string[]> = {};
				for (const [key, value] of Object.entries(upstreamRes.headers))
					if (value !== undefined && !HOP_BY_HOP.has(key)) out[key] = value;
				out['x-upstream'] = upstream.name;
				upstreamRes.on('error', fail);
				upstreamRes.on('close', () => {
					if (!upstreamRes.complete) fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
				});
				res.writeHead(upstreamRes.statusCode ?? 502, out);
				upstreamRes.pipe(res);
				const status = upstreamRes.statusCode ?? 0;
				const stream = String(upstreamRes.headers['content-type'] ?? '').startsWith('text/event-stream');
				if (stream) this.#record({ method, path, upstream: upstream.name, asked, stream, status });
				upstreamRes.on('end', () => {
					if (settled) return;
					stats.answered++;
					if (!stream) this.#record({ method, path, upstream: upstream.name, asked, status });
					settle('done');
				});
			});
			upstreamReq.end(body);
		});
	}

	async start(): Promise<void> {
		const server = createServer((req, res) => {
			this.#handle(req, res).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(`proxy error: ${error instanceof Error ? error.message : String(error)}\n`);
			});
		});
		server.keepAliveTimeout = 30_000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		this.#server = server;
	}

	async stop(): Promise<void> {
		this.checkHealth(null);
		const server = this.#server;
		this.#server = null;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

/**
 * A TCP pass-through between the app servers and PostgreSQL that a test can cut: `cut()` closes
 * every open connection and refuses new ones (as a stopped or unreachable database does),
 * `mend()` lets connections through again on the same port.
 */
export class TcpGate {
	readonly port: number;
	readonly target: { host: string; port: number };
	#server: TcpServer | null = null;
	#sockets = new Set<Socket>();

	constructor(port: number, target: { host: string; port: number }) {
		this.port = port;
		this.target = target;
	}

	get isOpen(): boolean {
		return this.#server !== null;
	}

	async mend(): Promise<void> {
		if (this.#server) return;
		const server = createTcpServer((client) => {
			const backend = connect(this.target.port, this.target.host);
			for (const socket of [client, backend]) {
				this.#sockets.add(socket);
				socket.on('close', () => this.#sockets.delete(socket));
				socket.on('error', () => {
					client.destroy();
					backend.destroy();
				});
			}
			client.pipe(backend);
			backend.pipe(client);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		this.#server = server;
	}

	async cut(): Promise<void> {
		const server = this.#server;
		this.#server = null;
		for (const socket of this.#sockets) socket.destroy();
		this.#sockets.clear();
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

// `node tests/cluster/proxy.ts 5200 a=5201 b=5202`: the load balancer on its own (bench/cluster.ts).
if (import.meta.main) {
	const [portArg, ...rest] = process.argv.slice(2);
	const upstreams = rest.map((arg) => {
		const [name, port] = arg.split('=');
		return { name, port: Number(port) };
	});
	if (!Number(portArg) || upstreams.length === 0 || upstreams.some((u) => !u.name || !u.port)) {
		console.error('usage: node tests/cluster/proxy.ts PORT name=PORT [name=PORT …]');
		process.exit(2);
	}
	const balancer = new LoadBalancer(Number(portArg), upstreams);
	await balancer.start();
	console.log(`proxy on ${balancer.origin} → ${upstreams.map((u) => `${u.name}:${u.port}`).join(', ')}`);
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) process.exit(0);
	}, 1000).unref();
	process.on('SIGTERM', () => void balancer.stop().finally(() => process.exit(0)));
}
