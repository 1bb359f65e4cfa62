// The minimal SvelteKit page of DESIGN.md's server target: bench/minimal-app is copied to a
// temporary directory (with node_modules linked to the app's), built with the same vite and kit,
// and served by adapter-node. Nothing is written into the repository.

import { cpSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, freePort, runToEnd, startNode, type Running } from './proc';

export async function buildMinimal(workDir: string, logFile: string): Promise<string> {
	const dir = path.join(workDir, 'minimal');
	mkdirSync(dir, { recursive: true });
	cpSync(path.join(ROOT, 'bench/minimal-app'), dir, { recursive: true });
	// Kept under another name in the repository, so that tools there do not take it for a second kit project.
	renameSync(path.join(dir, 'svelte.config.template.js'), path.join(dir, 'svelte.config.js'));
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'bench-minimal', private: true, type: 'module' })
	);
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	await runToEnd(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir, logFile });
	return dir;
}

export async function startMinimal(dir: string, logFile: string): Promise<Running & { url: string }> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}/`;
	const proc = await startNode('build/index.js', {
		cwd: dir,
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		logFile,
		probe: url
	});
	return { ...proc, url };
}
