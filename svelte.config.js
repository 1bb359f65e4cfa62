import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// The origin check is src/hooks/cross-site.ts: one rule for every non-GET request, whatever
		// its content type, answered with a page in the person's language. SvelteKit's own check
		// covers form content types only, runs before the hooks and answers in English plain text,
		// so it is turned off here ('*' is how SvelteKit 2 spells it); nothing is trusted beyond the
		// app's own origin. tests/e2e/cross-origin.spec.ts posts every form content type too.
		csrf: { trustedOrigins: ['*'] },
		// The PWA plugin's worker (src/service-worker.ts) is registered by update-prompt.svelte.
		serviceWorker: { register: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				// A recording the person just made plays from a blob: address before it is sent (the recorder,
				// the outbox's waiting list); only the page's own scripts can make one.
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
