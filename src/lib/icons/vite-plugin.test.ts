import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { SYMBOL_ATTRIBUTES, iconNodeOf, iconsUsedIn, spriteOf } from './vite-plugin';

const root = path.resolve('.');

describe('the icon sprite', () => {
	it('has a symbol with the package’s own shapes for every icon the app imports', () => {
		const used = iconsUsedIn(path.join(root, 'src'));
		expect(used.size).toBeGreaterThan(50);
		const sprite = spriteOf(new Map([...used].map((name) => [name, iconNodeOf(root, name)])));
		for (const name of used) expect(sprite).toContain(`<symbol id="${name}" ${SYMBOL_ATTRIBUTES}>`);
		expect(sprite).toContain(
			'<symbol id="eye" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M2.062 12.348a1 1 0 0 1 0-.696 10.75 10.75 0 0 1 19.876 0 1 1 0 0 1 0 .696 10.75 10.75 0 0 1-19.876 0"/><circle cx="12" cy="12" r="3"/></symbol>'
		);
	});

	it('follows an old icon name to the new one, and refuses a name that is not an icon', () => {
		expect(iconNodeOf(root, 'circle-help')).toEqual(iconNodeOf(root, 'circle-question-mark'));
		expect(() => iconNodeOf(root, 'no-such-icon')).toThrow();
	});

	it('gives the same file for the same icons in any order (one hash for both builds)', () => {
		const eye = iconNodeOf(root, 'eye');
		const flag = iconNodeOf(root, 'flag');
		expect(
			spriteOf(
				new Map([
					['eye', eye],
					['flag', flag]
				])
			)
		).toBe(
			spriteOf(
				new Map([
					['flag', flag],
					['eye', eye]
				])
			)
		);
	});
});

describe('the icon components', () => {
	const svelteFiles = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const file = path.join(dir, entry.name);
			return entry.isDirectory() ? svelteFiles(file) : entry.name.endsWith('.svelte') ? [file] : [];
		});

	it('are given only size, class and aria-hidden, the props sprite-icon.svelte draws', () => {
		// The package's types allow any SVG attribute, but the lean component names its three props
		// (no spread): anything else would be dropped without a word. So every place that draws an
		// icon, by its imported name or as a component value (`<Icon …>`, `<item.icon …>`), is read here.
		const given: string[] = [];
		let drawn = 0;
		for (const file of svelteFiles(path.join(root, 'src'))) {
			const source = readFileSync(file, 'utf8');
			const names = [...source.matchAll(/import (\w+) from '@lucide\/svelte\/icons\/[a-z0-9-]+'/g)].map((m) => m[1]);
			const tag = new RegExp(`<(${['Icon', '[\\w.]+\\.icon', ...names].join('|')})(\\s[^>]*?)?/?>`, 'g');
			for (const [, name, attributes = ''] of source.matchAll(tag)) {
				drawn++;
				const plain = attributes
					.replace(/\{\.\.\.[^}]*\}/g, ' ...spread ')
					.replace(/=?\{([^{}]*)\}/g, (m, inner: string) => (m.startsWith('=') ? '=x' : ` ${inner.trim()} `));
				for (const [attribute] of plain.replace(/"[^"]*"/g, '').matchAll(/[^\s=]+/g))
					if (attribute !== 'x' && !['size', 'class', 'aria-hidden'].includes(attribute))
						given.push(`${path.relative(root, file)}: <${name} ${attribute}>`);
			}
		}
		expect(drawn).toBeGreaterThan(190);
		expect(given).toEqual([]);
	});

	it('draw as Lucide’s own component does: its drawing on the sprite’s symbol, its size, class and aria-hidden on the <svg>', async () => {
		// Lucide's own component for the same icon (its file, not the import the plugin redirects).
		const { default: Lucide } = await import('../../../node_modules/@lucide/svelte/dist/icons/bell.svelte');
		const { default: Bell } = await import('@lucide/svelte/icons/bell');
		const attributesOf = (html: string) =>
			Object.fromEntries([...html.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
		const svg = (html: string) => attributesOf(/<svg([^>]*)>/.exec(html)![1]);
		const symbol = attributesOf(SYMBOL_ATTRIBUTES);
		for (const props of [
			{},
			{ size: 20, 'aria-hidden': 'true' as const },
			{ size: 22, class: 'big', 'aria-hidden': 'true' as const }
		]) {
			const ours = svg(render(Bell, { props }).body);
			const { class: lucideClass, xmlns, ...lucide } = svg(render(Lucide, { props }).body);
			expect(xmlns).toBe('http://www.w3.org/2000/svg'); // HTML's parser gives an <svg> its namespace itself.
			// What Lucide says on each icon, the sprite says once on the symbol; the rest is on ours.
			for (const [name, value] of Object.entries(lucide))
				expect(name in symbol ? symbol[name] : ours[name], name).toBe(String(value));
			expect(ours.class.split(' ')).toEqual(['lucide-icon', ...(props.class ? [props.class] : [])]);
			expect(lucideClass.split(' ')).toContain('lucide-icon');
			expect(Object.keys(ours).sort()).toEqual(['aria-hidden', 'class', 'height', 'width']);
			expect(render(Bell, { props }).body).toMatch(/<use href="[^"]*#bell"><\/use><\/svg>/);
		}
	});
});
