import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLES } from 'virtual:mf-i18n-bundles';
import { BUNDLE_FILE, BUNDLE_GROUPS, groupOf, groupsForRoute } from './bundles';
import { LANGUAGES } from './languages';
import { browserMessages, bundleUrls } from './messages';
import { MESSAGES } from './resources';
import { translateWith } from './translator';
import { buildBundles } from './vite-plugin';

/** The browser's text bundles hold exactly the server's messages, split by who needs them. */

const LOCALES = path.resolve('src/lib/i18n/locales');
const bundles = buildBundles(LOCALES);
const parsed = (lang: string, group: string) =>
	JSON.parse(bundles.find((b) => b.lang === lang && b.group === group)!.source) as Record<string, unknown>;

function keys(value: unknown, prefix = ''): string[] {
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
	return [prefix];
}

describe('text bundles', () => {
	it('has one bundle per language and group, named by a hash of its content', () => {
		expect(bundles).toHaveLength(LANGUAGES.length * BUNDLE_GROUPS.length);
		for (const bundle of bundles) {
			const match = BUNDLE_FILE.exec(bundle.fileName);
			expect(match?.slice(1, 3)).toEqual([bundle.lang, bundle.group]);
			expect(match?.[3]).toBe(createHash('sha256').update(bundle.source).digest('hex').slice(0, 12));
		}
	});

	it('the app and staff bundles of a language together are exactly the server’s messages', () => {
		for (const { code } of LANGUAGES) {
			const merged = Object.assign({}, ...BUNDLE_GROUPS.map((g) => parsed(code, g)));
			expect(merged).toEqual(MESSAGES[code]);
		}
	});

	it('includes every namespace file, the staff ones only in the staff bundle', () => {
		for (const { code } of LANGUAGES) {
			const namespaces = readdirSync(path.join(LOCALES, code)).map((f) => f.replace(/\.json$/, ''));
			const app = Object.keys(parsed(code, 'app'));
			const staff = Object.keys(parsed(code, 'staff'));
			expect([...app, ...staff].sort()).toEqual(namespaces.sort());
			expect(staff).toContain('staff');
			expect(app.filter((ns) => groupOf(ns) === 'staff')).toEqual([]);
		}
	});

	it('a citizen page translates from its bundle as the server does, easy-read included', () => {
		for (const { code } of LANGUAGES) {
			const app = parsed(code, 'app');
			for (const reading of ['standard', 'easy'] as const) {
				const browser = translateWith(app, code, reading);
				const server = translateWith(MESSAGES[code], code, reading);
				for (const key of keys(app))
					expect(browser(key, { count: 2, name: 'Sara' })).toBe(server(key, { count: 2, name: 'Sara' }));
			}
		}
	});

	it('sorts namespaces and routes into groups', () => {
		expect(['staff', 'staff-tasks', 'staff_log'].map(groupOf)).toEqual(['staff', 'staff', 'staff']);
		expect(['pages', 'meetings', 'staffing', 'together'].map(groupOf)).toEqual(['app', 'app', 'app', 'app']);
		expect(groupsForRoute('/staff')).toEqual(['app', 'staff']);
		expect(groupsForRoute('/staff/citizens/[citizenId=uuid]')).toEqual(['app', 'staff']);
		expect(groupsForRoute('/plan')).toEqual(['app']);
		expect(groupsForRoute('/staffing')).toEqual(['app']);
		expect(groupsForRoute(null)).toEqual(['app']);
	});

	it('the build’s file names are the ones the pages ask for', () => {
		for (const bundle of bundles) expect(BUNDLES[bundle.lang][bundle.group]).toBe(bundle.fileName);
		expect(bundleUrls('ar', ['app', 'staff'])).toEqual([
			`/_app/immutable/i18n/${BUNDLES.ar.app}`,
			`/_app/immutable/i18n/${BUNDLES.ar.staff}`
		]);
	});
});

describe('a changed text gets a new file name', () => {
	let dir = '';
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('changes the name of only the bundle whose text changed', () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'mf-locales-'));
		const write = (pagesTitle: string) => {
			for (const { code } of LANGUAGES) {
				mkdirSync(path.join(dir, code), { recursive: true });
				writeFileSync(path.join(dir, code, 'pages.json'), JSON.stringify({ title: code === 'da' ? pagesTitle : code }));
				writeFileSync(path.join(dir, code, 'staff.json'), JSON.stringify({ title: 'x' }));
			}
			return Object.fromEntries(buildBundles(dir).map((b) => [`${b.lang}.${b.group}`, b.fileName]));
		};
		const before = write('Min plan');
		expect(write('Min plan')).toEqual(before);
		const after = write('Min nye plan');
		expect(after['da.app']).not.toBe(before['da.app']);
		expect({ ...after, 'da.app': '' }).toEqual({ ...before, 'da.app': '' });
	});
});

describe('loading in the browser', () => {
	it('fetches each bundle once, merges them, and gives the same object again', async () => {
		const asked: string[] = [];
		const fakeFetch = (async (url: string) => {
			asked.push(url);
			return new Response(JSON.stringify(url.includes('staff') ? { staff: { a: 'A' } } : { pages: { b: 'B' } }));
		}) as typeof fetch;
		const first = await browserMessages(['/x/da.app.1.json', '/x/da.staff.1.json'], fakeFetch);
		expect(first).toEqual({ pages: { b: 'B' }, staff: { a: 'A' } });
		expect(await browserMessages(['/x/da.app.1.json', '/x/da.staff.1.json'], fakeFetch)).toBe(first);
		expect(await browserMessages(['/x/da.app.1.json'], fakeFetch)).toEqual({ pages: { b: 'B' } });
		expect(asked).toEqual(['/x/da.app.1.json', '/x/da.staff.1.json']);
	});

	it('tries again after a failure', async () => {
		let calls = 0;
		const flaky = (async () => {
			calls++;
			return calls === 1 ? new Response('gone', { status: 404 }) : new Response('{"pages":{}}');
		}) as typeof fetch;
		await expect(browserMessages(['/x/en.app.2.json'], flaky)).rejects.toThrow('404');
		expect(await browserMessages(['/x/en.app.2.json'], flaky)).toEqual({ pages: {} });
		expect(calls).toBe(2);
	});
});
