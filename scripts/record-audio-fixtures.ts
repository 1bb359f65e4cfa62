/**
 * Makes the real recordings that audio-check's tests read (tests/fixtures/audio/): Chromium's
 * MediaRecorder on its fake microphone (a beep), as the citizen's phone would record them.
 * Run once with `npx tsx scripts/record-audio-fixtures.ts`; the files are committed.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const OUT = new URL('../tests/fixtures/audio/', import.meta.url);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
});
const page = await browser.newPage();
// localhost counts as a secure context, so getUserMedia is there; the page itself is served by the route.
await page.route('http://localhost/', (route) =>
	route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rec</title>' })
);
await page.goto('http://localhost/');
for (const [name, type, ms] of [
	['opus-2s.webm', 'audio/webm;codecs=opus', 2000],
	['opus-5s.webm', 'audio/webm;codecs=opus', 5000],
	// Debian's Chromium has no AAC encoder: it records Opus in (fragmented) MP4, as Chrome can.
	['aac-2s.m4a', 'audio/mp4;codecs=mp4a.40.2', 2000],
	['opus-2s.mp4', 'audio/mp4', 2000]
] as const) {
	const result = await page.evaluate(
		async ({ type, ms }) => {
			if (!MediaRecorder.isTypeSupported(type)) return null;
			const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
			const recorder = new MediaRecorder(stream, { mimeType: type });
			const chunks: Blob[] = [];
			recorder.ondataavailable = (e) => chunks.push(e.data);
			const done = new Promise((r) => (recorder.onstop = r));
			recorder.start(500);
			await new Promise((r) => setTimeout(r, ms));
			recorder.stop();
			await done;
			stream.getTracks().forEach((t) => t.stop());
			const blob = new Blob(chunks, { type: recorder.mimeType });
			return { mime: recorder.mimeType, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
		},
		{ type, ms }
	);
	if (!result) {
		console.log(`${name}: ${type} not supported`);
		continue;
	}
	writeFileSync(new URL(name, OUT), Uint8Array.from(result.bytes));
	console.log(`${name}: ${result.mime}, ${result.bytes.length} bytes`);
}
await browser.close();
