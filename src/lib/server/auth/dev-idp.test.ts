import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../security-headers';
import { startDevIdp, type DevIdp } from './dev-idp';
import { Browser, freePort } from '../../../../tests/support/login-browser';

// The whole login as the app and a browser do it, against the real development IdP on loopback:
// discovery, authorization request with PKCE, the login page, the form post, the code exchange.

const CLIENT_ID = 'test-client';
const CLIENT_SECRET = 'test-secret';
const REDIRECT_URI = 'http://localhost:3999/auth/callback';
const POST_LOGOUT_URI = 'http://localhost:3999/';

describe('development identity provider', () => {
	let idp: DevIdp;
	let config: client.Configuration;

	beforeAll(async () => {
		const port = await freePort();
		idp = await startDevIdp({
			issuer: `http://127.0.0.1:${port}`,
			port,
			clients: [
				{
					clientId: CLIENT_ID,
					clientSecret: CLIENT_SECRET,
					redirectUris: [REDIRECT_URI],
					postLogoutRedirectUris: [POST_LOGOUT_URI]
				}
			]
		});
		config = await client.discovery(new URL(idp.issuer), CLIENT_ID, CLIENT_SECRET, undefined, {
			execute: [client.allowInsecureRequests]
		});
	});

	afterAll(async () => {
		await idp?.close();
	});

	async function startLogin(browser = new Browser()) {
		const codeVerifier = client.randomPKCECodeVerifier();
		const state = client.randomState();
		const nonce = client.randomNonce();
		const url = client.buildAuthorizationUrl(config, {
			redirect_uri: REDIRECT_URI,
			scope: 'openid profile',
			code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
			code_challenge_method: 'S256',
			state,
			nonce
		});
		const first = await browser.request(url);
		expect(first.status).toBe(303);
		const interactionUrl = new URL(first.headers.get('location') ?? '', idp.issuer);
		expect(interactionUrl.pathname).toMatch(/^\/interaction\//);
		return { browser, interactionUrl, authorizationUrl: url, codeVerifier, state, nonce };
	}

	async function logIn(subject: string, loa: string, browser?: Browser) {
		const flow = await startLogin(browser);
		const page = await flow.browser.request(flow.interactionUrl);
		expect(page.status).toBe(200);
		const html = await page.text();

		const posted = await flow.browser.request(flow.interactionUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ loa, subject })
		});
		const callback = await flow.browser.followUntil(posted, idp.issuer, REDIRECT_URI);
		expect(callback.searchParams.get('code')).toBeTruthy();

		const tokens = await client.authorizationCodeGrant(config, callback, {
			pkceCodeVerifier: flow.codeVerifier,
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			idTokenExpected: true
		});
		const claims = tokens.claims();
		if (!claims) throw new Error('no ID token');
		return { html, tokens, claims, browser: flow.browser };
	}

	it('logs Sara in at Substantial, with her name and the NSIS loa in the ID token', async () => {
		const { html, tokens, claims } = await logIn('demo-sara', 'Substantial');

		expect(html).toContain('lang="da"');
		expect(html).toContain('Log ind (udviklings-MitID)');
		expect(html).toContain(
			'<button type="submit" name="subject" value="demo-sara">Sara Nielsen — Borger i et mestringsforløb</button>'
		);
		expect(html).toContain('<legend>Sikringsniveau</legend>');
		expect(html).toMatch(/<input type="radio" id="loa-Substantial" name="loa" value="Substantial" checked/);
		expect(html).toMatch(/value="Low"/);
		expect(html).toMatch(/value="High"/);
		expect(html).not.toMatch(/<script/i);

		expect(claims.sub).toBe('demo-sara');
		expect(claims.name).toBe('Sara Nielsen');
		expect(claims.given_name).toBe('Sara');
		expect(claims.loa).toBe('https://data.gov.dk/concept/core/nsis/loa/Substantial');
		expect(String(claims.loa).endsWith('/Substantial')).toBe(true);

		// The userinfo endpoint agrees with the ID token, the level included.
		const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'demo-sara');
		expect(userinfo.loa).toBe(claims.loa);
	});

	it('carries a Low level when that is chosen', async () => {
		const { claims } = await logIn('demo-sara', 'Low');
		expect(claims.sub).toBe('demo-sara');
		expect(String(claims.loa).endsWith('/Low')).toBe(true);
	});

	it('asks again on the next login in the same browser, so another person can log in', async () => {
		const first = await logIn('demo-sara', 'Substantial');
		const second = await logIn('demo-ali', 'High', first.browser);
		expect(second.html).toContain('Sikringsniveau');
		expect(second.claims.sub).toBe('demo-ali');
		expect(second.claims.name).toBe('Ali Hassan');
		expect(String(second.claims.loa).endsWith('/High')).toBe(true);
	});

	it('refuses an authorization request without PKCE', async () => {
		const url = client.buildAuthorizationUrl(config, {
			redirect_uri: REDIRECT_URI,
			scope: 'openid profile',
			state: client.randomState(),
			nonce: client.randomNonce()
		});
		const response = await new Browser().request(url);
		expect(response.status).toBe(303);
		const location = new URL(response.headers.get('location') ?? '', idp.issuer);
		expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
		expect(location.searchParams.get('error')).toBe('invalid_request');
		expect(location.searchParams.get('code')).toBeNull();
	});

	it('refuses a person or level that is not offered', async () => {
		const flow = await startLogin();
		await flow.browser.request(flow.interactionUrl);
		const posted = await flow.browser.request(flow.interactionUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ loa: 'Substantial', subject: 'someone-else' })
		});
		expect(posted.status).toBe(400);
		expect(await posted.text()).toContain('role="alert"');
	});

	it('refuses to listen anywhere but on loopback', async () => {
		await expect(
			startDevIdp({ issuer: 'http://192.0.2.1:5174', port: 5174, host: '0.0.0.0', clients: [] })
		).rejects.toThrow(/loopback/);
	});

	it('logs out through end_session and returns to the post-logout URI', async () => {
		const { tokens, browser } = await logIn('demo-sara', 'Substantial');
		const endSession = client.buildEndSessionUrl(config, {
			id_token_hint: tokens.id_token ?? '',
			post_logout_redirect_uri: POST_LOGOUT_URI
		});
		const confirm = await browser.request(endSession);
		expect(confirm.status).toBe(200);
		const html = await confirm.text();
		expect(html).toContain('Vil du logge ud?');

		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
		expect(action && xsrf).toBeTruthy();
		const done = await browser.request(new URL(action ?? '', idp.issuer), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ xsrf: xsrf ?? '', logout: 'yes' })
		});
		const back = await browser.followUntil(done, idp.issuer, POST_LOGOUT_URI);
		expect(back.origin + back.pathname).toBe(POST_LOGOUT_URI);
	});

	it("sends the app's security headers on every response, the provider's own included", async () => {
		const browser = new Browser();
		const responses: Array<[string, Response]> = [];
		responses.push(['discovery', await browser.request(new URL('/.well-known/openid-configuration', idp.issuer))]);
		const flow = await startLogin(browser);
		responses.push(['authorization redirect', await browser.request(flow.authorizationUrl)]);
		responses.push(['login page', await browser.request(flow.interactionUrl)]);
		const posted = await browser.request(flow.interactionUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ loa: 'Substantial', subject: 'demo-sara' })
		});
		responses.push(['login post', posted]);
		responses.push(['unknown page', await browser.request(new URL('/findes-ikke', idp.issuer))]);
		responses.push(['error page', await browser.request(new URL('/auth?client_id=nobody', idp.issuer))]);
		for (const [step, response] of responses) {
			for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
				expect(response.headers.get(name), `${step}: ${name}`).toBe(value);
			}
			expect(response.headers.get('content-security-policy'), step).toContain("frame-ancestors 'none'");
		}
		expect(SECURITY_HEADERS['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
	});
});
