import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import * as schema from './schema';
import { wholeNumberSetting } from '../whole-number-setting';

/** Either a database handle or a transaction: repositories accept both. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConfig {
	/** postgres://… for PostgreSQL; absent for the embedded PGlite. */
	url?: string;
	/** PGlite data directory; 'memory://' keeps it in memory (tests). */
	dataDir?: string;
	/** Connections per app server (PostgreSQL only). */
	poolSize?: number;
	migrationsFolder?: string;
	/** PGlite: start from this dumped data directory (dumpDataDir()) instead of an empty one (tests). */
	loadDataDir?: Blob;
}

export interface OpenDatabase {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** The raw clients, for what drizzle does not do (pg-boss's PGlite adapter, LISTEN). */
	pglite?: PGlite;
	sql?: postgres.Sql;
	/** The connection string, for libraries that open their own pool (pg-boss on PostgreSQL). */
	url?: string;
	/**
	 * Subscribes to a PostgreSQL notification channel (LISTEN); works on PGlite too.
	 * Returns a function that unsubscribes.
	 */
	listen: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
	/** Sends a notification (NOTIFY) that every app server listening on the channel receives. */
	notify: (channel: string, payload: string) => Promise<void>;
	close: () => Promise<void>;
}

/**
 * drizzle sends each query through postgres.js's `unsafe()`, which by default makes PostgreSQL
 * parse and plan the statement anew every time. The app's statements are a fixed set (values are
 * always parameters), so let postgres.js keep each as a named prepared statement per connection:
 * PostgreSQL then plans it once per connection (postgres.js recycles connections after 30–60
 * minutes). drizzle asks for `prepare: false` unless a query was .prepare()d by name, so this
 * overrides it. Transactions get their own `sql` from begin() and stay unprepared; they are rare.
 * Behind a pooler in transaction mode (PgBouncer < 1.21) named statements break: set
 * DATABASE_PREPARE=0 there.
 */
function preparedByDefault(sql: postgres.Sql): postgres.Sql {
	if (process.env.DATABASE_PREPARE === '0') return sql;
	return new Proxy(sql, {
		get(target, property, receiver) {
			if (property !== 'unsafe') return Reflect.get(target, property, receiver);
			return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
				target.unsafe(query, args, { ...options, prepare: true });
		}
	});
}

const defaultMigrations = () => path.resolve(process.cwd(), 'drizzle');

/**
 * App servers that start together against a new database would both apply the migrations and one
 * would fail ("relation already exists"): a session advisory lock, on a connection of its own (the
 * pool may be a single connection), lets one migrate while the others wait, then find nothing to do.
 */
const MIGRATION_LOCK = 727_101;
async function withMigrationLock<T>(url: string, migrate: () => Promise<T>): Promise<T> {
	const lock = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'mit-forloeb-migrate' } });
	try {
		await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
		return await migrate();
	} finally {
		// Ending the connection releases the lock too.
		await lock.end({ timeout: 5 });
	}
}

/** Opens the database and applies the migrations in drizzle/ before anything else uses it. */
export async function openDatabase(config: DatabaseConfig = {}): Promise<OpenDatabase> {
	const migrationsFolder = config.migrationsFolder ?? defaultMigrations();
	if (config.url) {
		const sql = postgres(config.url, {
			max: config.poolSize ?? 10,
			// When the database is away, postgres.js waits longer before each new try (by default up to
			// 20 s), and requests queue behind that wait. Try again within a second, and give up on a
			// connection that does not answer within 5 s, so a request gets a quick 503 (see
			// unavailable.ts) and the app is back within a second of the database.
			backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
			connect_timeout: 5,
			onnotice: () => {},
			connection: { application_name: 'mit-forloeb' }
		});
		const db = drizzlePostgres(preparedByDefault(sql), { schema });
		await withMigrationLock(config.url, () => migratePostgres(db, { migrationsFolder }));
		return {
			db: db as unknown as Db,
			kind: 'postgres',
			sql,
			url: config.url,
			listen: async (channel, onMessage) => {
				const { unlisten } = await sql.listen(channel, (payload) => onMessage(payload));
				return unlisten;
			},
			notify: async (channel, payload) => {
				await sql.notify(channel, payload);
			},
			close: () => sql.end({ timeout: 5 })
		};
	}
	const dataDir = config.dataDir ?? path.resolve(process.cwd(), '.data/pglite');
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const client = config.loadDataDir ? new PGlite({ dataDir, loadDataDir: config.loadDataDir }) : new PGlite(dataDir);
	const db = drizzlePglite(client, { schema });
	await migratePglite(db, { migrationsFolder });
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		pglite: client,
		listen: async (channel, onMessage) => client.listen(channel, onMessage),
		notify: async (channel, payload) => {
			await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
		},
		close: () => client.close()
	};
}

/** A database setting that is wrong: the server does not start, and says which and why. */
export class DatabaseConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseConfigError';
	}
}

const MAX_POOL_SIZE = 500;

/**
 * DATABASE_POOL_SIZE: connections per app server, a whole number from 1 to MAX_POOL_SIZE; unset or
 * empty gives the default (10). Anything else stops the server at start with a plain message
 * (a pool of NaN or 0 would otherwise fail every query later, far from the typo).
 */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
	return wholeNumberSetting('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, {
		max: MAX_POOL_SIZE,
		meaning: 'connections per app server',
		fail: (message) => new DatabaseConfigError(message)
	});
}

let current: OpenDatabase | undefined;

/** Opens the app's database once per process, from the environment. Refuses bad settings first. */
export async function initDatabase(env: NodeJS.ProcessEnv = process.env): Promise<OpenDatabase> {
	const poolSize = poolSizeFromEnv(env);
	current ??= await openDatabase({
		url: env.DATABASE_URL || undefined,
		dataDir: env.PGLITE_DATA_DIR || undefined,
		poolSize
	});
	return current;
}

/** The open database with its raw clients; initDatabase() must have run. */
export function getOpenDatabase(): OpenDatabase {
	if (!current) throw new Error('Database not initialised');
	return current;
}

/** The app's database; initDatabase() must have run (the server's init hook does it). */
export function getDb(): Db {
	if (!current) throw new Error('Database not initialised');
	return current.db;
}

export async function closeDatabase(): Promise<void> {
	await current?.close();
	current = undefined;
}
