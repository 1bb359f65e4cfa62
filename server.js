/**
 * The production entry, `node server.js`: adapter-node's server (`build/index.js`, with every one of
 * its settings) plus a drain phase on SIGTERM.
 *
 * 1. SIGTERM: the app reports itself not ready at once (/readyz answers 503) and goes on serving
 *    for SHUTDOWN_DRAIN_SECONDS (default 5), so a load balancer that checks /readyz more often than
 *    that stops sending it requests before anything closes.
 * 2. Then the signal goes on to what build/index.js set up for it: adapter-node closes its listener
 *    and finishes the requests in flight (up to SHUTDOWN_TIMEOUT), and the app stops its jobs and
 *    closes the database (src/lib/server/lifecycle.ts). The process then ends by itself.
 *
 * Without the drain, a load balancer learns that a server is going only when its connections are
 * refused, and connections the kernel had already accepted for the closing listener are reset.
 * `node build/index.js` still works: it does step 2 at once. SIGINT (Ctrl-C) skips the drain, and a
 * second SIGTERM ends it early.
 */
import process from 'node:process';

/** Heard by src/lib/server/lifecycle.ts (DRAIN_EVENT). */
const DRAIN_EVENT = 'mit-forloeb:drain';

function drainSeconds(raw) {
	if (raw === undefined || raw.trim() === '') return 5;
	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300)
		throw new Error(`SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to 300 (it is "${raw}")`);
	return seconds;
}

const drainMs = drainSeconds(process.env.SHUTDOWN_DRAIN_SECONDS) * 1000;

// adapter-node's one body limit, raised to the largest upload (three photos of a topic); every
// other route keeps 512 KB through src/hooks/body-limit.ts. Read by build/index.js as it starts.
process.env.BODY_SIZE_LIMIT ??= '10M';

const before = new Set(process.listeners('SIGTERM'));
await import('./build/index.js');

// adapter-node's graceful shutdown and the app's own step 2, registered while build/index.js
// started: held back here until the drain is over.
const held = process.listeners('SIGTERM').filter((listener) => !before.has(listener));
if (held.length === 0)
	throw new Error('build/index.js set up nothing for SIGTERM: has adapter-node changed? See server.js.');
for (const listener of held) process.off('SIGTERM', listener);

let drain = null;
let passedOn = false;
function passOn() {
	if (passedOn) return;
	passedOn = true;
	clearTimeout(drain);
	for (const listener of held) listener('SIGTERM');
}

process.on('SIGTERM', () => {
	if (drain) return passOn();
	process.emit(DRAIN_EVENT);
	drain = setTimeout(passOn, drainMs);
});
