/**
 * Background traffic for the fault tests: a few loops of requests through the load balancer,
 * each answer recorded (status, Retry-After, which server, whether the body gives anything away),
 * and every failure to get an answer at all (a reset connection, a refused one).
 */

export interface Answer {
	path: string;
	/** 0 when there was no answer (see `error`). */
	status: number;
	retryAfter: string | null;
	upstream: string | null;
	/** The body shows internals: a stack trace, a driver's or an error class's name. */
	leaks: boolean;
	error?: string;
	at: number;
}

/** What an error page must never contain. */
export const LEAK =
	/\n\s+at |\bat .+\.(js|ts):\d+|node_modules|Error:|DrizzleQueryError|Failed query|ECONN|postgres|CONNECTION_/i;

export interface Traffic {
	answers: Answer[];
	/** Resolves once `n` answers with this status have come. */
	waitFor(status: number, n: number): Promise<void>;
	stop(): Promise<Answer[]>;
}

export function startTraffic(
	origin: string,
	opts: { cookie: string; paths: string[]; loops?: number; accept?: string; method?: string }
): Traffic {
	const answers: Answer[] = [];
	let running = true;
	const waiters: Array<() => void> = [];
	const loop = async (offset: number) => {
		for (let i = offset; running; i++) {
			const path = opts.paths[i % opts.paths.length];
			const at = Date.now();
			try {
				const response = await fetch(origin + path, {
					method: opts.method ?? 'GET',
					redirect: 'manual',
					headers: { cookie: opts.cookie, accept: opts.accept ?? 'text/html' },
					signal: AbortSignal.timeout(30_000)
				});
				const body = await response.text();
				answers.push({
					path,
					status: response.status,
					retryAfter: response.headers.get('retry-after'),
					upstream: response.headers.get('x-upstream'),
					leaks: response.status >= 500 && LEAK.test(body),
					at
				});
			} catch (error) {
				const cause = (error as { cause?: { code?: string } }).cause;
				answers.push({
					path,
					status: 0,
					retryAfter: null,
					upstream: null,
					leaks: false,
					error: cause?.code ?? (error instanceof Error ? error.message : String(error)),
					at
				});
			}
			for (const wake of waiters.splice(0)) wake();
		}
	};
	const loops = Array.from({ length: opts.loops ?? 3 }, (_, i) => loop(i));
	return {
		answers,
		waitFor: (status, n) =>
			new Promise<void>((resolve) => {
				const check = () => {
					if (answers.filter((a) => a.status === status).length >= n) resolve();
					else waiters.push(check);
				};
				check();
			}),
		stop: async () => {
			running = false;
			await Promise.all(loops);
			return answers;
		}
	};
}
