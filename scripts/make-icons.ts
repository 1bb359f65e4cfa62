/**
 * Renders the app icons from the logo in static/favicon.svg (a rounded #1f4e79 square with a white
 * path) to PNG with Playwright and Debian's Chromium; there is no image tool in the toolchain.
 *
 *     npx tsx scripts/make-icons.ts
 *
 * Writes static/icons/icon-192.png, icon-512.png (transparent corners) and icon-maskable-512.png
 * (full-bleed background; the mark sits inside the central 80 % safe zone, so any mask shape fits).
 * Commit the PNGs; run this again only when the logo changes.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'static/icons');
const BRAND = '#1f4e79';

/** The white mark from the favicon (its viewBox is 64 × 64). */
async function markPath(): Promise<string> {
	const svg = await readFile(path.join(ROOT, 'static/favicon.svg'), 'utf8');
	const d = /<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1];
	if (!d) throw new Error('static/favicon.svg has no <path d="…">');
	return d;
}

/** The favicon as it is: a rounded square, transparent outside the corners. */
function roundedIcon(d: string, size: number): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}">
		<rect width="64" height="64" rx="14" fill="${BRAND}"/><path d="${d}" fill="#fff"/></svg>`;
}

/**
 * Maskable: the background fills the whole square; the mark (x 16–50, y 22–44 in the favicon,
 * centred on 33, 33) is centred and scaled by 1.1. Its farthest corner is then 22 of 64 units
 * (35 %) from the centre: inside the safe-zone circle (radius 40 %), so any mask shape keeps it.
 */
function maskableIcon(d: string, size: number): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}">
		<rect width="64" height="64" fill="${BRAND}"/>
		<g transform="translate(32 32) scale(1.1) translate(-33 -33)"><path d="${d}" fill="#fff"/></g></svg>`;
}

const icons = [
	{ file: 'icon-192.png', size: 192, svg: roundedIcon },
	{ file: 'icon-512.png', size: 512, svg: roundedIcon },
	{ file: 'icon-maskable-512.png', size: 512, svg: maskableIcon }
];

const d = await markPath();
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	for (const icon of icons) {
		const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
		await page.setContent(
			`<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${icon.svg(d, icon.size)}</body></html>`
		);
		await page.screenshot({
			path: path.join(OUT, icon.file),
			omitBackground: true,
			clip: { x: 0, y: 0, width: icon.size, height: icon.size }
		});
		await page.close();
		console.log(`static/icons/${icon.file} (${icon.size} × ${icon.size})`);
	}
} finally {
	await browser.close();
}
