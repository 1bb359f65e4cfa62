import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production files that cannot run here (no Docker on the machines the tests run on), read
 * for what they must say: the load balancer sends a refused or failed request on to the other
 * server, but never a POST a server already has; the image can run `npm run backup` and
 * `npm run restore` (every file they import, tsx with its esbuild binary, pg_dump and pg_restore).
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

/** The instructions of the Dockerfile's stage `name`, continuation lines joined, comments left out. */
function dockerStage(text: string, name: string): string[] {
	const lines = text
		.replace(/\\\n/g, ' ')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'));
	const start = lines.findIndex((l) => new RegExp(`^FROM \\S+ AS ${name}$`, 'i').test(l));
	if (start < 0) return [];
	const end = lines.findIndex((l, i) => i > start && /^FROM /i.test(l));
	return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** A script and every project file it imports through relative paths, as tsx resolves them. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) return seen;
	seen.add(file);
	const source = read(file);
	for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
		const base = path.join(path.dirname(file), spec);
		const found = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find(
			(f) => existsSync(path.join(ROOT, f)) && !f.endsWith('/')
		);
		expect(found, `${file} imports ${spec}`).toBeDefined();
		importsOf(found!, seen);
	}
	return seen;
}

describe('Dockerfile: backups from the production image', () => {
	const runtime = dockerStage(read('Dockerfile'), 'runtime');
	const copies = runtime
		.filter((l) => /^COPY /i.test(l) && !/--from=/.test(l))
		.map((l) => l.split(/\s+/).slice(1, -1))
		.flat();
	const copied = (file: string) => copies.some((c) => c === file || file.startsWith(`${c.replace(/\/$/, '')}/`));

	it('has the runtime stage it is read for', () => {
		expect(runtime.length).toBeGreaterThan(5);
		expect(runtime).toContain('CMD ["node", "server.js"]');
	});

	it('holds every file npm run backup and npm run restore load', () => {
		const pkg = JSON.parse(read('package.json'));
		for (const script of ['backup', 'restore']) {
			const [tool, entry] = pkg.scripts[script].split(' ');
			expect(tool).toBe('tsx');
			for (const file of importsOf(entry)) expect(copied(file), `${file} (npm run ${script})`).toBe(true);
		}
	});

	it('runs them with tsx, a production dependency, and its esbuild binary from the build stage', () => {
		const pkg = JSON.parse(read('package.json'));
		expect(pkg.dependencies.tsx).toBeDefined();
		expect(runtime.some((l) => /npm ci .*--omit=dev/.test(l))).toBe(true);
		// --omit=optional leaves out esbuild's platform package, which tsx cannot work without.
		expect(runtime).toContain('COPY --from=build /app/node_modules/@esbuild ./node_modules/@esbuild');
	});

	it("has pg_dump and pg_restore (Debian's postgresql-client)", () => {
		expect(runtime.some((l) => /^RUN .*apt-get install .*\bpostgresql-client\b/.test(l))).toBe(true);
	});

	it('writes backups to a directory the app user owns, which compose keeps in a volume', () => {
		expect(runtime.some((l) => /^RUN .*mkdir -p .*\/app\/backups.*chown node:node .*\/app\/backups/.test(l))).toBe(
			true
		);
		expect(runtime.indexOf('USER node')).toBeGreaterThan(-1);
		const compose = read('compose.yaml');
		expect(compose).toMatch(/volumes:\n\s+- backups:\/app\/backups/);
		expect(compose).toMatch(/\nvolumes:\n(?:\s+\w+:\n)*\s+backups:\n/);
	});
});
