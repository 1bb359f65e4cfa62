import type { PGlite } from '@electric-sql/pglite';

/**
 * A named prepared statement in the embedded PGlite.
 *
 * PGlite's query() parses and plans every statement anew, in six passes through its WebAssembly
 * (parse, describe, bind, describe, execute, sync). For a page's one big read (the plan: ten
 * json_agg subqueries) that took 3–7 ms of the 8–9 ms the whole request cost; a statement parsed
 * once and then only bound and executed took 1.1–1.4 ms (measured on this machine, 100 runs each).
 * PostgreSQL gets the same from postgres.js (src/lib/server/db/index.ts); PGlite has no such
 * option, so this speaks the wire protocol's Parse / Bind / Execute / Sync itself.
 *
 * Parameters are sent as text, typed by PostgreSQL from the statement (as psql does); results come
 * back as text (the callers read JSON). Like query(), a call waits for any open transaction and
 * any other query to end first, so it never runs inside someone else's transaction.
 */
export function pgliteStatement(client: PGlite, name: string, text: string) {
	let parsed: Promise<void> | null = null;
	const exclusive = <T>(fn: () => Promise<T>) => client._runExclusiveTransaction(() => client._runExclusiveQuery(fn));
	return async (values: readonly unknown[]): Promise<(string | null)[]> => {
		parsed ??= exclusive(async () => {
			await client.execProtocol(concat(message('P', cstring(name), cstring(text), int16(0)), SYNC));
		}).catch((error: unknown) => {
			parsed = null; // try again next time
			throw error;
		});
		await parsed;
		const { messages } = await exclusive(() => client.execProtocol(concat(bind(name, values), EXECUTE, SYNC)));
		const row = messages.find((m) => m.name === 'dataRow') as { fields: (string | null)[] } | undefined;
		if (!row) throw new Error(`PGlite statement ${name} gave no row`);
		return row.fields;
	};
}

/** Whether this drizzle handle is the embedded PGlite itself (not a transaction, not PostgreSQL). */
export function pgliteClientOf(db: unknown): PGlite | null {
	const client = (db as { session?: { client?: unknown } }).session?.client as Partial<PGlite> | undefined;
	return client && typeof client.execProtocol === 'function' && typeof client._runExclusiveTransaction === 'function'
		? (client as PGlite)
		: null;
}

const encoder = new TextEncoder();

function cstring(text: string): Uint8Array {
	const bytes = encoder.encode(text);
	const out = new Uint8Array(bytes.length + 1);
	out.set(bytes);
	return out;
}

function int16(n: number): Uint8Array {
	const out = new Uint8Array(2);
	new DataView(out.buffer).setInt16(0, n);
	return out;
}

function int32(n: number): Uint8Array {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setInt32(0, n);
	return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** A frontend message: its type byte, its length (itself included), its body. */
function message(type: string, ...body: Uint8Array[]): Uint8Array {
	const payload = concat(...body);
	return concat(new Uint8Array([type.charCodeAt(0)]), int32(payload.length + 4), payload);
}

/** Bind the unnamed portal to the statement, every parameter and result in text format. */
function bind(name: string, values: readonly unknown[]): Uint8Array {
	const parts = [cstring(''), cstring(name), int16(0), int16(values.length)];
	for (const value of values) {
		if (value === null || value === undefined) parts.push(int32(-1));
		else {
			const bytes = encoder.encode(asText(value));
			parts.push(int32(bytes.length), bytes);
		}
	}
	parts.push(int16(0));
	return message('B', ...parts);
}

function asText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

const EXECUTE = message('E', cstring(''), int32(0));
const SYNC = message('S');
