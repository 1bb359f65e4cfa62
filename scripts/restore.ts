// `npm run restore -- FILE [--force]`: puts a backup from `npm run backup` into the configured
// database — PostgreSQL (DATABASE_URL) with pg_restore in one transaction, or the embedded PGlite
// (PGLITE_DATA_DIR, default .data/pglite; stop the app first). Refuses, changing nothing, a file
// that is not a backup or is damaged, a backup of the other kind, and a database that already has
// tables (unless --force: PostgreSQL replaces the backed-up objects, PGlite keeps the old directory
// beside the new one). Runs under tsx outside Vite, so it uses relative imports only.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupRefused, restorePglite, restorePostgres } from '../src/lib/server/backup/index';

const USAGE = 'Usage: npm run restore -- FILE [--force]';

let values, positionals;
try {
	({ values, positionals } = parseArgs({
		allowPositionals: true,
		options: { force: { type: 'boolean', default: false }, help: { type: 'boolean' } }
	}));
} catch (error) {
	// An unknown option: say which, and how it is used (exit 2, nothing done).
	console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
	process.exit(2);
}
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
if (positionals.length !== 1) {
	console.error(`${positionals.length === 0 ? 'Which backup? Give one file.' : 'Give one file only.'}\n${USAGE}`);
	process.exit(2);
}

const file = path.resolve(positionals[0]);
const url = process.env.DATABASE_URL || undefined;

try {
	if (url) {
		const manifest = await restorePostgres(file, url, { force: values.force });
		console.log(
			`Restored ${Object.keys(manifest.tables).length} tables into PostgreSQL (backup of ${manifest.createdAt}).`
		);
	} else {
		const dataDir = path.resolve(process.env.PGLITE_DATA_DIR || '.data/pglite');
		const { manifest, movedAside } = await restorePglite(file, dataDir, { force: values.force });
		console.log(
			`Restored ${Object.keys(manifest.tables).length} tables into ${dataDir} (backup of ${manifest.createdAt}).`
		);
		if (movedAside) console.log(`The database that was there is kept in ${movedAside}.`);
	}
} catch (error) {
	if (error instanceof BackupRefused) {
		console.error(`Restore refused, nothing was changed: ${error.message}`);
		process.exitCode = 3;
	} else {
		console.error('Restore failed:', error instanceof Error ? error.message : error);
		process.exitCode = 1;
	}
}
