import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT_COMPONENT = fileURLToPath(new URL('./root-component.ts', import.meta.url));

/**
 * On the server only, SvelteKit's generated root (.svelte-kit/generated/root.js, `asClassComponent(Root)`)
 * takes `asClassComponent` from ./root-component.ts instead of svelte/legacy: the same render, without
 * keeping each page alive until a full garbage collection (the reason is in that file). The browser's
 * root is left as it is.
 */
export function plainRootRender(): Plugin {
	return {
		name: 'mit-forloeb:plain-root-render',
		enforce: 'pre',
		resolveId(source, importer, options) {
			if (!options?.ssr || source !== 'svelte/legacy' || !importer) return null;
			if (!importer.replaceAll('\\', '/').endsWith('/.svelte-kit/generated/root.js')) return null;
			return ROOT_COMPONENT;
		}
	};
}
