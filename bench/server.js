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
process.once(/** @type {'exit'} */ ('sveltekit:shutdown'), () => process.exit(0));

const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) process.exit(0);
}, 1000).unref();

await import(path.resolve(process.cwd(), env.BENCH_APP_ENTRY ?? 'build/index.js'));
