import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every link to a server-only route (a `+server.ts`: /auth/login, /mine-data/eksport.json,
 * kalender.ics, /invitation/[code], …) must make the browser load the page itself
 * (`data-sveltekit-reload`). Otherwise SvelteKit's client router tries it as a page of the app,
 * finds none, logs "Not found: /auth/login" and only then falls back to a full load — and an
 * error in between leaves the person on a broken page. Forms that post to such a route are sent by
 * the browser and need nothing.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUTES = path.join(ROOT, 'src/routes');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The URL pattern of a route folder: groups dropped, [param], [param=matcher], [[optional]], [...rest]. */
function routePattern(dir: string): RegExp {
	const segments = path
		.relative(ROUTES, dir)
		.split(path.sep)
		.filter((s) => s && !/^\(.*\)$/.test(s));
	const body = segments
		.map((s) => {
			if (/^\[\.\.\..+\]$/.test(s)) return '(?:/.*)?';
			if (/^\[\[.+\]\]$/.test(s)) return '(?:/[^/]+)?';
			return (
				'/' +
				s
					.split(/(\[[^\]]+\])/)
					.map((part) => (part.startsWith('[') ? '[^/]+' : escape(part)))
					.join('')
			);
		})
		.join('');
	return new RegExp(`^${body || '/'}/?$`);
}

/** Server-only routes: a +server.ts without a page beside it. */
const serverRoutes = walk(ROUTES)
	.filter((f) => path.basename(f) === '+server.ts')
	.map((f) => path.dirname(f))
	.filter((dir) => !readdirSync(dir).some((name) => name.startsWith('+page.')))
	.map((dir) => ({ dir: path.relative(ROUTES, dir), pattern: routePattern(dir) }));

/** Each `<a …>` start tag in a Svelte file, up to its real end (a `>` inside `{…}` or quotes is not the end). */
function anchorTags(source: string): string[] {
	const tags: string[] = [];
	for (const match of source.matchAll(/<a\s/g)) {
		let depth = 0;
		let quote: string | null = null;
		for (let i = match.index + 2; i < source.length; i++) {
			const c = source[i];
			if (quote) {
				if (c === quote) quote = null;
			} else if (c === '{') depth++;
			else if (c === '}') depth--;
			else if (depth === 0 && (c === '"' || c === "'")) quote = c;
			else if (depth === 0 && c === '>') {
				tags.push(source.slice(match.index, i + 1));
				break;
			}
		}
	}
	return tags;
}

/** The path an href names, as far as the source says: "…", {'…'} or {`…${x}…`} (each ${…} one segment). */
function hrefPath(tag: string): string | null {
	const value =
		/\shref="([^"]*)"/.exec(tag)?.[1] ??
		/\shref=\{\s*'([^']*)'\s*\}/.exec(tag)?.[1] ??
		/\shref=\{\s*`([^`]*)`\s*\}/.exec(tag)?.[1]?.replace(/\$\{[^}]*\}/g, 'x');
	if (value === undefined || !value.startsWith('/') || value.startsWith('//')) return null;
	return value.split(/[?#]/)[0];
}

const reloads = (tag: string) => /\sdata-sveltekit-reload(?!\s*=\s*["']?off)/.test(tag);

const links = walk(path.join(ROOT, 'src'))
	.filter((f) => f.endsWith('.svelte'))
	.flatMap((file) =>
		anchorTags(readFileSync(file, 'utf8')).map((tag) => ({
			file: path.relative(ROOT, file),
			tag,
			path: hrefPath(tag)
		}))
	)
	.filter((l): l is typeof l & { path: string } => l.path !== null)
	.map((l) => ({ ...l, server: serverRoutes.find((r) => r.pattern.test(l.path))?.dir ?? null }));

describe('links to server-only routes', () => {
	it('finds the server routes and the links to them (the check is not empty)', () => {
		const dirs = serverRoutes.map((r) => r.dir.split(path.sep).join('/'));
		expect(dirs).toEqual(expect.arrayContaining(['auth/login', 'auth/logout', 'mine-data/eksport.json']));
		const linked = links.filter((l) => l.server).map((l) => l.path);
		expect(linked).toEqual(expect.arrayContaining(['/auth/login', '/mine-data/eksport.json']));
		expect(linked.some((p) => /^\/moeder\/x\/kalender\.ics$/.test(p))).toBe(true);
		// A page is not a server route: /login and /som-paaroerende are left to the client router.
		expect(links.filter((l) => l.path === '/som-paaroerende' || l.path === '/login').every((l) => !l.server)).toBe(
			true
		);
	});

	it('every one reloads the page (data-sveltekit-reload)', () => {
		const missing = links.filter((l) => l.server && !reloads(l.tag)).map((l) => `${l.file}: ${l.path}`);
		expect(missing, 'links to a +server.ts route without data-sveltekit-reload').toEqual([]);
	});
});
