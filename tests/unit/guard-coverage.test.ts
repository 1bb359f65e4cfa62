import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every server-side entry point (load, form action, endpoint handler) must begin its work
 * through the policy guard. This reads each route module and fails when a handler does not
 * call `guard.<something>(…)`, so a new endpoint without an access decision cannot land.
 */

const ROUTES = path.resolve('src/routes');
const SERVER_FILES = /^\+(page|layout)\.server\.ts$|^\+server\.ts$/;
const HANDLER_NAMES = new Set(['load', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback']);

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return walk(full);
		return SERVER_FILES.test(name) ? [full] : [];
	});
}

function callsGuard(node: ts.Node): boolean {
	let found = false;
	const visit = (n: ts.Node) => {
		if (
			ts.isCallExpression(n) &&
			ts.isPropertyAccessExpression(n.expression) &&
			ts.isIdentifier(n.expression.expression) &&
			n.expression.expression.text === 'guard'
		) {
			found = true;
		}
		if (!found) ts.forEachChild(n, visit);
	};
	visit(node);
	return found;
}

/** Unwraps `(async () => {}) satisfies X` and `x as Y` to the function or object inside. */
function unwrap(node: ts.Expression): ts.Expression {
	while (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
		node = node.expression;
	return node;
}

export function handlersOf(source: string, fileName: string): Array<{ name: string; guarded: boolean }> {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const found: Array<{ name: string; guarded: boolean }> = [];
	for (const statement of file.statements) {
		const exported =
			ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name && HANDLER_NAMES.has(statement.name.text)) {
			found.push({ name: statement.name.text, guarded: callsGuard(statement) });
		}
		if (!ts.isVariableStatement(statement)) continue;
		for (const decl of statement.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
			const name = decl.name.text;
			const value = unwrap(decl.initializer);
			if (name === 'actions') {
				if (!ts.isObjectLiteralExpression(value)) {
					found.push({ name: 'actions', guarded: false });
					continue;
				}
				for (const prop of value.properties) {
					found.push({ name: `actions.${prop.name?.getText(file) ?? '?'}`, guarded: callsGuard(prop) });
				}
			} else if (HANDLER_NAMES.has(name)) {
				found.push({ name, guarded: callsGuard(value) });
			}
		}
	}
	return found;
}

describe('guard coverage', () => {
	const files = walk(ROUTES);

	it('finds the route modules', () => {
		expect(files.length).toBeGreaterThan(5);
	});

	it.each(files.map((f) => [path.relative(ROUTES, f), f]))(
		'%s: every handler calls the policy guard',
		(_name, file) => {
			const handlers = handlersOf(readFileSync(file, 'utf8'), file);
			expect(handlers.length, 'a route module that exports no handler').toBeGreaterThan(0);
			const unguarded = handlers.filter((h) => !h.guarded).map((h) => h.name);
			expect(unguarded).toEqual([]);
		}
	);

	it('notices a handler without a guard (the check itself can fail)', () => {
		const source = `export const load = async () => ({ secret: 1 });\nexport const actions = { save: async () => {}, ok: async (e) => { guard.user(e); } };`;
		expect(
			handlersOf(source, 'x.ts')
				.filter((h) => !h.guarded)
				.map((h) => h.name)
		).toEqual(['load', 'actions.save']);
	});
});
