/**
 * The one pattern for an id (a UUID as PostgreSQL prints it, any case). Route params go through
 * src/params/uuid.ts; ids read from forms, cookies and request bodies are checked with the same
 * pattern, so a value PostgreSQL would refuse never reaches a query (that would be a 500).
 */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): value is string => UUID_RE.test(value);
