import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production files that cannot run here (no Docker on the machines the tests run on), read
 * for what they must say: the load balancer sends a refused or failed request on to the other
 * server, but never a POST a server already has.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The directives of an nginx file, comments left out: name → the values of each occurrence. */
function nginxDirectives(text: string): Map<string, string[][]> {
	const out = new Map<string, string[][]>();
	const code = text.replace(/#[^\n]*/g, '');
	for (const statement of code.split(/[;{}]/)) {
		const [name, ...values] = statement.trim().split(/\s+/);
		if (!name) continue;
		out.set(name, [...(out.get(name) ?? []), values]);
	}
	return out;
}

describe('deploy/nginx.conf', () => {
	const directives = nginxDirectives(read('deploy/nginx.conf'));

	it('sends a refused, dropped, 502 or 503 request on to the other server, at most once', () => {
		expect(directives.get('proxy_next_upstream')).toHaveLength(1);
		const [next] = directives.get('proxy_next_upstream')!;
		expect(next).toEqual(expect.arrayContaining(['error', 'timeout', 'http_502', 'http_503']));
		expect(directives.get('proxy_next_upstream_tries')).toEqual([['2']]);
	});

	it('never sends a POST again that a server already has (not every form is idempotent)', () => {
		const [next] = directives.get('proxy_next_upstream')!;
		expect(next).not.toContain('non_idempotent');
	});
});
