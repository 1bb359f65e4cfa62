import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		// DB tests open their own in-memory PGlite (or a fresh PostgreSQL database); migrations take a moment.
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
