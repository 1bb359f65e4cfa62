import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics (prom-client). Labels carry route ids (`/moeder/[meetingId=uuid]`, never the URL
 * with an id in it), HTTP methods and status codes, queue names and failure codes, and outbox item
 * kinds and outcomes: never a person, an id or anything typed.
 *
 * Served two ways, both optional:
 * - METRICS_PORT: a separate server on 127.0.0.1 only (for a Prometheus agent on the same host);
 * - `/metrics` on the app's own port, only with `Authorization: Bearer $METRICS_TOKEN`; without a
 *   token configured it does not exist (404), with a wrong one it is refused (401).
 */

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface QueueDepth {
	queue: string;
	state: 'queued' | 'active' | 'failed' | 'deferred';
	count: number;
}

export interface AdmissionState {
	active: number;
	queued: number;
}

export function createMetrics() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	let depthSource: (() => Promise<QueueDepth[]>) | null = null;
	let admissionSource: (() => AdmissionState) | null = null;

	const requests = new Counter({
		name: 'http_requests_total',
		help: 'Requests answered, by method, route id and status code',
		labelNames: ['method', 'route', 'status'] as const,
		registers: [registry]
	});
	const duration = new Histogram({
		name: 'http_request_duration_seconds',
		help: 'Time to answer a request, by method and route id',
		labelNames: ['method', 'route'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});
	const jobsCompleted = new Counter({
		name: 'jobs_completed_total',
		help: 'Jobs worked to the end by this server, by queue',
		labelNames: ['queue'] as const,
		registers: [registry]
	});
	const jobsFailed = new Counter({
		name: 'jobs_failed_total',
		help: 'Job tries that failed on this server, by queue and reason (a retried job counts each try)',
		labelNames: ['queue', 'reason'] as const,
		registers: [registry]
	});
	new Gauge({
		name: 'jobs_queue_depth',
		help: 'Jobs in each queue by state (the dead letters are the queue failed-jobs), read from the database',
		labelNames: ['queue', 'state'] as const,
		registers: [registry],
		async collect() {
			this.reset();
			if (!depthSource) return;
			try {
				for (const d of await depthSource()) this.set({ queue: d.queue, state: d.state }, d.count);
			} catch {
				// The database is away: the other metrics still answer.
			}
		}
	});
	const syncRequests = new Counter({
		name: 'outbox_sync_requests_total',
		help: 'Offline outbox replays (POST /api/sync), by HTTP status',
		labelNames: ['status'] as const,
		registers: [registry]
	});
	const syncItems = new Counter({
		name: 'outbox_sync_items_total',
		help: 'Items replayed from offline outboxes, by kind and outcome',
		labelNames: ['kind', 'status'] as const,
		registers: [registry]
	});

	const shed = new Counter({
		name: 'admission_shed_total',
		help: 'Requests answered 503 because the server was too busy: on arrival (estimate) or after waiting (waited)',
		labelNames: ['reason'] as const,
		registers: [registry]
	});
	new Gauge({
		name: 'admission_requests',
		help: 'Requests inside the database-using part of the app (active) and waiting for their turn (queued)',
		labelNames: ['state'] as const,
		registers: [registry],
		collect() {
			const state = admissionSource?.() ?? { active: 0, queued: 0 };
			this.set({ state: 'active' }, state.active);
			this.set({ state: 'queued' }, state.queued);
		}
	});

	return {
		registry,
		observeRequest(method: string, routeId: string | null, status: number, seconds: number) {
			const m = METHODS.has(method) ? method : 'other';
			const route = routeId ?? 'unmatched';
			requests.inc({ method: m, route, status: String(status) });
			duration.observe({ method: m, route }, seconds);
		},
		jobCompleted(queue: string) {
			jobsCompleted.inc({ queue });
		},
		jobFailed(queue: string, reason: string) {
			jobsFailed.inc({ queue, reason });
		},
		setQueueDepthSource(source: (() => Promise<QueueDepth[]>) | null) {
			depthSource = source;
		},
		/**
		 * One POST /api/sync answered, by its final status: counted by the request hook
		 * (src/hooks/metrics.ts), so refusals before the route runs count too (429, 503, 401).
		 */
		syncAnswered(status: number) {
			syncRequests.inc({ status: String(status) });
		},
		/** A request answered 503 by the admission queue (src/lib/server/admission). */
		requestShed(reason: 'estimate' | 'waited') {
			shed.inc({ reason });
		},
		setAdmissionSource(source: (() => AdmissionState) | null) {
			admissionSource = source;
		},
		/** The items of a replay the route worked through, by kind and outcome. */
		syncReplayed(items: ReadonlyArray<{ kind: string; status: string }>) {
			for (const item of items) syncItems.inc({ kind: item.kind, status: item.status });
		},
		async text() {
			return registry.metrics();
		},
		contentType: registry.contentType
	};
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The app's metrics (one registry per process). */
export const metrics = createMetrics();

function digest(value: string) {
	return createHash('sha256').update(value).digest();
}

/**
 * The answer to GET /metrics on the app's port: 404 without METRICS_TOKEN configured, 401 without
 * the right bearer token, else the metrics. Compared in constant time.
 */
export async function metricsResponse(
	authorization: string | null,
	env: NodeJS.ProcessEnv = process.env,
	source: Metrics = metrics
): Promise<Response> {
	const token = env.METRICS_TOKEN?.trim();
	if (!token) return new Response('Not found', { status: 404 });
	const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
	if (!timingSafeEqual(digest(given), digest(token)))
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer realm="metrics"', 'cache-control': 'no-store' }
		});
	return new Response(await source.text(), {
		headers: { 'content-type': source.contentType, 'cache-control': 'no-store' }
	});
}

/** The metrics on their own port, on 127.0.0.1 only (METRICS_PORT; 0 picks a free port, for tests). */
export async function startMetricsServer(port: number, source: Metrics = metrics): Promise<Server> {
	const server = createServer(async (req, res) => {
		if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
			res.writeHead(404).end('Not found');
			return;
		}
		try {
			const body = await source.text();
			res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' }).end(body);
		} catch {
			res.writeHead(500).end('Metrics failed');
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return server;
}

export function metricsPort(env: NodeJS.ProcessEnv = process.env): number | null {
	const raw = env.METRICS_PORT?.trim();
	if (!raw) return null;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`METRICS_PORT must be a port number from 1 to 65535 (it is "${raw}")`);
	return port;
}
