import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The documented export format (docs/export-schema.json, JSON Schema 2020-12), compiled once with
 * Ajv. Strict: a keyword or format Ajv does not know is an error, so the schema cannot say more
 * than is checked. allErrors: a test sees every problem at once.
 */
export const exportSchema = JSON.parse(readFileSync(path.resolve('docs/export-schema.json'), 'utf8')) as {
	properties: Record<string, unknown>;
	$defs: Record<string, unknown>;
};

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv, ['date', 'date-time', 'uuid']);
const validate = ajv.compile(exportSchema);

/** Checks a JSON export (as parsed from its text) against the schema; no errors is []. */
export function exportSchemaErrors(data: unknown): ErrorObject[] {
	return validate(data) ? [] : [...(validate.errors ?? [])];
}
