import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

/**
 * Test support for Web Push: the keys a browser would make for a subscription, a tiny push
 * service on loopback that records what our server posts, and the decryption a browser would do
 * (RFC 8291, aes128gcm), so a test can read the notice that arrived. Plain Node, no app imports:
 * the end-to-end tests use it too.
 */

export interface BrowserKeys {
	ecdh: ECDH;
	/** Base64url, as PushSubscription.toJSON() gives them. */
	p256dh: string;
	auth: string;
}

export function browserKeys(): BrowserKeys {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		ecdh,
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
}

/** Decrypts an aes128gcm Web Push body with the browser's keys; returns the text sent. */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
	const salt = body.subarray(0, 16);
	const idLength = body.readUInt8(20);
	const serverKey = body.subarray(21, 21 + idLength);
	const content = body.subarray(21 + idLength);
	const shared = keys.ecdh.computeSecret(serverKey);
	const auth = Buffer.from(keys.auth, 'base64url');
	const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), serverKey]);
	const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
	const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
	const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(content.subarray(content.length - 16));
	const plain = Buffer.concat([decipher.update(content.subarray(0, content.length - 16)), decipher.final()]);
	// The last record ends with the delimiter 2, then padding zeros.
	let end = plain.length - 1;
	while (end >= 0 && plain[end] === 0) end--;
	return plain.subarray(0, end).toString('utf8');
}

export interface ReceivedPush {
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** A push service on 127.0.0.1 that answers every POST with `status` and keeps what came. */
export async function startPushService(status = 201) {
	const received: ReceivedPush[] = [];
	let answer = status;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answer).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		origin: `http://127.0.0.1:${port}`,
		received,
		/** The status the next requests get (410 to play a subscription that is gone). */
		answerWith(code: number) {
			answer = code;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
