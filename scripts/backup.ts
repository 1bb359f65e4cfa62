// `npm run backup -- [--out FILE] [--force]`: one file with the whole database and a manifest.
// PostgreSQL (DATABASE_URL) through pg_dump; the embedded PGlite (PGLITE_DATA_DIR, default
// .data/pglite) through its data-directory dump — stop the app first, PGlite is one process's.
// Runs under tsx outside Vite, so it uses relative imports only (no `$lib`).

import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupPglite, backupPostgres, BackupRefused, openPgliteForBackup } from '../src/lib/server/backup/index';

const USAGE =
	'Usage: npm run backup -- [--out FILE] [--force]\n(--force: back up a PGlite directory that a crashed app left marked as open)';

let values;
try {
	({ values } = parseArgs({
		options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean' } }
	}));
} catch (error) {
	// An unknown option or a stray argument: say which, and how it is used (exit 2, nothing done).
	console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
	process.exit(2);
}
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}

const url = process.env.DATABASE_URL || undefined;
const kind = url ? 'postgres' : 'pglite';
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const out = path.resolve(values.out ?? `backups/mit-forloeb-${kind}-${stamp}.mfbackup`);

try {
	let manifest;
	if (url) {
		manifest = await backupPostgres(url, out);
	} else {
		const dataDir = path.resolve(process.env.PGLITE_DATA_DIR || '.data/pglite');
		const client = await openPgliteForBackup(dataDir, { force: values.force });
		try {
			manifest = await backupPglite(client, out);
		} finally {
			await client.close();
		}
	}
	const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
	console.log(
		`Backup of ${kind}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ` +
			`${(manifest.payload.bytes / 1024 / 1024).toFixed(1)} MB (${manifest.payload.tool})\n→ ${out}`
	);
} catch (error) {
	if (error instanceof BackupRefused) {
		console.error(`Backup refused: ${error.message}`);
		process.exitCode = 3;
	} else {
		console.error('Backup failed:', error instanceof Error ? error.message : error);
		process.exitCode = 1;
	}
}
