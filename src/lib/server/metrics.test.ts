import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { RequestEvent } from '@sveltejs/kit';
import { createMetrics, metrics, metricsPort, metricsResponse, startMetricsServer } from './metrics';
import { requestMetrics } from '../../hooks/metrics';

/** Metrics: what they count, who may read them, and that no one's data is in a label. */

describe('/metrics on the app port', () => {
	const source = createMetrics();

	it('does not exist when no token is configured', async () => {
		expect((await metricsResponse('Bearer anything', {}, source)).status).toBe(404);
		expect((await metricsResponse(null, { METRICS_TOKEN: '  ' }, source)).status).toBe(404);
	});

	it('refuses a missing or wrong token with 401', async () => {
		const env = { METRICS_TOKEN: 's3cret-token' };
		for (const header of [null, '', 'Bearer', 'Bearer wrong', 'Basic s3cret-token', 'Bearer s3cret-token-and-more']) {
			const response = await metricsResponse(header, env, source);
			expect(response.status, String(header)).toBe(401);
			expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect(await response.text()).not.toContain('http_requests_total');
		}
	});

	it('answers with the metrics for the right token', async () => {
		source.observeRequest('GET', '/plan', 200, 0.012);
		const response = await metricsResponse('Bearer s3cret-token', { METRICS_TOKEN: 's3cret-token' }, source);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toContain('http_requests_total{method="GET",route="/plan",status="200"} 1');
	});
});

describe('the metrics port', () => {
	it('serves /metrics on 127.0.0.1 only, and nothing else', async () => {
		const source = createMetrics();
		source.syncAnswered(200);
		source.syncReplayed([
			{ kind: 'diary', status: 'stored' },
			{ kind: 'diary', status: 'duplicate' },
			{ kind: 'note', status: 'stored' }
		]);
		const server = await startMetricsServer(0, source);
		try {
			const { address, port } = server.address() as AddressInfo;
			expect(address).toBe('127.0.0.1');
			const response = await fetch(`http://127.0.0.1:${port}/metrics`);
			expect(response.status).toBe(200);
			const text = await response.text();
			expect(text).toContain('outbox_sync_requests_total{status="200"} 1');
			expect(text).toContain('outbox_sync_items_total{kind="diary",status="stored"} 1');
			expect(text).toContain('outbox_sync_items_total{kind="diary",status="duplicate"} 1');
			expect(text).toContain('process_cpu_seconds_total');
			expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
			expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('reads METRICS_PORT, and refuses a bad one', () => {
		expect(metricsPort({})).toBeNull();
		expect(metricsPort({ METRICS_PORT: '9464' })).toBe(9464);
		expect(() => metricsPort({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT/);
		expect(() => metricsPort({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
	});
});

describe('request metrics', () => {
	it('labels a request by its route id, never by the URL with an id in it', async () => {
		const id = '0b6f0a52-4d6e-4a36-9a39-0c1f4b3a9d11';
		const event = {
			request: new Request(`http://localhost/moeder/${id}?name=Sara`),
			route: { id: '/moeder/[meetingId=uuid]' }
		} as unknown as RequestEvent;
		await requestMetrics({ event, resolve: async () => new Response('ok', { status: 200 }) });
		await requestMetrics({
			event: { request: new Request('http://localhost/nope/zqxjkw', { method: 'BREW' }), route: { id: null } } as never,
			resolve: async () => new Response('no', { status: 404 })
		});
		const text = await metrics.text();
		expect(text).toContain('http_requests_total{method="GET",route="/moeder/[meetingId=uuid]",status="200"} 1');
		expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/moeder/[meetingId=uuid]"} 1');
		expect(text).toContain('http_requests_total{method="other",route="unmatched",status="404"} 1');
		expect(text).not.toContain(id);
		expect(text).not.toContain('Sara');
		expect(text).not.toContain('zqxjkw');
	});

	it('counts every outbox sync by the status the phone got, refusals before the route included', async () => {
		const sync = async (method: string, status: number | Error, route = '/api/sync') =>
			Promise.resolve(
				requestMetrics({
					event: { request: new Request('http://localhost/api/sync', { method }), route: { id: route } } as never,
					resolve: async () => {
						if (status instanceof Error) throw status;
						return new Response(null, { status });
					}
				})
			).catch(() => null);
		const count = async (status: number) => {
			const line = (await metrics.text())
				.split('\n')
				.find((l) => l.startsWith(`outbox_sync_requests_total{status="${status}"}`));
			return line ? Number(line.split(' ').pop()) : 0;
		};
		const before = { 200: await count(200), 429: await count(429), 503: await count(503), 500: await count(500) };
		await sync('POST', 200);
		// Rate limited (limit.api), and the database away (src/hooks/database-unavailable.ts, a later hook).
		await sync('POST', 429);
		await sync('POST', 429);
		await sync('POST', 503);
		await sync('POST', new Error('unexpected'));
		// Not a sync: another method, another route.
		await sync('GET', 405);
		await sync('POST', 429, '/dagbog');
		expect(await count(200)).toBe(before[200] + 1);
		expect(await count(429)).toBe(before[429] + 2);
		expect(await count(503)).toBe(before[503] + 1);
		expect(await count(500)).toBe(before[500] + 1);
		expect(await count(405)).toBe(0);
	});

	it('the admission queue: requests inside and waiting, and those refused by reason', async () => {
		const source = createMetrics();
		expect(await source.text()).toContain('admission_requests{state="queued"} 0');
		source.setAdmissionSource(() => ({ active: 1, queued: 7 }));
		source.requestShed('estimate');
		source.requestShed('estimate');
		source.requestShed('waited');
		const text = await source.text();
		expect(text).toContain('admission_requests{state="active"} 1');
		expect(text).toContain('admission_requests{state="queued"} 7');
		expect(text).toContain('admission_shed_total{reason="estimate"} 2');
		expect(text).toContain('admission_shed_total{reason="waited"} 1');
	});

	it('a queue-depth reading that fails leaves the other metrics working', async () => {
		const source = createMetrics();
		source.setQueueDepthSource(async () => {
			throw new Error('database away');
		});
		source.jobFailed('meeting-notices', 'push_failed');
		const text = await source.text();
		expect(text).toContain('jobs_failed_total{queue="meeting-notices",reason="push_failed"} 1');
		expect(text).not.toContain('jobs_queue_depth{');
	});
});
