import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { i18nBundles } from './src/lib/i18n/vite-plugin.js';
import { iconSprite } from './src/lib/icons/vite-plugin.js';
import { plainRootRender } from './src/lib/server/render/vite-plugin.js';

/** Where SvelteKit builds src/service-worker.ts, before the PWA plugin injects the precache list. */
const BUILT_WORKER = fileURLToPath(new URL('./.svelte-kit/output/client/service-worker.js', import.meta.url));

const WORKBOX_WINDOW = new URL('./node_modules/workbox-window/build/workbox-window.prod.mjs', import.meta.url);

/**
 * @vite-pwa/sveltekit 1.1 injects the precache list in closeBundle even when the build failed, and
 * its "swSrc file can't be read" then hides the real error (a broken import, a compile error).
 * Skip that step when the build has an error or the worker was never built, so the real error is
 * what you see.
 */
function keepBuildErrors(plugins: Plugin[]): Plugin[] {
	return plugins.map((plugin) => {
		const hook = plugin?.closeBundle;
		if (plugin?.name !== 'vite-plugin-pwa:sveltekit:build' || !hook || typeof hook === 'function') return plugin;
		const handler = hook.handler;
		return {
			...plugin,
			closeBundle: {
				...hook,
				async handler(this: unknown, error?: Error) {
					if (error || !existsSync(BUILT_WORKER)) return;
					return (handler as (this: unknown, error?: Error) => Promise<void>).call(this, error);
				}
			}
		} as Plugin;
	});
}

export default defineConfig({
	plugins: [
		// The browser's text bundles, _app/immutable/i18n/<lang>.<group>.<hash>.json (src/lib/i18n/bundles.ts).
		i18nBundles(),
		// Lucide icons drawn from one SVG sprite (src/lib/icons/vite-plugin.ts).
		iconSprite(),
		// The server renders pages through a plain root component wrapper (src/lib/server/render/).
		plainRootRender(),
		sveltekit(),
		// The PWA: web manifest and our own TypeScript service worker (src/service-worker.ts), which
		// SvelteKit builds to /service-worker.js and this plugin fills with the precache list.
		// The update prompt registers it with workbox-window (src/lib/components/update-prompt.svelte),
		// not the plugin's injected script: no inline script (CSP).
		keepBuildErrors(
			SvelteKitPWA({
				strategies: 'injectManifest',
				srcDir: 'src',
				filename: 'service-worker.ts',
				registerType: 'prompt',
				injectRegister: false,
				manifest: {
					name: 'Mit forløb',
					short_name: 'Mit forløb',
					description: 'Din plan, dine møder og din kriseplan i et enkelt sprog. Også når du ikke har internet.',
					lang: 'da',
					dir: 'ltr',
					start_url: '/',
					scope: '/',
					display: 'standalone',
					orientation: 'any',
					theme_color: '#1f4e79',
					background_color: '#ffffff',
					icons: [
						{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
						{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
						{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
					]
				},
				injectManifest: {
					// Client assets only (relative to .svelte-kit/output). No HTML: pages are rendered per
					// person and cached by the worker's own rules, never in the shared precache.
					// The text bundles are JSON; the worker chooses which of them to precache.
					globPatterns: ['client/**/*.{js,css,svg,png,webmanifest,woff2}', 'client/_app/immutable/i18n/*.json'],
					globIgnores: ['server/**', 'client/service-worker.js']
				},
				// The worker is only built by `vite build`; in `vite dev` nothing registers.
				devOptions: { enabled: false }
			})
		)
	],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					// The icon components that several pages share (a line each, see src/lib/icons) in one
					// chunk, not in one tiny file each: gzip cannot share their likeness across files.
					groups: [{ name: 'icons', test: /icon-sprite[\\/]icons[\\/]/, minShareCount: 2 }]
				}
			}
		}
	},
	resolve: {
		alias: [
			// workbox-window's "module" is its ES5 build (2.3 KB gzip); the same code for today's
			// browsers is 1.4 KB, and every browser that runs this app's Svelte 5 code runs it.
			{ find: /^workbox-window$/, replacement: fileURLToPath(WORKBOX_WINDOW) }
		]
	},
	server: { host: '127.0.0.1' },
	test: {
		// Every core: Vitest's default leaves one free, which on a 2-core machine is half of it.
		maxWorkers: availableParallelism(),
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					// Child processes: a DB file's PGlite in a worker thread crashed the run once (SIGTRAP).
					pool: 'forks',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					// The component tests need a browser: they are the project below.
					exclude: [...configDefaults.exclude, '**/*.browser.test.ts'],
					environment: 'node',
					// Migrates and seeds the DB tests' template databases once per run (createTestDb copies them).
					globalSetup: ['src/lib/server/db/test-templates.ts'],
					// DB tests open their own in-memory PGlite (or a fresh PostgreSQL database); migrations take a moment.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					// Client logic that needs a real browser (IndexedDB, focus, the service worker's events):
					// components in headless Chromium, the system's own (Debian's package; no browser download).
					name: 'browser',
					include: ['src/**/*.browser.test.ts'],
					browser: {
						enabled: true,
						headless: true,
						ui: false,
						screenshotFailures: false,
						provider: playwright({
							launchOptions: {
								executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
								args: [
									'--no-sandbox',
									'--disable-gpu',
									'--disable-background-networking',
									'--disable-component-update',
									'--disable-sync',
									'--no-first-run',
									// Chromium's fake microphone, allowed without asking: the voice recorder's test records.
									'--use-fake-device-for-media-stream',
									'--use-fake-ui-for-media-stream'
								]
							}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
