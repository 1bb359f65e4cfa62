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
}

export interface OpenDatabase {
	db: Db;
	kind: 'pglite' | 'postgres';
	close: () => Promise<void>;
}

const defaultMigrations = () => path.resolve(process.cwd(), 'drizzle');

/** Opens the database and applies the migrations in drizzle/ before anything else uses it. */
export async function openDatabase(config: DatabaseConfig = {}): Promise<OpenDatabase> {
	const migrationsFolder = config.migrationsFolder ?? defaultMigrations();
	if (config.url) {
		const sql = postgres(config.url, {
			max: config.poolSize ?? 10,
			onnotice: () => {},
			connection: { application_name: 'mit-forloeb' }
		});
		const db = drizzlePostgres(sql, { schema });
		await migratePostgres(db, { migrationsFolder });
		return { db: db as unknown as Db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
	}
	const dataDir = config.dataDir ?? path.resolve(process.cwd(), '.data/pglite');
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const client = new PGlite(dataDir);
	const db = drizzlePglite(client, { schema });
	await migratePglite(db, { migrationsFolder });
	return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

let current: OpenDatabase | undefined;

/** Opens the app's database once per process, from the environment. */
export async function initDatabase(env: NodeJS.ProcessEnv = process.env): Promise<OpenDatabase> {
	current ??= await openDatabase({
		url: env.DATABASE_URL || undefined,
		dataDir: env.PGLITE_DATA_DIR || undefined,
		poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined
	});
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

export { schema };
