import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every form action runs through the one helper, `formAction()` (src/lib/server/forms): the form
 * is read and cleaned, checked with its schema, and answered in one shape, and a domain error
 * becomes the same page everywhere. This reads each page module and fails when an action in its
 * `actions` export does not call `formAction(…)` itself, so a hand-rolled form cannot land.
 */

const ROUTES = path.resolve('src/routes');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return walk(full);
		return name === '+page.server.ts' ? [full] : [];
	});
}

function callsFormAction(node: ts.Node): boolean {
	let found = false;
	const visit = (n: ts.Node) => {
		if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'formAction') found = true;
		if (!found) ts.forEachChild(n, visit);
	};
	visit(node);
	return found;
}

function unwrap(node: ts.Expression): ts.Expression {
	while (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
		node = node.expression;
	return node;
}

/** The actions of one module and whether each calls formAction (`actions` that is no object literal: false). */
export function actionsOf(source: string, fileName: string): Array<{ name: string; helper: boolean }> {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const found: Array<{ name: string; helper: boolean }> = [];
	for (const statement of file.statements) {
		if (!ts.isVariableStatement(statement)) continue;
		if (!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
		for (const decl of statement.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name) || decl.name.text !== 'actions' || !decl.initializer) continue;
			const value = unwrap(decl.initializer);
			if (!ts.isObjectLiteralExpression(value)) {
				found.push({ name: 'actions', helper: false });
				continue;
			}
			for (const prop of value.properties)
				found.push({ name: `actions.${prop.name?.getText(file) ?? '?'}`, helper: callsFormAction(prop) });
		}
	}
	return found;
}

describe('form action coverage', () => {
	const files = walk(ROUTES).filter((f) => actionsOf(readFileSync(f, 'utf8'), f).length > 0);

	it('finds the page modules with actions', () => {
		expect(files.length).toBeGreaterThan(20);
	});

	it.each(files.map((f) => [path.relative(ROUTES, f), f]))('%s: every action uses formAction()', (_name, file) => {
		const without = actionsOf(readFileSync(file, 'utf8'), file)
			.filter((a) => !a.helper)
			.map((a) => a.name);
		expect(without).toEqual([]);
	});

	it('notices an action without the helper (the check itself can fail)', () => {
		const source = `export const actions = {
			save: async (e) => { const f = await e.request.formData(); return { ok: 1 }; },
			ok: async (e) => formAction(e, { action: 'ok', schema, run }),
			deep: async (e) => { guard.user(e); return await formAction(e, spec); }
		} satisfies Actions;`;
		expect(
			actionsOf(source, 'x.ts')
				.filter((a) => !a.helper)
				.map((a) => a.name)
		).toEqual(['actions.save']);
	});
});
