/**
 * Vite plugin: builds the browser's text bundles (see `bundles.ts`) from the locale files.
 *
 * - `vite build` (client): emits `_app/immutable/i18n/<lang>.<group>.<hash>.json`, which
 *   adapter-node serves with `cache-control: immutable` (and precompresses), and which the
 *   service worker precaches.
 * - Both builds, and `vite dev`: the module `virtual:mf-i18n-bundles` exports the file names,
 *   `BUNDLES[lang][group]`, so the server and the browser agree on them without a request.
 * - `vite dev`: serves the bundles from the current locale files, and reloads the page when one
 *   changes.
 *
 * Generic over the files: every `locales/<lang>/<namespace>.json` is included, in the group
 * `groupOf(namespace)` says.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { BUNDLE_DIR, BUNDLE_GROUPS, bundleFileName, groupOf, type BundleGroup, type Messages } from './bundles.js';
import { LANGUAGES, type Language } from './languages.js';

const VIRTUAL_ID = 'virtual:mf-i18n-bundles';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export interface Bundle {
	lang: Language;
	group: BundleGroup;
	fileName: string;
	source: string;
}

/** Every language × group, from the locale files under `localesDir`; a group without files is `{}`. */
export function buildBundles(localesDir: string): Bundle[] {
	return LANGUAGES.flatMap(({ code }) => {
		const dir = path.join(localesDir, code);
		const groups = Object.fromEntries(BUNDLE_GROUPS.map((g) => [g, {} as Messages])) as Record<BundleGroup, Messages>;
		for (const file of readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()) {
			const namespace = file.slice(0, -'.json'.length);
			groups[groupOf(namespace)][namespace] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
		}
		return BUNDLE_GROUPS.map((group) => {
			const source = JSON.stringify(groups[group]);
			const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
			return { lang: code, group, fileName: bundleFileName(code, group, hash), source };
		});
	});
}

function virtualModule(bundles: Bundle[]): string {
	const map: Record<string, Record<string, string>> = {};
	for (const b of bundles) (map[b.lang] ??= {})[b.group] = b.fileName;
	return `export const BUNDLES = ${JSON.stringify(map)};\n`;
}

export function i18nBundles(): Plugin {
	let localesDir = '';
	let clientBuild = false;
	let bundles: Bundle[] | null = null;
	const current = () => (bundles ??= buildBundles(localesDir));

	return {
		name: 'mf-i18n-bundles',
		configResolved(config) {
			localesDir = path.resolve(config.root, 'src/lib/i18n/locales');
			clientBuild = config.command === 'build' && !config.build.ssr;
		},
		resolveId(id) {
			return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
		},
		load(id) {
			if (id !== RESOLVED_ID) return undefined;
			for (const b of current()) this.addWatchFile(path.join(localesDir, b.lang));
			return virtualModule(current());
		},
		generateBundle() {
			if (!clientBuild) return;
			for (const b of current())
				this.emitFile({ type: 'asset', fileName: `${BUNDLE_DIR}/${b.fileName}`, source: b.source });
		},
		configureServer(server) {
			const prefix = `/${BUNDLE_DIR}/`;
			server.middlewares.use((req, res, next) => {
				const name = req.url?.startsWith(prefix) ? req.url.slice(prefix.length).split('?')[0] : null;
				const bundle = name ? current().find((b) => b.fileName === name) : undefined;
				if (!bundle) return next();
				res.setHeader('content-type', 'application/json; charset=utf-8');
				res.setHeader('cache-control', 'no-cache');
				res.end(bundle.source);
			});
			// A changed, added or removed locale file: new bundles, new names, a fresh page.
			const onChange = (file: string) => {
				if (!file.startsWith(localesDir) || !file.endsWith('.json')) return;
				bundles = null;
				const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('change', onChange);
			server.watcher.on('add', onChange);
			server.watcher.on('unlink', onChange);
		}
	};
}
