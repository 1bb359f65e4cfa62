/**
 * The server under test, as one plain Node process (no tsx: its loader hooks would sit in every
 * dynamic import SvelteKit makes per request): the built app (adapter-node, build/index.js) on
 * PORT, and on BENCH_STATIC_PORT a plain node:http server that answers GET /<name> with the file
 * BENCH_STATIC_DIR/<name> (a saved copy of a page's HTML), read once and kept in memory. Both run
 * in this one process, so "page / static" compares the same HTML on the same event loop.
 *
 * BENCH_APP_ENTRY serves another adapter-node build instead (the minimal SvelteKit page).
 *
 * The database must already be migrated and loaded (bench/load.ts): this process only serves.
 * Run by bench/run.ts and bench/budget.ts; not meant to be run by hand. It ends itself when the
 * benchmark that started it is gone, so a killed run leaves no server behind.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

const env = process.env;
env.HOST ??= '127.0.0.1';
env.ORIGIN ??= `http://127.0.0.1:${env.PORT}`;
// No identity provider runs: benchmark sessions are made directly in the database.
env.OIDC_ISSUER ??= 'http://127.0.0.1:9';

const staticPort = Number(env.BENCH_STATIC_PORT ?? 0);
const staticDir = env.BENCH_STATIC_DIR;
if (staticPort && staticDir) {
	/** @type {Map<string, Buffer>} */
	const cache = new Map();
	const server = createServer(async (req, res) => {
		const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
		let body = cache.get(name);
		if (!body) {
			try {
				body = await readFile(path.join(staticDir, name));
				cache.set(name, body);
			} catch {
				res.writeHead(404).end();
				return;
			}
		}
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
		res.end(body);
	});
	server.listen(staticPort, '127.0.0.1');
}

// adapter-node closes the HTTP server on SIGTERM/SIGINT; the database is thrown away after the
// run, so end the process then (this also lets --cpu-prof write its profile).
// BENCH_HEAP_PROFILE (bench:profile's BENCH_HEAP): V8's sampling heap profiler from the first SIGUSR2 (the
// start of the measured run) to the stop, written to that file. With BENCH_HEAP_PROMOTED=1 it keeps only
// what outlived a young-generation collection (what the scavenger had to copy or promote), else all.
let writeHeapProfile = async () => {};
if (env.BENCH_HEAP_PROFILE) {
	const { Session } = await import('node:inspector/promises');
	const { writeFileSync } = await import('node:fs');
	const session = new Session();
	session.connect();
	process.once('SIGUSR2', async () => {
		await session.post('HeapProfiler.enable');
		await session.post('HeapProfiler.startSampling', {
			samplingInterval: 16384,
			includeObjectsCollectedByMajorGC: true,
			includeObjectsCollectedByMinorGC: env.BENCH_HEAP_PROMOTED !== '1'
		});
		writeHeapProfile = async () => {
			const { profile } = await session.post('HeapProfiler.stopSampling');
			writeFileSync(/** @type {string} */ (env.BENCH_HEAP_PROFILE), JSON.stringify(profile));
		};
	});
}
process.once(/** @type {'exit'} */ ('sveltekit:shutdown'), () => {
	writeHeapProfile().finally(() => process.exit(0));
});

const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) process.exit(0);
}, 1000).unref();

await import(path.resolve(process.cwd(), env.BENCH_APP_ENTRY ?? 'build/index.js'));
