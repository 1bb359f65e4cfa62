/**
 * A small JSON Schema (2020-12) checker for the keywords docs/export-schema.json uses: type,
 * properties, required, additionalProperties, items, enum, const, oneOf, $ref (local #/$defs),
 * minimum, maximum and the formats date-time, date and uuid. Any other keyword is an error, so
 * the schema cannot quietly say more than this checker checks. No package needed.
 */

import { isUuid } from '../../uuid';

export type JsonSchema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment', 'examples']);
const KNOWN = new Set([
	'type',
	'properties',
	'required',
	'additionalProperties',
	'items',
	'enum',
	'const',
	'oneOf',
	'$ref',
	'$defs',
	'minimum',
	'maximum',
	'format'
]);

const FORMATS: Record<string, (s: string) => boolean> = {
	'date-time': (s) =>
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
	date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)),
	uuid: isUuid
};

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	return actual === type || (type === 'number' && actual === 'integer');
}

/** Checks a value against a schema; returns one message per problem, with its JSON path. */
export function validateJson(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path = '$'): string[] {
	const errors: string[] = [];
	for (const keyword of Object.keys(schema)) {
		if (!KNOWN.has(keyword) && !ANNOTATIONS.has(keyword)) errors.push(`${path}: unsupported keyword ${keyword}`);
	}

	if (typeof schema.$ref === 'string') {
		const match = /^#\/\$defs\/([\w-]+)$/.exec(schema.$ref);
		const target = match ? (root.$defs as Record<string, JsonSchema> | undefined)?.[match[1]] : undefined;
		if (!target) return [...errors, `${path}: unknown $ref ${schema.$ref}`];
		errors.push(...validateJson(target, value, root, path));
	}

	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
		if (!types.some((t) => matchesType(value, t)))
			return [...errors, `${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
	}
	if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
		errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
	if (Array.isArray(schema.enum) && !schema.enum.some((option) => option === value))
		errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
	if (Array.isArray(schema.oneOf)) {
		const passing = (schema.oneOf as JsonSchema[]).filter(
			(option) => validateJson(option, value, root, path).length === 0
		);
		if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of the oneOf options, not exactly 1`);
	}

	if (typeof value === 'string' && typeof schema.format === 'string') {
		const check = FORMATS[schema.format];
		if (!check) errors.push(`${path}: unsupported format ${schema.format}`);
		else if (!check(value)) errors.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
	}
	if (typeof value === 'number') {
		if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
		if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
	}

	if (Array.isArray(value) && schema.items) {
		value.forEach((item, i) => errors.push(...validateJson(schema.items as JsonSchema, item, root, `${path}[${i}]`)));
	}

	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const record = value as Record<string, unknown>;
		const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
		for (const key of (schema.required ?? []) as string[]) {
			if (!(key in record)) errors.push(`${path}: missing ${key}`);
		}
		for (const [key, inner] of Object.entries(record)) {
			if (properties[key]) errors.push(...validateJson(properties[key], inner, root, `${path}.${key}`));
			else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${key}`);
			else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
				errors.push(...validateJson(schema.additionalProperties as JsonSchema, inner, root, `${path}.${key}`));
		}
	}
	return errors;
}
