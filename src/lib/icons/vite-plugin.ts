import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Lucide icons from one SVG sprite instead of one Svelte component each.
 *
 * Every `import X from '@lucide/svelte/icons/<name>'` in the app resolves to a small generated
 * component that draws `<svg><use href="sprite.svg#<name>"/></svg>` (src/lib/icons/sprite-icon.svelte).
 * The shapes live in one content-hashed, immutable SVG file that the browser and the service
 * worker keep, instead of in every page's JavaScript and HTML: each icon was about 0.3 KB of gzip
 * JavaScript per page (DESIGN.md's 60 KB budget) and its paths were repeated in the HTML of every
 * page that shows it. Call sites do not change; the package's own types still describe the props.
 */

const PACKAGE_ICONS = 'node_modules/@lucide/svelte/dist/icons';
const IMPORT = /@lucide\/svelte\/icons\/([a-z0-9-]+)/g;
const RESOLVE = /^@lucide\/svelte\/icons\/([a-z0-9-]+)(?:\.svelte)?$/;
const SPRITE_MODULE = 'virtual:mf-icon-sprite';
const RESOLVED_SPRITE_MODULE = '\0' + SPRITE_MODULE;

type IconNode = Array<[string, Record<string, string | number>]>;

/** Every icon name imported anywhere under `dir`. */
export function iconsUsedIn(dir: string): Set<string> {
	const names = new Set<string>();
	for (const entry of readdirSync(dir)) {
		const file = path.join(dir, entry);
		if (statSync(file).isDirectory()) iconsUsedIn(file).forEach((n) => names.add(n));
		else if (/\.(svelte|ts|js)$/.test(entry))
			for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) names.add(match[1]);
	}
	return names;
}

/** The shape of one Lucide icon, read from the package's component file (an old name leads to its new one). */
export function iconNodeOf(root: string, name: string): IconNode {
	const entry = readFileSync(path.join(root, PACKAGE_ICONS, `${name}.js`), 'utf8');
	const target = /from "\.\/([a-z0-9-]+)\.svelte"/.exec(entry)?.[1];
	if (!target) throw new Error(`@lucide/svelte: no icon named ${name}`);
	const source = readFileSync(path.join(root, PACKAGE_ICONS, `${target}.svelte`), 'utf8');
	const data = /const iconData = (\{.*\});/.exec(source);
	if (!data) throw new Error(`@lucide/svelte: no icon data in ${name}.svelte`);
	return (JSON.parse(data[1]) as { node: IconNode }).node;
}

const escapeXml = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * How Lucide draws every icon (its component's defaults), on the symbol: the shapes inside inherit
 * it, and `currentColor` is the colour of the text around the icon that uses it.
 */
export const SYMBOL_ATTRIBUTES =
	'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';

/** One `<symbol>` per icon, in a fixed order so the same icons give the same file (and hash). */
export function spriteOf(icons: Map<string, IconNode>): string {
	const symbols = [...icons.keys()].sort().map((name) => {
		const shapes = icons
			.get(name)!
			.map(
				([tag, attrs]) =>
					`<${tag} ${Object.entries(attrs)
						.map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
						.join(' ')}/>`
			)
			.join('');
		return `<symbol id="${name}" ${SYMBOL_ATTRIBUTES}>${shapes}</symbol>`;
	});
	return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>\n`;
}

/**
 * The component `@lucide/svelte/icons/<name>` resolves to. It names each prop instead of spreading
 * them: a spread costs a merged copy of the props per icon on the server, and sprite-icon.svelte
 * takes only these three.
 */
function iconComponent(name: string): string {
	return `<script lang="ts">
	import SpriteIcon from '$lib/icons/sprite-icon.svelte';
	import type { ComponentProps } from 'svelte';
	let { size, class: className, 'aria-hidden': hidden }: Omit<ComponentProps<typeof SpriteIcon>, 'name'> = $props();
</script>

<SpriteIcon name="${name}" {size} class={className} aria-hidden={hidden} />
`;
}

export function iconSprite(): Plugin {
	let root = process.cwd();
	let outDir = '';
	const icons = new Map<string, IconNode>();

	const write = () => {
		mkdirSync(path.join(outDir, 'icons'), { recursive: true });
		writeFileSync(path.join(outDir, 'sprite.svg'), spriteOf(icons));
	};
	/** The generated component for one icon (rewritten only when it changed; the sprite is rewritten when one is added). */
	const componentFor = (name: string) => {
		if (!icons.has(name)) {
			icons.set(name, iconNodeOf(root, name));
			write();
		}
		const file = path.join(outDir, 'icons', `${name}.svelte`);
		const source = iconComponent(name);
		if (!existsSync(file) || readFileSync(file, 'utf8') !== source) writeFileSync(file, source);
		return file;
	};

	return {
		name: 'mit-forloeb:icon-sprite',
		enforce: 'pre',
		configResolved(config) {
			root = config.root;
			outDir = path.join(root, '.svelte-kit', 'icon-sprite');
			// All icons the sources use, up front: both builds (server and browser) then make the
			// same sprite, with the same hash.
			for (const name of iconsUsedIn(path.join(root, 'src'))) icons.set(name, iconNodeOf(root, name));
			write();
		},
		resolveId(id) {
			if (id === SPRITE_MODULE) return RESOLVED_SPRITE_MODULE;
			const icon = RESOLVE.exec(id);
			return icon ? componentFor(icon[1]) : null;
		},
		load(id) {
			if (id !== RESOLVED_SPRITE_MODULE) return null;
			// `?no-inline`: always a file (a `<use href>` cannot point into a data: URL).
			return `export { default } from ${JSON.stringify(path.join(outDir, 'sprite.svg') + '?no-inline')};`;
		}
	};
}
