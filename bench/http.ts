// HTTP load: autocannon for throughput, and plain sequential requests for the growth test.

import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { SESSION_COOKIE } from '../src/lib/server/auth/session';
import { cpuSeconds, noiseMeter } from './noise';

export interface Throughput {
	url: string;
	connections: number;
	seconds: number;
	rps: number;
	p50: number;
	p99: number;
	requests: number;
	/** Connection errors, timeouts included. */
	errors: number;
	/** Requests without an answer within 10 s. */
	timeouts: number;
	/** Answers other than 2xx (a redirect to the login page counts here), 503s included. */
	non2xx: number;
	/** Of those, 503s: load shed by an admission queue (with Retry-After). Errors, shown apart. */
	shed: number;
	/** CPU cores' worth of OTHER processes' work during the run (a shared machine's noise). */
	otherCores: number | null;
	/**
	 * CPU milliseconds per request spent by the server process, and by our PostgreSQL (0 on
	 * PGlite, which runs inside the server). Unlike req/s, this hardly moves when the machine is busy.
	 */
	cpuMs: { app: number; db: number } | null;
}

export const cookieOf = (token: string) => `${SESSION_COOKIE}=${token}`;

/** One request of a throughput run: whose session, and (if not the URL's) which path. */
export interface Visit {
	token: string;
	path?: string;
}

/**
 * Hammers one URL with `connections` connections for `seconds`. With several session tokens (or
 * visits: a token with its own path, as a mentor opening one of their citizens), each request
 * carries the next one, so the server sees many people rather than one hot row.
 */
export async function cannon(
	url: string,
	opts: { connections: number; seconds: number; tokens?: string[]; visits?: Visit[]; serverPid?: number }
): Promise<Throughput> {
	let next = 0;
	const visits: Visit[] = opts.visits ?? (opts.tokens ?? []).map((token) => ({ token }));
	const noise = noiseMeter();
	const cpuBefore = opts.serverPid ? cpuSeconds(opts.serverPid) : null;
	const result = await autocannon({
		url,
		connections: opts.connections,
		duration: opts.seconds,
		timeout: 10,
		requests: [
			{
				method: 'GET',
				setupRequest: (req: { headers?: Record<string, string>; path?: string }) => {
					if (visits.length === 0) return req;
					const visit = visits[next++ % visits.length];
					return {
						...req,
						...(visit.path ? { path: visit.path } : {}),
						headers: { ...req.headers, cookie: cookieOf(visit.token) }
					};
				}
			}
		]
	});
	const cpuAfter = opts.serverPid ? cpuSeconds(opts.serverPid) : null;
	const perRequest = (before: number, after: number) =>
		result.requests.total ? ((after - before) * 1000) / result.requests.total : 0;
	return {
		url,
		connections: opts.connections,
		seconds: result.duration,
		rps: Math.round(result.requests.total / result.duration),
		p50: result.latency.p50,
		p99: result.latency.p99,
		requests: result.requests.total,
		errors: result.errors,
		timeouts: result.timeouts,
		non2xx: result.non2xx,
		shed: result.statusCodeStats?.['503']?.count ?? 0,
		otherCores: noise()?.otherCores ?? null,
		cpuMs:
			cpuBefore && cpuAfter
				? { app: perRequest(cpuBefore.app, cpuAfter.app), db: perRequest(cpuBefore.db, cpuAfter.db) }
				: null
	};
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET; resolves with the status, the body and the milliseconds to the last byte. */
export function get(
	url: string,
	token?: string
): Promise<{ status: number; body: string; ms: number; location?: string }> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = request(url, { agent, headers: token ? { cookie: cookieOf(token) } : {} }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					ms: performance.now() - started,
					location: res.headers.location
				})
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

export const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** p50 and p90 of `n` sequential requests (after 10 to warm up) in ms; `requests` counts all made. */
export async function sequential(
	url: string,
	token: string,
	n: number
): Promise<{ p50: number; p90: number; requests: number }> {
	for (let i = 0; i < 10; i++) await get(url, token);
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const { status, ms } = await get(url, token);
		if (status !== 200) throw new Error(`${url} answered ${status} during the growth test`);
		times.push(ms);
	}
	return { p50: percentile(times, 50), p90: percentile(times, 90), requests: n + 10 };
}

/** Waits until the server answers on `url` (any status), or fails after `seconds`. */
export async function waitFor(url: string, seconds = 60): Promise<void> {
	const deadline = Date.now() + seconds * 1000;
	for (;;) {
		try {
			await get(url);
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 200));
		}
	}
}
