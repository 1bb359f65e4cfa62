import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';

/** Every language has exactly the keys Danish has, easy-read variants included. */

const ROOT = path.resolve('src/lib/i18n/locales');
// Arabic needs more plural forms than Danish (i18next: _zero _one _two _few _many _other);
// Ukrainian needs _few and _many besides _one and _other.
const EXTRA_PLURALS = /_(zero|two|few|many)$/;

function flatten(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
	}
	return [prefix];
}

function keysOf(lang: string): Map<string, string[]> {
	const files = readdirSync(path.join(ROOT, lang)).filter((f) => f.endsWith('.json'));
	return new Map(files.map((f) => [f, flatten(JSON.parse(readFileSync(path.join(ROOT, lang, f), 'utf8'))).sort()]));
}

const danish = keysOf('da');

describe('locale files', () => {
	it('Danish has easy-read variants', () => {
		const all = [...danish.values()].flat();
		expect(all.filter((k) => k.endsWith('_easy')).length).toBeGreaterThan(20);
	});

	for (const { code } of LANGUAGES.filter((l) => l.code !== 'da')) {
		it(`${code} has the same files and keys as Danish`, () => {
			const other = keysOf(code);
			expect([...other.keys()].sort()).toEqual([...danish.keys()].sort());
			for (const [file, keys] of danish) {
				const theirs = (other.get(file) ?? []).filter((k) => !EXTRA_PLURALS.test(k));
				expect({ file, keys: theirs }).toEqual({ file, keys });
			}
		});

		it(`${code} keeps every {{placeholder}} of the Danish text`, () => {
			for (const file of danish.keys()) {
				const da = JSON.parse(readFileSync(path.join(ROOT, 'da', file), 'utf8'));
				const theirs = JSON.parse(readFileSync(path.join(ROOT, code, file), 'utf8'));
				const pick = (obj: unknown, key: string) =>
					key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], obj);
				for (const key of danish.get(file)!) {
					const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
					expect({ key, p: placeholders(pick(theirs, key)) }).toEqual({ key, p: placeholders(pick(da, key)) });
				}
			}
		});
	}

	it('has no empty strings', () => {
		for (const { code } of LANGUAGES) {
			for (const file of readdirSync(path.join(ROOT, code))) {
				const text = readFileSync(path.join(ROOT, code, file), 'utf8');
				expect(text, `${code}/${file}`).not.toMatch(/:\s*""/);
			}
		}
	});
});
