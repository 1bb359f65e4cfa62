import { asClassComponent as svelteAsClassComponent } from 'svelte/legacy';
import { describe, expect, it } from 'vitest';
import Page from './root-component.fixture.svelte';
import { asClassComponent } from './root-component';
import { plainRootRender } from './vite-plugin';

describe("the server's root component wrapper", () => {
	const context = () => new Map([['who', 'Sara']]);

	it('renders a page exactly as Svelte’s own wrapper does, at once and when awaited', async () => {
		const ours = asClassComponent(Page).render({ title: 'Min plan <&>' }, { context: context() });
		// Svelte's own wrapper, as SvelteKit calls it (its types leave render() out).
		const svelteWrapper = svelteAsClassComponent(Page as never) as unknown as {
			render: (props: object, options: object) => { head: string; html: string; css: unknown };
		};
		const theirs = svelteWrapper.render({ title: 'Min plan <&>' }, { context: context() });
		expect({ head: ours.head, html: ours.html, css: ours.css }).toEqual({
			head: theirs.head,
			html: theirs.html,
			css: theirs.css
		});
		expect(ours.html).toContain('<h1>Min plan &lt;&amp;></h1>');
		expect(ours.html).toContain('Sara');
		expect(ours.head).toContain('<title>Min plan &lt;&amp;></title>');
		expect(await ours).toEqual({ css: ours.css, head: ours.head, html: ours.html });
	});

	it('answers with plain values, not getters: nothing that keeps a page alive after it is sent', () => {
		const rendered = asClassComponent(Page).render({ title: 'Plan' }, { context: context() });
		for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(rendered))) {
			expect(descriptor).toMatchObject({ writable: true });
			expect(descriptor.get).toBeUndefined();
		}
	});

	it('lets a page that fails to render fail as before (SvelteKit shows its error page)', () => {
		expect(() => asClassComponent(Page).render({ title: 'Plan', fail: true }, { context: context() })).toThrow(
			'the page failed'
		);
	});

	it('is used by SvelteKit’s generated root on the server only', () => {
		const plugin = plainRootRender();
		const resolve = (source: string, importer: string | undefined, ssr: boolean) =>
			(plugin.resolveId as (s: string, i: string | undefined, o: { ssr: boolean }) => string | null)(source, importer, {
				ssr
			});
		const root = '/app/.svelte-kit/generated/root.js';
		expect(resolve('svelte/legacy', root, true)).toMatch(/root-component\.ts$/);
		expect(resolve('svelte/legacy', root, false)).toBeNull();
		expect(resolve('svelte/legacy', '/app/src/routes/+page.svelte', true)).toBeNull();
		expect(resolve('svelte/server', root, true)).toBeNull();
	});
});
