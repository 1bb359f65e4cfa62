import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue, createShedReporter } from '$lib/server/admission';
import { logger } from '$lib/server/log';
import { createMetrics } from '$lib/server/metrics';
import { createAdmission } from './admission';

const APP = 'http://localhost';

function event(path: string, init: { method?: string; headers?: Record<string, string>; lang?: string } = {}) {
	const request = new Request(APP + path, {
		method: init.method ?? 'GET',
		headers: { accept: 'text/html', ...init.headers }
	});
	return {
		request,
		url: new URL(request.url),
		route: { id: path },
		locals: { lang: init.lang ?? 'da', reading: 'standard', requestId: 'r1' },
		isDataRequest: path.endsWith('__data.json')
	} as unknown as RequestEvent;
}

/** A hook on its own queue and metrics, on the fake clock. */
function setup(concurrency = 1, maxWaitMs = 4000) {
	const queue = new AdmissionQueue({ concurrency, maxWaitMs, now: () => Date.now() });
	const metrics = createMetrics();
	const hook = createAdmission(() => queue, createShedReporter({ metrics, now: () => Date.now() }));
	/** Runs a request whose route finishes when `finish` is called (or at once). */
	const run = (e: RequestEvent, answer: () => Promise<Response> = async () => new Response('page')) => {
		const resolve = vi.fn(answer);
		const response = Promise.resolve(hook({ event: e, resolve } as never));
		return { response, resolve };
	};
	return { queue, metrics, run };
}

/** A route that answers when told to. */
function held() {
	let finish!: () => void;
	const done = new Promise<void>((resolve) => (finish = resolve));
	return {
		finish,
		answer: async () => {
			await done;
			return new Response('page');
		}
	};
}

const shedCount = async (metrics: ReturnType<typeof createMetrics>, reason: string) => {
	const line = (await metrics.text()).split('\n').find((l) => l.startsWith(`admission_shed_total{reason="${reason}"}`));
	return line ? Number(line.split(' ').pop()) : 0;
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('the admission hook', () => {
	it('a request waits its turn, and the route runs only when it has one', async () => {
		const { run } = setup(1);
		const first = held();
		const a = run(event('/plan'), first.answer);
		const b = run(event('/plan'));
		await vi.advanceTimersByTimeAsync(0);
		expect(a.resolve).toHaveBeenCalled();
		expect(b.resolve).not.toHaveBeenCalled();
		first.finish();
		await vi.advanceTimersByTimeAsync(0);
		expect(b.resolve).toHaveBeenCalled();
		expect((await b.response).status).toBe(200);
	});

	it('gives the place back when the route throws', async () => {
		const { queue, run } = setup(1);
		const failing = run(event('/plan'), async () => {
			throw new Error('boom');
		});
		void failing.response.catch(() => {});
		await vi.advanceTimersByTimeAsync(0);
		await expect(failing.response).rejects.toThrow('boom');
		expect(queue.active).toBe(0);
		const next = run(event('/plan'));
		await vi.advanceTimersByTimeAsync(0);
		expect((await next.response).status).toBe(200);
	});

	it('a stream gives its place back when its headers are ready, not when it ends', async () => {
		const { queue, run } = setup(1);
		const stream = new ReadableStream({ start: () => {} });
		const sse = run(
			event('/api/together/stream', { headers: { accept: 'text/event-stream' } }),
			async () => new Response(stream, { headers: { 'content-type': 'text/event-stream' } })
		);
		await vi.advanceTimersByTimeAsync(0);
		const response = await sse.response;
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		expect(queue.active).toBe(0);
		const next = run(event('/plan'));
		await vi.advanceTimersByTimeAsync(0);
		expect((await next.response).status).toBe(200);
		await stream.cancel();
	});

	it('/healthz, /readyz and /metrics pass straight through, even when the queue is full', async () => {
		const { queue, run } = setup(1);
		const first = held();
		run(event('/plan'), first.answer);
		run(event('/plan'));
		await vi.advanceTimersByTimeAsync(0);
		expect(queue.queued).toBe(1);
		for (const path of ['/healthz', '/readyz', '/metrics']) {
			const { response, resolve } = run(event(path));
			expect((await response).status, path).toBe(200);
			expect(resolve).toHaveBeenCalled();
		}
		expect(queue.active).toBe(1);
		first.finish();
	});

	it('a request that waited too long: the plain 503 page in the person’s language, with Retry-After', async () => {
		const { run, metrics } = setup(1, 4000);
		const first = held();
		run(event('/plan'), first.answer);
		const waiting = run(event('/plan', { lang: 'en' }));
		await vi.advanceTimersByTimeAsync(3999);
		let answered = false;
		void waiting.response.then(() => (answered = true));
		await vi.advanceTimersByTimeAsync(0);
		expect(answered).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		const response = await waiting.response;
		expect(waiting.resolve).not.toHaveBeenCalled();
		expect(response.status).toBe(503);
		expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		const body = await response.text();
		expect(body).toContain('<html lang="en"');
		expect(body).toContain('We cannot show the page right now');
		expect(body).not.toMatch(/unavailable\./);
		expect(await shedCount(metrics, 'waited')).toBe(1);
		first.finish();
	});

	it('JSON for the API and page data, an ActionResult for a form sent by script', async () => {
		const { run } = setup(1, 1000);
		const first = held();
		run(event('/plan'), first.answer);
		const api = run(event('/api/sync', { method: 'POST', headers: { accept: 'application/json' } }));
		const data = run(event('/plan/__data.json', { headers: { accept: '*/*' } }));
		const action = run(event('/dagbog?/save', { method: 'POST', headers: { 'x-sveltekit-action': 'true' } }));
		await vi.advanceTimersByTimeAsync(1000);
		for (const { response } of [api, data, action]) {
			expect((await response).status).toBe(503);
			expect((await response).headers.get('retry-after')).toBeTruthy();
		}
		expect(await (await api.response).json()).toEqual({ message: 'unavailable.notSaved', code: 'busy' });
		expect(await (await data.response).json()).toEqual({ message: 'unavailable.body', code: 'busy' });
		expect(await (await action.response).json()).toEqual({
			type: 'error',
			status: 503,
			error: { message: 'unavailable.notSaved', code: 'busy' }
		});
		first.finish();
	});

	it('a form sent without script and refused: the page says plainly that it was not saved', async () => {
		const { run } = setup(1, 1000);
		const first = held();
		run(event('/plan'), first.answer);
		const form = run(event('/dagbog', { method: 'POST' }));
		await vi.advanceTimersByTimeAsync(1000);
		const body = await (await form.response).text();
		expect(body).toContain('Det, du sendte, er ikke gemt.');
		first.finish();
	});

	it('a read is refused at once when the queue is too long; a write waits in line', async () => {
		const { run, metrics } = setup(1, 4000);
		// One request that took 2 s: the queue moves at one request per 2 s.
		const slow = held();
		const first = run(event('/plan'), slow.answer);
		await vi.advanceTimersByTimeAsync(2000);
		slow.finish();
		await first.response;

		const busy = held();
		run(event('/plan'), busy.answer);
		await vi.advanceTimersByTimeAsync(0);
		run(event('/plan'));
		run(event('/plan'));
		// Two ahead, 2 s each: 6 s expected, past the budget.
		const late = run(event('/plan'));
		let answered = false;
		void late.response.then(() => (answered = true));
		await vi.advanceTimersByTimeAsync(0);
		expect(answered).toBe(true);
		expect((await late.response).status).toBe(503);
		expect(await shedCount(metrics, 'estimate')).toBe(1);
		const write = run(event('/dagbog', { method: 'POST' }));
		let written = false;
		void write.response.then(() => (written = true));
		await vi.advanceTimersByTimeAsync(0);
		expect(written).toBe(false);
		busy.finish();
	});

	it('warns in the log at most once a second, however many are refused', async () => {
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		const { run, metrics } = setup(1, 10);
		const first = held();
		run(event('/plan'), first.answer);
		for (let i = 0; i < 30; i++) {
			run(event('/plan'));
			await vi.advanceTimersByTimeAsync(100);
		}
		// 30 refused over 3 s: a warning at the first, then one a second.
		expect(await shedCount(metrics, 'waited')).toBe(30);
		expect(warn.mock.calls.length).toBeGreaterThanOrEqual(3);
		expect(warn.mock.calls.length).toBeLessThanOrEqual(4);
		first.finish();
	});

	it('before the server has started (no queue) nothing is held back', async () => {
		const hook = createAdmission(() => undefined, createShedReporter({ metrics: createMetrics() }));
		const resolve = vi.fn(async () => new Response('page'));
		expect((await hook({ event: event('/plan'), resolve } as never)).status).toBe(200);
	});
});
