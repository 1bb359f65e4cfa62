import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './db';

/**
 * Readiness (/readyz): this server should get traffic only when the database answers, every
 * migration in drizzle/ has been applied, and the job runner is started — and not while it is
 * shutting down. /healthz says only that the process is alive.
 */

export interface Readiness {
	ready: boolean;
	checks: { database: boolean; migrations: boolean; jobs: boolean; shuttingDown: boolean };
}

let shuttingDown = false;

/** From the first moment of a graceful shutdown, the server reports itself not ready. */
export function markShuttingDown() {
	shuttingDown = true;
}

/** The time of the newest migration in drizzle/meta/_journal.json (drizzle records it as created_at). */
export function latestMigration(folder = path.resolve(process.cwd(), 'drizzle')): number {
	const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
		entries: Array<{ when: number }>;
	};
	return Math.max(...journal.entries.map((e) => e.when));
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timeout')), ms);
	});
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
	// postgres.js gives an array of rows, PGlite an object with rows.
	if (Array.isArray(result)) return result;
	return ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}

export async function readiness(
	db: Db | null,
	jobsStarted: boolean,
	options: { latestMigration: number; timeoutMs?: number }
): Promise<Readiness> {
	const checks = { database: false, migrations: false, jobs: jobsStarted, shuttingDown };
	if (db) {
		try {
			const result = await within(
				options.timeoutMs ?? 2000,
				db.execute(sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`)
			);
			checks.database = true;
			const latest = Number(rowsOf(result)[0]?.latest ?? 0);
			checks.migrations = latest >= options.latestMigration;
		} catch (cause) {
			// No migrations table at all: the database answered, but nothing is migrated.
			const code =
				(cause as { code?: unknown; cause?: { code?: unknown } }).code ??
				(cause as { cause?: { code?: unknown } }).cause?.code;
			if (code === '42P01' || code === '3F000') checks.database = true;
		}
	}
	return { ready: checks.database && checks.migrations && checks.jobs && !checks.shuttingDown, checks };
}
