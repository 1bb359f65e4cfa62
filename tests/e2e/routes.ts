import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The app's routes, read from src/routes (not a list kept by hand), so a route added later is in
 * the sweeps below without anyone remembering it: the origin check (cross-origin.spec.ts) and the
 * malformed-parameter sweep (bad-params.spec.ts).
 */

const ROUTES = path.resolve('src/routes');
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Mutating = (typeof MUTATING)[number];

export interface RouteFile {
	/** The route id as SvelteKit names it, e.g. `/moeder/[meetingId=uuid]`. */
	id: string;
	file: string;
	kind: 'page' | 'server';
}

export function routeFiles(dir = ROUTES): RouteFile[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return name.startsWith('_') ? [] : routeFiles(full);
		const id = '/' + path.relative(ROUTES, dir).split(path.sep).join('/');
		const clean = id === '/.' || id === '/' ? '/' : id;
		if (name === '+page.server.ts' || name === '+page.svelte' || name === '+page.ts')
			return [{ id: clean, file: full, kind: 'page' as const }];
		if (name === '+server.ts') return [{ id: clean, file: full, kind: 'server' as const }];
		return [];
	});
}

function unwrap(node: ts.Expression): ts.Expression {
	while (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
		node = node.expression;
	return node;
}

/** The names a module exports (functions and consts), with the value of `actions` if any. */
function exportsOf(file: string): { names: string[]; actions: string[] | null } {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const names: string[] = [];
	let actions: string[] | null = null;
	for (const statement of source.statements) {
		const exported =
			ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (ts.isExportDeclaration(statement)) throw new Error(`${file}: re-exports are not read by this scan`);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
		if (!ts.isVariableStatement(statement)) continue;
		for (const decl of statement.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name)) continue;
			names.push(decl.name.text);
			if (decl.name.text !== 'actions' || !decl.initializer) continue;
			const value = unwrap(decl.initializer);
			if (!ts.isObjectLiteralExpression(value)) throw new Error(`${file}: actions is not an object literal`);
			actions = value.properties.map((p) => p.name?.getText(source) ?? '?');
		}
	}
	return { names, actions };
}

export interface MutatingRequest {
	route: string;
	method: Mutating;
	/** The path with its parameters filled, and `?/name` for a named form action. */
	path: string;
}

/** Every request that changes something: each form action (default and named), each POST/PUT/PATCH/DELETE handler. */
export function mutatingRequests(fill: (param: string, matcher: string | undefined) => string): MutatingRequest[] {
	const found: MutatingRequest[] = [];
	for (const route of routeFiles()) {
		if (!route.file.endsWith('.ts') || route.file.endsWith('+page.ts')) continue;
		const { names, actions } = exportsOf(route.file);
		const base = pathOf(route.id, fill);
		if (route.kind === 'page' && actions)
			for (const name of actions)
				found.push({ route: route.id, method: 'POST', path: name === 'default' ? base : `${base}?/${name}` });
		if (route.kind === 'server') {
			const methods = MUTATING.filter((m) => names.includes(m));
			// `fallback` answers every other method: POST stands for them.
			if (names.includes('fallback') && !methods.includes('POST')) methods.push('POST');
			for (const method of methods) found.push({ route: route.id, method, path: base });
		}
	}
	return found;
}

const PARAM = /^\[{1,2}(?:\.\.\.)?([A-Za-z0-9_]+)(?:=([A-Za-z0-9_]+))?\]{1,2}$/;

/** A route id's path: groups dropped, each `[param]` (or `[param=matcher]`) filled in. */
export function pathOf(id: string, fill: (param: string, matcher: string | undefined) => string): string {
	const parts = id
		.split('/')
		.filter((part) => part && !/^\(.+\)$/.test(part))
		.map((part) => {
			const match = part.match(PARAM);
			return match ? fill(match[1], match[2]) : part;
		});
	return '/' + parts.join('/');
}

/** The parameters in a route id, in order. */
export function paramsOf(id: string): string[] {
	return id
		.split('/')
		.map((part) => part.match(PARAM)?.[1])
		.filter((name): name is string => Boolean(name));
}

/** Routes (pages and endpoints) with at least one parameter, once each. */
export function routesWithParams(): RouteFile[] {
	const seen = new Set<string>();
	return routeFiles().filter((r) => {
		if (!paramsOf(r.id).length || seen.has(r.id + r.kind)) return false;
		seen.add(r.id + r.kind);
		return true;
	});
}

/** A well-formed value for each kind of parameter (the ids need not exist). */
export const VALID = '00000000-0000-4000-8000-000000000000';
export function validFill(param: string, matcher: string | undefined): string {
	if (matcher === 'uuid') return VALID;
	if (param === 'token') return 'A'.repeat(43);
	if (param === 'code') return 'ABCDE-FGH23';
	throw new Error(`No valid value known for [${param}${matcher ? '=' + matcher : ''}]: add one in tests/e2e/routes.ts`);
}
