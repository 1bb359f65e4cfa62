// The DESIGN's reference point: a minimal SvelteKit 2 page (a 40-item list, no database), built
// with the same kit, Svelte and adapter as the app. bench/minimal.ts copies this folder to a
// temporary directory, builds it there and serves it; nothing is built in the repository.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default { kit: { adapter: adapter({ out: 'build' }) } };
