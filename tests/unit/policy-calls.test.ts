import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Access is decided in one place. Routes reach the policy through the guard; services take the
 * grant it gave (typed by resource and action) or ask a named decision in src/lib/server/policy/
 * (decisions.ts). Nothing else calls the policy's primitives: this reads every server module and
 * route outside the policy folder (tests aside: they make grants to call services with) and fails
 * on a call to authorize(), relationTo() or relativeHasScope(), or on importing one under any name.
 */

const PRIMITIVES = new Set(['authorize', 'relationTo', 'relativeHasScope']);
const ROOTS = ['src/lib/server', 'src/routes'].map((r) => path.resolve(r));
const POLICY = path.resolve('src/lib/server/policy');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return full === POLICY ? [] : walk(full);
		return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
	});
}

export function policyCallsIn(source: string, fileName: string): string[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isImportSpecifier(node)) {
			const imported = (node.propertyName ?? node.name).text;
			if (PRIMITIVES.has(imported)) found.push(`import ${imported}`);
		}
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			const name = ts.isIdentifier(callee)
				? callee.text
				: ts.isPropertyAccessExpression(callee)
					? callee.name.text
					: null;
			if (name && PRIMITIVES.has(name)) {
				const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
				found.push(`${name}() on line ${line + 1}`);
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

describe('the policy is asked only through the guard and the policy module', () => {
	const files = ROOTS.flatMap(walk);

	it('finds the server modules and routes', () => {
		expect(files.length).toBeGreaterThan(50);
	});

	it.each(files.map((f) => [path.relative(process.cwd(), f), f]))('%s calls no policy primitive', (_name, file) => {
		expect(policyCallsIn(readFileSync(file, 'utf8'), file)).toEqual([]);
	});

	it('notices a service that asks the policy itself (the check itself can fail)', () => {
		const source = [
			`import { authorize as decide, type Grant } from '../policy';`,
			`export async function x(db, actor, id) { await policy.relationTo(db, actor, id, 'plan', 'read'); }`,
			`const y = () => relativeHasScope(db, a, b, 'meetings');`
		].join('\n');
		expect(policyCallsIn(source, 'x.ts')).toEqual([
			'import authorize',
			'relationTo() on line 2',
			'relativeHasScope() on line 3'
		]);
	});
});
