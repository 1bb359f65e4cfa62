import { createServer } from 'node:net';

/** Test support for the login flow: a free loopback port, and a browser-like cookie jar over fetch. */

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
			);
		});
	});
}

/** A browser's cookie jar for one origin, kept by hand because fetch does not keep cookies. */
export class Browser {
	private cookies = new Map<string, string>();

	async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size)
			headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
		const response = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
			if (expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return response;
	}

	/** Follows redirects on the IdP until one leaves for the given URL prefix (the client). */
	async followUntil(start: Response, base: string, prefix: string): Promise<URL> {
		let response = start;
		for (let hop = 0; hop < 10; hop++) {
			if (![302, 303].includes(response.status)) throw new Error(`status ${response.status}: ${await response.text()}`);
			const location = new URL(response.headers.get('location') ?? '', base);
			if (location.href.startsWith(prefix)) return location;
			response = await this.request(location);
		}
		throw new Error('too many redirects');
	}
}
