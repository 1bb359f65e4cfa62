// The part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		mean: number;
		min: number;
		max: number;
		total: number;
		p50: number;
		p90: number;
		p99: number;
	}
	interface Result {
		duration: number;
		requests: Histogram;
		latency: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		/** Answers per status code ("200", "503", …). */
		statusCodeStats?: Record<string, { count: number }>;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		timeout?: number;
		headers?: Record<string, string>;
		requests?: Array<{
			method?: string;
			path?: string;
			setupRequest?: (request: { headers?: Record<string, string>; path?: string }) => unknown;
		}>;
	}
	export default function autocannon(options: Options): Promise<Result>;
}
