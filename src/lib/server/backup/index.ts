import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import * as v from 'valibot';

/**
 * Backups of either database, in one file: a first line that says what it is, a line of JSON (the
 * manifest: kind, when, the tables with their row counts, the payload's size and SHA-256), then the
 * payload — `pg_dump --format=custom` for PostgreSQL, PGlite's `dumpDataDir()` (a tar.gz of the data
 * directory) for the embedded database.
 *
 * Restore reads the manifest first and refuses, before touching anything, a file that is not such a
 * backup (or is cut short or changed), a backup of the other kind, and a target that already holds
 * tables (unless forced). After restoring it counts the rows of every table against the manifest.
 */

export const MAGIC = 'MIT-FORLOEB-BACKUP 1';
const MAX_HEADER_BYTES = 1024 * 1024;

const manifestSchema = v.object({
	format: v.literal('mit-forloeb-backup'),
	version: v.literal(1),
	kind: v.picklist(['postgres', 'pglite']),
	createdAt: v.pipe(v.string(), v.isoTimestamp()),
	/** Migrations applied in the database that was backed up (drizzle's journal). */
	migrations: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** "schema.table" → rows. */
	tables: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))),
	payload: v.object({
		bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
		sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
		tool: v.string()
	})
});
export type Manifest = v.InferOutput<typeof manifestSchema>;

/** A refusal: nothing was changed. `reason` is for scripts and tests, the message for people. */
export class BackupRefused extends Error {
	constructor(
		readonly reason: 'not_a_backup' | 'damaged' | 'wrong_kind' | 'not_empty' | 'in_use',
		message: string
	) {
		super(message);
	}
}

// --- what is in a database ---------------------------------------------------------------------

/** Runs a query on a raw client of either kind. */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export function pgliteQuery(client: PGlite): Query {
	return async (text) => (await client.query<Record<string, unknown>>(text)).rows;
}

export function postgresQuery(sql: postgres.Sql): Query {
	return async (text) => [...(await sql.unsafe(text))] as Record<string, unknown>[];
}

const USER_TABLES = `
	select n.nspname as schema, c.relname as name, c.oid::int as oid
	from pg_class c join pg_namespace n on n.oid = c.relnamespace
	where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
		and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
	order by 1, 2`;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function userTables(query: Query): Promise<Array<{ schema: string; name: string; oid: number }>> {
	return (await query(USER_TABLES)) as Array<{ schema: string; name: string; oid: number }>;
}

/** Rows per table, and for the test a checksum: md5 of every row's text, in primary-key order. */
export async function tableSummaries(
	query: Query,
	{ checksums = false } = {}
): Promise<Record<string, { rows: number; md5?: string }>> {
	const out: Record<string, { rows: number; md5?: string }> = {};
	for (const table of await userTables(query)) {
		const name = `${ident(table.schema)}.${ident(table.name)}`;
		if (!checksums) {
			const [row] = await query(`select count(*)::int as rows from ${name}`);
			out[`${table.schema}.${table.name}`] = { rows: Number(row.rows) };
			continue;
		}
		const keyColumns = (await query(`
			select a.attname as column from pg_index i
			join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
			where i.indrelid = ${table.oid} and i.indisprimary
			order by array_position(i.indkey, a.attnum)`)) as Array<{ column: string }>;
		const order = keyColumns.length ? keyColumns.map((k) => `t.${ident(k.column)}`).join(', ') : 't::text';
		const [row] = await query(
			`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from ${name} t`
		);
		out[`${table.schema}.${table.name}`] = { rows: Number(row.rows), md5: String(row.md5) };
	}
	return out;
}

async function migrationCount(query: Query): Promise<number> {
	const tables = await userTables(query);
	if (!tables.some((t) => t.schema === 'drizzle' && t.name === '__drizzle_migrations')) return 0;
	const [row] = await query('select count(*)::int as n from drizzle.__drizzle_migrations');
	return Number(row.n);
}

async function countsOf(query: Query): Promise<Record<string, number>> {
	const summaries = await tableSummaries(query);
	return Object.fromEntries(Object.entries(summaries).map(([k, s]) => [k, s.rows]));
}

// --- the file ------------------------------------------------------------------------------------

async function sha256OfFile(file: string, start = 0): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(file, { start })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Writes MAGIC, the manifest and the payload (a file) to `out`, through a temporary name. */
async function writeBackup(out: string, manifest: Manifest, payloadFile: string) {
	await mkdir(path.dirname(path.resolve(out)), { recursive: true });
	const partial = `${out}.partial`;
	await writeFile(partial, `${MAGIC}\n${JSON.stringify(manifest)}\n`, { mode: 0o600 });
	await pipeline(createReadStream(payloadFile), createWriteStream(partial, { flags: 'a' }));
	await rename(partial, out);
}

/** Reads and checks a backup's manifest and payload; throws BackupRefused for anything else. */
export async function readBackup(file: string): Promise<{ manifest: Manifest; payloadStart: number }> {
	const handle = await open(file, 'r').catch(() => {
		throw new BackupRefused('not_a_backup', `Cannot read ${file}.`);
	});
	let head: Buffer;
	try {
		const buffer = Buffer.alloc(MAX_HEADER_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
		head = buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
	const notABackup = () =>
		new BackupRefused('not_a_backup', `${file} is not a Mit forløb backup (made by npm run backup).`);
	if (!head.subarray(0, MAGIC.length + 1).equals(Buffer.from(`${MAGIC}\n`))) throw notABackup();
	const end = head.indexOf(0x0a, MAGIC.length + 1);
	if (end < 0) throw notABackup();
	let manifest: Manifest;
	try {
		manifest = v.parse(manifestSchema, JSON.parse(head.subarray(MAGIC.length + 1, end).toString('utf8')));
	} catch {
		throw notABackup();
	}
	const payloadStart = end + 1;
	const { size } = await stat(file);
	if (
		size - payloadStart !== manifest.payload.bytes ||
		(await sha256OfFile(file, payloadStart)) !== manifest.payload.sha256
	)
		throw new BackupRefused('damaged', `${file} is damaged: it is not the size or content it was written with.`);
	return { manifest, payloadStart };
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'mf-backup-'));
	try {
		return await fn(dir);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

async function extractPayload(file: string, start: number, to: string) {
	await pipeline(createReadStream(file, { start }), createWriteStream(to, { mode: 0o600 }));
}

// --- PostgreSQL ------------------------------------------------------------------------------------

/** pg_dump and pg_restore: PG_BINDIR, else the newest Debian /usr/lib/postgresql/<v>/bin, else PATH. */
function postgresTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
	if (env.PG_BINDIR) return path.join(env.PG_BINDIR, name);
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((d) => existsSync(path.join(root, d, 'bin', name)))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.length ? path.join(root, versions[0], 'bin', name) : name;
}

/** The URL without its password (which goes in PGPASSWORD, out of the process list). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(url);
	const password = decodeURIComponent(parsed.password);
	parsed.password = '';
	return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', (cause) =>
			reject(
				new Error(
					`${command} could not be started (${cause.message}); install PostgreSQL's client programs or set PG_BINDIR`
				)
			)
		);
		child.on('close', (code) =>
			code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (${code}):\n${output.trim()}`))
		);
	});
}

export async function backupPostgres(
	url: string,
	out: string,
	env: NodeJS.ProcessEnv = process.env
): Promise<Manifest> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		return await withTempDir(async (dir) => {
			const dump = path.join(dir, 'dump');
			const { dbname, env: childEnv } = connection(url);
			const tool = postgresTool('pg_dump', env);
			// The counts first, then the dump: rows written in between are in the dump, not the counts,
			// so the manifest is a floor the restore must reach (checked exactly when nothing writes).
			const query = postgresQuery(sql);
			const [tables, migrations] = [await countsOf(query), await migrationCount(query)];
			await run(tool, ['--format=custom', '--compress=6', `--file=${dump}`, `--dbname=${dbname}`], childEnv);
			const version = (await run(tool, ['--version'], childEnv)).trim();
			const manifest: Manifest = {
				format: 'mit-forloeb-backup',
				version: 1,
				kind: 'postgres',
				createdAt: new Date().toISOString(),
				migrations,
				tables,
				payload: { bytes: (await stat(dump)).size, sha256: await sha256OfFile(dump), tool: version }
			};
			await writeBackup(out, manifest, dump);
			return manifest;
		});
	} finally {
		await sql.end({ timeout: 5 });
	}
}

export async function restorePostgres(
	file: string,
	url: string,
	{ force = false, env = process.env }: { force?: boolean; env?: NodeJS.ProcessEnv } = {}
): Promise<Manifest> {
	const { manifest, payloadStart } = await readBackup(file);
	if (manifest.kind !== 'postgres')
		throw new BackupRefused('wrong_kind', `${file} is a backup of the embedded database (PGlite), not of PostgreSQL.`);
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const query = postgresQuery(sql);
		const existing = await userTables(query);
		if (existing.length > 0 && !force)
			throw new BackupRefused(
				'not_empty',
				`The database already has ${existing.length} tables. Restore into an empty database, or add --force to replace what is there.`
			);
		await withTempDir(async (dir) => {
			const dump = path.join(dir, 'dump');
			await extractPayload(file, payloadStart, dump);
			const { dbname, env: childEnv } = connection(url);
			// One transaction: a restore that fails leaves the database as it was.
			const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', `--dbname=${dbname}`];
			if (force) args.push('--clean', '--if-exists');
			await run(postgresTool('pg_restore', env), [...args, dump], childEnv);
		});
		await checkCounts(query, manifest);
		return manifest;
	} finally {
		await sql.end({ timeout: 5 });
	}
}

// --- PGlite ----------------------------------------------------------------------------------------

/** PGlite writes postmaster.pid while a process has the directory open (and removes it on close). */
function pgliteInUse(dataDir: string): boolean {
	return existsSync(path.join(dataDir, 'postmaster.pid'));
}

/** Backs up an open PGlite (a test's, or one opened by the script on a stopped app's directory). */
export async function backupPglite(client: PGlite, out: string): Promise<Manifest> {
	return withTempDir(async (dir) => {
		const query = pgliteQuery(client);
		const [tables, migrations] = [await countsOf(query), await migrationCount(query)];
		const tarball = path.join(dir, 'data.tar.gz');
		const blob = await client.dumpDataDir('gzip');
		await writeFile(tarball, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
		const pkg = JSON.parse(readFileSync(path.resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8'));
		const manifest: Manifest = {
			format: 'mit-forloeb-backup',
			version: 1,
			kind: 'pglite',
			createdAt: new Date().toISOString(),
			migrations,
			tables,
			payload: { bytes: blob.size, sha256: await sha256OfFile(tarball), tool: `PGlite ${pkg.version}` }
		};
		await writeBackup(out, manifest, tarball);
		return manifest;
	});
}

async function isEmptyDir(dir: string): Promise<boolean> {
	try {
		return (await readdir(dir)).length === 0;
	} catch {
		return true; // does not exist yet
	}
}

/**
 * Restores into a PGlite data directory that is empty or does not exist. With force, a directory
 * that holds a database is kept beside it as `<dir>.before-restore-<time>` (nothing is deleted).
 * Returns the manifest and, when a directory was moved aside, where it went.
 */
export async function restorePglite(
	file: string,
	dataDir: string,
	{ force = false }: { force?: boolean } = {}
): Promise<{ manifest: Manifest; movedAside?: string }> {
	const { manifest, payloadStart } = await readBackup(file);
	if (manifest.kind !== 'pglite')
		throw new BackupRefused('wrong_kind', `${file} is a backup of PostgreSQL, not of the embedded database (PGlite).`);
	if (pgliteInUse(dataDir))
		throw new BackupRefused('in_use', `${dataDir} is open in a running app (postmaster.pid). Stop the app first.`);
	let movedAside: string | undefined;
	if (!(await isEmptyDir(dataDir))) {
		if (!force)
			throw new BackupRefused(
				'not_empty',
				`${dataDir} already holds a database. Restore into an empty directory, or add --force (the old one is kept beside it).`
			);
		movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		await rename(dataDir, movedAside);
	}
	const payload = await withTempDir(async (dir) => {
		const tarball = path.join(dir, 'data.tar.gz');
		await extractPayload(file, payloadStart, tarball);
		return readFileSync(tarball);
	});
	await mkdir(dataDir, { recursive: true });
	try {
		const client = new PGlite(dataDir, { loadDataDir: new Blob([payload]) });
		try {
			await client.waitReady;
			await checkCounts(pgliteQuery(client), manifest);
		} finally {
			await client.close();
		}
	} catch (cause) {
		// Put things back as they were: no half-restored directory, the old one where it was.
		await rm(dataDir, { recursive: true, force: true });
		if (movedAside) await rename(movedAside, dataDir);
		throw cause;
	}
	return { manifest, movedAside };
}

/** Opens a PGlite data directory for a backup; refuses one a running app has open. */
export async function openPgliteForBackup(dataDir: string, { force = false } = {}): Promise<PGlite> {
	if (await isEmptyDir(dataDir)) throw new BackupRefused('not_a_backup', `${dataDir} holds no database.`);
	if (pgliteInUse(dataDir) && !force)
		throw new BackupRefused(
			'in_use',
			`${dataDir} is open in a running app (postmaster.pid). Stop the app first (or --force if it crashed).`
		);
	const client = new PGlite(dataDir);
	await client.waitReady;
	return client;
}

async function checkCounts(query: Query, manifest: Manifest) {
	const restored = await countsOf(query);
	const short = Object.entries(manifest.tables).filter(([table, rows]) => (restored[table] ?? -1) < rows);
	if (short.length > 0)
		throw new Error(`The restored database is missing rows in: ${short.map(([t]) => t).join(', ')}`);
}
