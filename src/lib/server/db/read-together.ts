import { fillPlaceholders, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import * as drizzleUtils from 'drizzle-orm/utils';
import type { Db } from './index';
import { pgliteClientOf, pgliteStatement } from './pglite-statement';

/** A drizzle select, however far it is built (after .where() its type is no longer PgSelect). */
type Select = SQLWrapper & PromiseLike<readonly unknown[]>;

/**
 * Several independent reads in ONE round trip to the database.
 *
 * A page used to send each of its reads on its own (a plan page: twelve), and every round trip
 * costs the app a socket write and a wake-up of the database, and on PGlite a pass through its
 * protocol. Here each select becomes a `json_agg` subquery of one statement:
 *
 *   select (select coalesce(json_agg(t0), '[]') from (<select 0>) as t0(c0, c1, …)) as r0, …
 *
 * and its rows are decoded by drizzle's own column mappers, so each result is exactly what
 * awaiting that select on its own gives (same objects, Dates, nested selections, left joins that
 * found nothing as null), in the same order: a subquery's ORDER BY carries through json_agg (no
 * parallel or partial aggregation exists for json_agg). The columns are renamed c0, c1, … so two
 * columns of the same name (an id of each joined table) cannot collide.
 *
 * Only for reads that do not depend on each other; a read that needs another's answer waits for it.
 * Every value must survive JSON: the schema has timestamptz (ISO text in JSON, which drizzle reads
 * as it reads the driver's text), date (text), numbers, booleans, text, uuid, enums and jsonb.
 */
export async function readTogether<const Q extends readonly Select[]>(db: Db, queries: Q): Promise<Results<Q>> {
	const statement = together(queries);
	return statement.decode(await db.execute(statement.sql));
}

/** The names of preparedReads' statements: each must be its own (a database keeps one per name). */
const statementNames = new Set<string>();

/**
 * The same, built once per database handle: `build` gets placeholders (`p.citizenId`) instead of
 * values, and each call only fills them in. Building a page's statement (drizzle walking a dozen
 * selects to write their SQL) cost the plan page a sixth of its CPU; now it happens once. The
 * database also keeps it as a named prepared statement, planned once: PostgreSQL through
 * postgres.js, the embedded PGlite through ./pglite-statement.ts. `name` names that statement:
 * one per preparedReads.
 *
 * Values go to the driver as they are, not through a column's encoder: give text (a Date as
 * toISOString(), a day as "YYYY-MM-DD"), numbers, booleans or null. Everything that varies must be
 * a placeholder: a value written into `build` is kept for the life of the process.
 */
export function preparedReads<const Names extends string, const Q extends readonly Select[]>(
	name: string,
	names: readonly Names[],
	build: (db: Db, p: Record<Names, Placeholder>) => Q
): (db: Db, values: Record<Names, string | number | boolean | null>) => Promise<Results<Q>> {
	if (statementNames.has(name)) throw new Error(`preparedReads: the name ${name} is taken`);
	statementNames.add(name);
	const placeholders = Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as unknown as Record<
		Names,
		Placeholder
	>;
	const built = new WeakMap<Db, (values: Record<string, unknown>) => Promise<Results<Q>>>();
	return async (db, values) => {
		let read = built.get(db);
		if (!read) {
			const statement = together(build(db, placeholders));
			const { dialect, session } = db as unknown as DatabaseInternals;
			const query = dialect.sqlToQuery(statement.sql);
			const pglite = pgliteClientOf(db);
			if (pglite) {
				// The embedded database: a named statement of its own (./pglite-statement.ts).
				const execute = pgliteStatement(pglite, name, query.sql);
				read = async (given) => {
					const fields = await execute(fillPlaceholders(query.params, given));
					return statement.decode([Object.fromEntries(fields.map((field, i) => [`r${i}`, field]))]);
				};
			} else {
				const prepared = session.prepareQuery(query, undefined, name, false);
				read = async (given) => statement.decode(await prepared.execute(given));
			}
			built.set(db, read);
		}
		return read(values);
	};
}

type Results<Q extends readonly Select[]> = { -readonly [K in keyof Q]: Awaited<Q[K]> };

/** One statement of json_agg subqueries, and how to read its one row back into each select's rows. */
function together<const Q extends readonly Select[]>(queries: Q) {
	const parts = queries.map((query) => {
		const internals = query as unknown as SelectInternals;
		return {
			query,
			fields: orderSelectedFields(internals.config.fields),
			joinsNotNullableMap: internals.joinsNotNullableMap
		};
	});
	const columns = parts.map((part, i) => {
		const alias = `t${i}`;
		const names = sql.raw(part.fields.map((_, c) => `c${c}`).join(', '));
		return sql`(select coalesce(json_agg(${sql.raw(alias)}), '[]'::json) from ${part.query} as ${sql.raw(alias)}(${names})) as ${sql.raw(`r${i}`)}`;
	});
	const decode = (result: unknown): Results<Q> => {
		// postgres.js answers with an array of rows, PGlite with { rows }.
		const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as Record<
			string,
			unknown
		>;
		return parts.map((part, i) => {
			const raw = row[`r${i}`];
			const objects = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>[];
			return objects.map((object) =>
				mapResultRow(
					part.fields,
					part.fields.map((_, c) => object[`c${c}`]),
					part.joinsNotNullableMap
				)
			);
		}) as Results<Q>;
	};
	return { sql: sql`select ${sql.join(columns, sql`, `)}`, decode };
}

/**
 * What drizzle keeps on a select builder, and the two functions it maps its own rows with: marked
 * internal (not in its type declarations), so typed here; drizzle-orm is pinned (package.json) and
 * read-together.db.test.ts fails if a new version changes them.
 */
interface SelectInternals {
	config: { fields: Record<string, unknown> };
	joinsNotNullableMap: Record<string, boolean>;
}
type FieldList = { path: string[]; field: unknown }[];
interface PreparedQuery {
	execute: (values: Record<string, unknown>) => Promise<unknown>;
}
interface DatabaseInternals {
	dialect: { sqlToQuery: (statement: SQL) => { sql: string; params: unknown[] } };
	session: {
		prepareQuery: (
			query: { sql: string; params: unknown[] },
			fields: undefined,
			name: string,
			arrayMode: false
		) => PreparedQuery;
	};
}
const { mapResultRow, orderSelectedFields } = drizzleUtils as unknown as {
	orderSelectedFields: (fields: Record<string, unknown>) => FieldList;
	mapResultRow: (fields: FieldList, row: unknown[], joinsNotNullableMap: Record<string, boolean>) => unknown;
};
