import type { Component } from 'svelte';
import { asClassComponent as svelteAsClassComponent } from 'svelte/legacy';
import { render } from 'svelte/server';

interface RenderOptions {
	context?: Map<unknown, unknown>;
	csp?: { nonce?: string; hash?: boolean };
	transformError?: (error: unknown) => unknown;
}

interface Rendered {
	css: { code: string; map: null };
	head: string;
	html: string;
	then<T>(onfulfilled: (value: { css: Rendered['css']; head: string; html: string }) => T): Promise<T>;
}

interface RootClass<Props> {
	render: (props: Props, options?: RenderOptions) => Rendered;
}

/**
 * SvelteKit's server renders every page through its root component wrapped by Svelte's
 * `asClassComponent` (svelte/legacy), whose `render()` answers with an object made by
 * `Object.defineProperties`: getters and a non-writable `then`, each a new closure per page. Measured,
 * not read in V8's source: such an object keeps the page's whole render (props, data, every string of
 * the HTML) alive until the next full collection, so every young-generation collection found the last
 * pages still alive and copied them into the old generation: on the plan page 13 % of all it
 * allocated (6.4 MB per collection at 10 connections), with pauses of 15 ms, the biggest part of its
 * p99; with a plain object, 5 % and 6 ms. Our likely reading: V8 keeps such an object's shape (its
 * hidden class, which lives in the old generation) per object, holding the closures. Measured with
 * `BENCH_TRACE_GC=1 npm run bench:profile` (bench/README.md).
 *
 * This is the same render with a plain object: the same component, props, context, CSP and error
 * transform, the same `head`, `html`, `css` and `then`. The page is rendered at once, as SvelteKit
 * reads `head` and `html` right after calling `render()` (synchronous SSR: this app does not turn on
 * Svelte's experimental async rendering, under which SvelteKit awaits the result instead).
 * vite-plugin.ts makes SvelteKit's generated root use this on the server only.
 */
export function asClassComponent<Props extends Record<string, unknown>>(component: Component<Props>): RootClass<Props> {
	const Class = svelteAsClassComponent(component as never) as unknown as RootClass<Props>;
	Class.render = (props, { context, csp, transformError } = {}) => {
		const result = render(
			component as Component<Record<string, unknown>>,
			{
				props,
				context,
				csp,
				transformError
			} as never
		);
		const page = { css: { code: '', map: null }, head: result.head, html: result.body };
		return { ...page, then: (onfulfilled) => Promise.resolve(onfulfilled(page)) };
	};
	return Class;
}
