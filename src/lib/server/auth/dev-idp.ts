import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
// @ts-expect-error -- oidc-provider 9 ships no type declarations; the small part used here is described below.
import Provider, { errors as oidcErrors, interactionPolicy } from 'oidc-provider';
// Relative, not $lib: this file is also run by tsx outside Vite (scripts/dev-idp.ts, scripts/start.ts).
import { DEMO_PEOPLE, type DemoPerson } from '../seed/demo-people';
import { SECURITY_HEADERS } from '../security-headers';

/**
 * The development OpenID Connect identity provider.
 *
 * `npm start` and `npm run dev` run it on loopback so the demo logs in through exactly the same
 * code path as production, where the identity provider is a MitID broker: authorization code
 * flow, PKCE S256, a confidential client, and an ID token with the NSIS `loa` claim. It offers
 * only the fictitious DEMO_PEOPLE and keeps everything in memory, so it must never face a network:
 * it refuses to listen on anything but a loopback address.
 */

interface DevIdpClient {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	postLogoutRedirectUris?: string[];
}

export interface DevIdpOptions {
	/** The issuer URL, e.g. http://127.0.0.1:5174 (no path: the provider is mounted at the root). */
	issuer: string;
	port: number;
	/** Loopback address to listen on; default 127.0.0.1. */
	host?: string;
	clients: DevIdpClient[];
}

export interface DevIdp {
	issuer: string;
	close(): Promise<void>;
}

/** The NSIS assurance levels, as the URIs Danish brokers put in the `loa` claim. */
const NSIS_LOA = {
	Low: 'https://data.gov.dk/concept/core/nsis/loa/Low',
	Substantial: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
	High: 'https://data.gov.dk/concept/core/nsis/loa/High'
} as const;
type NsisLevel = keyof typeof NSIS_LOA;

/** Radio buttons on the login page, in the order shown; the first is the default. */
const LOA_CHOICES: ReadonlyArray<{ level: NsisLevel; label: string; hint: string }> = [
	{ level: 'Substantial', label: 'Betydelig', hint: 'Som et almindeligt MitID-login. Kræves for at se borgerdata.' },
	{ level: 'Low', label: 'Lav', hint: 'Til at afprøve, at appen afviser et for lavt niveau.' },
	{ level: 'High', label: 'Høj', hint: 'Som MitID med høj sikkerhed, fx med MitID-chip.' }
];

const SCOPES = ['openid', 'profile'];
/** Everything the ID token may carry beyond the protocol claims; granted without asking. */
const GRANTED_CLAIMS = ['sub', 'name', 'given_name', 'loa'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_FORM_BYTES = 8 * 1024;

// ---------------------------------------------------------------------------------------------
// The part of oidc-provider's API this file uses (the package has no TypeScript declarations).

interface OidcCtx {
	oidc?: {
		session?: { acr?: string };
		entities?: { AuthorizationCode?: { acr?: string } };
		result?: { login?: unknown };
	};
}
/** The token passed to findAccount: an AuthorizationCode carries `acr`, an AccessToken `extra`. */
interface TokenLike {
	acr?: string;
	extra?: Record<string, unknown>;
}
interface Account {
	accountId: string;
	claims(): Promise<Record<string, string>>;
}
interface InteractionDetails {
	uid: string;
	prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
	params: Record<string, unknown>;
	session?: { accountId?: string; cookie?: string };
	grantId?: string;
	persist(): Promise<unknown>;
}
interface InteractionResult {
	login?: { accountId: string; acr?: string; remember?: boolean };
	consent?: { grantId: string };
}
interface Grant {
	addOIDCScope(scope: string): void;
	addOIDCClaims(claims: string[]): void;
	save(): Promise<string>;
}
interface OidcProvider {
	Session: { find(id: string): Promise<{ destroy(): Promise<void> } | undefined> };
	Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
	callback(): (req: IncomingMessage, res: ServerResponse) => void;
	interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
	interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResult): Promise<void>;
	on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
}
interface PolicyCheck {
	readonly __check: unique symbol;
}
interface InteractionPolicy {
	base(): Array<{ name: string; checks: { add(check: PolicyCheck): void } }> & {
		get(name: string): { checks: { add(check: PolicyCheck): void } };
	};
	Check: {
		new (reason: string, description: string, check: (ctx: OidcCtx) => boolean): PolicyCheck;
		REQUEST_PROMPT: boolean;
		NO_NEED_TO_PROMPT: boolean;
	};
}
const ProviderClass = Provider as new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
const policyApi = interactionPolicy as InteractionPolicy;
const SessionNotFound = (oidcErrors as { SessionNotFound: new (...args: unknown[]) => Error }).SessionNotFound;

// ---------------------------------------------------------------------------------------------

function findPerson(subject: unknown): DemoPerson | undefined {
	return DEMO_PEOPLE.find((person) => person.subject === subject);
}

function isNsisLoa(value: unknown): value is (typeof NSIS_LOA)[NsisLevel] {
	return Object.values(NSIS_LOA).includes(value as (typeof NSIS_LOA)[NsisLevel]);
}

/**
 * The LoA chosen on the login page travels as the login's `acr`: oidc-provider keeps it on the
 * session and copies it onto the authorization code, which is the token findAccount receives when
 * the ID token is made. Access tokens do not copy `acr`, so extraTokenClaims stores it in their
 * `extra` for the userinfo endpoint.
 */
function chosenLoa(ctx: OidcCtx | undefined, token: TokenLike | undefined): string | undefined {
	const candidates = [token?.acr, token?.extra?.loa, ctx?.oidc?.session?.acr];
	return candidates.find(isNsisLoa);
}

function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

// Pages: plain HTML, no scripts, one small stylesheet; readable at 360px and zoomable.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;color:#1a1a1a;background:#f6f6f4}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
.notice{border-left:.3rem solid #8a5a00;background:#fff6e0;padding:.75rem 1rem;margin:0 0 1.25rem}
fieldset{border:1px solid #767676;border-radius:.5rem;margin:0 0 1.5rem;padding:.5rem 1rem 1rem;background:#fff}
legend{font-weight:700;padding:0 .25rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;min-height:44px;padding:.5rem 0}
.choice input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
.choice label{font-weight:600}
.hint{display:block;font-size:1rem;color:#4a4a4a}
h2{font-size:1.25rem;margin:0 0 .5rem}
ul{list-style:none;margin:0;padding:0}
li{margin:0 0 .5rem}
button{display:block;width:100%;min-height:44px;padding:.625rem 1rem;font:inherit;text-align:left;color:#fff;background:#0b4f8a;border:2px solid #0b4f8a;border-radius:.5rem;cursor:pointer}
button.secondary{color:#0b4f8a;background:#fff}
button:hover{background:#083a66}
button.secondary:hover{background:#e8f0f8}
:focus-visible{outline:3px solid #c45100;outline-offset:2px}
`;

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid: string, error?: string): string {
	const radios = LOA_CHOICES.map(
		(choice, index) => `<div class="choice">
<input type="radio" id="loa-${choice.level}" name="loa" value="${choice.level}"${index === 0 ? ' checked' : ''} aria-describedby="loa-${choice.level}-hint">
<div><label for="loa-${choice.level}">${escapeHtml(choice.label)}</label>
<span class="hint" id="loa-${choice.level}-hint">${escapeHtml(choice.hint)}</span></div>
</div>`
	).join('\n');
	const people = DEMO_PEOPLE.map(
		(person) =>
			`<li><button type="submit" name="subject" value="${escapeHtml(person.subject)}">${escapeHtml(person.displayName)} — ${escapeHtml(person.description)}</button></li>`
	).join('\n');
	return page(
		'Log ind (udviklings-MitID)',
		`<h1>Log ind (udviklings-MitID)</h1>
<p class="notice">Dette er et test-login til demoen. Det er <strong>ikke</strong> MitID, og personerne er opdigtede.</p>
${error ? `<p class="notice" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}">
<fieldset>
<legend>Sikringsniveau</legend>
${radios}
</fieldset>
<h2 id="people-heading">Vælg hvem du vil logge ind som</h2>
<ul aria-labelledby="people-heading">
${people}
</ul>
</form>`
	);
}

function messagePage(title: string, text: string): string {
	return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
}

function send(res: ServerResponse, status: number, html: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	// Login pages hold a one-time interaction: never cache them.
	res.setHeader('Cache-Control', 'no-store');
	// No scripts at all; no form-action either, because browsers apply it to the redirects that
	// follow the POST, which end at the client's redirect_uri on another origin.
	res.setHeader(
		'Content-Security-Policy',
		"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"
	);
	res.end(html);
}

class FormTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
	let size = 0;
	const chunks: Buffer[] = [];
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_FORM_BYTES) throw new FormTooLarge();
		chunks.push(chunk);
	}
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function rsaSigningKey(): Record<string, unknown> {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

function createProvider(opts: DevIdpOptions): OidcProvider {
	const policy = policyApi.base();
	// MitID has no single sign-on: every authorization request asks who you are, so a shared
	// device never logs in the previous person. The check is satisfied by the login just made.
	policy
		.get('login')
		.checks.add(
			new policyApi.Check('dev_login_every_time', 'the development IdP asks for a login on every request', (ctx) =>
				ctx.oidc?.result?.login ? policyApi.Check.NO_NEED_TO_PROMPT : policyApi.Check.REQUEST_PROMPT
			)
		);

	return new ProviderClass(opts.issuer, {
		// No adapter: the built-in in-memory one. Restarting the IdP forgets all sessions, fine for a demo.
		clients: opts.clients.map((client) => ({
			client_id: client.clientId,
			client_secret: client.clientSecret,
			redirect_uris: client.redirectUris,
			post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
			grant_types: ['authorization_code'],
			response_types: ['code'],
			// oidc-provider 9 treats the two secret methods alike, so the secret may also come in the
			// body (client_secret_post), which is openid-client's default.
			token_endpoint_auth_method: 'client_secret_basic',
			id_token_signed_response_alg: 'RS256'
		})),
		clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
		responseTypes: ['code'],
		scopes: SCOPES,
		claims: { openid: ['sub', 'loa'], profile: ['name', 'given_name'] },
		acrValues: Object.values(NSIS_LOA),
		// Put the scope's claims in the ID token too, as the brokers do; the app reads only the ID token.
		conformIdTokenClaims: false,
		pkce: { required: () => true },
		jwks: { keys: [rsaSigningKey()] },
		enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
		// Cookies are signed with a key made at start; they carry no `secure` flag because
		// oidc-provider only sets it on https requests, which lets the IdP work on http loopback.
		cookies: {
			keys: [randomBytes(32).toString('base64url')],
			long: { httpOnly: true, sameSite: 'lax' },
			short: { httpOnly: true, sameSite: 'lax' }
		},
		features: {
			devInteractions: { enabled: false },
			rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource }
		},
		interactions: {
			policy,
			url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`
		},
		ttl: {
			AccessToken: 10 * 60,
			AuthorizationCode: 60,
			IdToken: 60 * 60,
			Interaction: 30 * 60,
			Session: 60 * 60,
			Grant: 60 * 60
		},
		extraTokenClaims: async (ctx: OidcCtx) => {
			const loa = ctx?.oidc?.entities?.AuthorizationCode?.acr;
			return isNsisLoa(loa) ? { loa } : undefined;
		},
		findAccount: async (ctx: OidcCtx, sub: string, token?: TokenLike): Promise<Account | undefined> => {
			const person = findPerson(sub);
			if (!person) return undefined;
			return {
				accountId: person.subject,
				async claims() {
					const loa = chosenLoa(ctx, token);
					return {
						sub: person.subject,
						name: person.displayName,
						given_name: person.givenName,
						...(loa ? { loa } : {})
					};
				}
			};
		},
		renderError: async (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
			ctx.type = 'html';
			const detail = [out.error, out.error_description].filter((part) => typeof part === 'string').join(': ');
			ctx.body = messagePage(
				'Der skete en fejl',
				`Udviklings-login kunne ikke gennemføres (${detail}). Gå tilbage til appen og prøv igen.`
			);
		}
	});
}

async function logoutSource(ctx: { body: string }, form: string): Promise<void> {
	// `form` is oidc-provider's hidden form with its CSRF token; the buttons submit it.
	ctx.body = page(
		'Log ud (udviklings-MitID)',
		`<h1>Vil du logge ud?</h1>
<p>Du logger ud af udviklings-MitID (test-login til demoen).</p>
${form}
<ul>
<li><button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, log mig ud</button></li>
<li><button type="submit" form="op.logoutForm" class="secondary">Nej, bliv logget ind</button></li>
</ul>`
	);
}

async function postLogoutSuccessSource(ctx: { body: string }): Promise<void> {
	ctx.body = messagePage('Du er logget ud', 'Du er logget ud af udviklings-MitID. Du kan lukke denne side.');
}

/**
 * Grants the dev client what it asked for, so the person sees one page only (no consent step).
 * A login always gets a fresh grant: an earlier one in the same browser may belong to another person.
 */
async function grantEverything(
	provider: OidcProvider,
	details: InteractionDetails,
	accountId: string,
	reuseExisting: boolean
): Promise<string> {
	const clientId = String(details.params.client_id);
	const existing = reuseExisting && details.grantId ? await provider.Grant.find(details.grantId) : undefined;
	const grant = existing ?? new provider.Grant({ accountId, clientId });
	const requested = String(details.params.scope ?? '')
		.split(' ')
		.filter((scope) => SCOPES.includes(scope));
	grant.addOIDCScope([...new Set(['openid', ...requested])].join(' '));
	grant.addOIDCClaims([...new Set([...GRANTED_CLAIMS, ...(details.prompt.details.missingOIDCClaims ?? [])])]);
	return grant.save();
}

/**
 * Each login starts a new IdP session, as with MitID. Without this, when another person logs in
 * in the same browser, oidc-provider first logs the earlier one out through an auto-submitting
 * form that needs a script (or an extra click).
 */
async function forgetEarlierLogin(provider: OidcProvider, details: InteractionDetails): Promise<void> {
	if (!details.session) return;
	if (details.session.cookie) await (await provider.Session.find(details.session.cookie))?.destroy();
	delete details.session;
	await details.persist();
}

async function handleInteraction(
	provider: OidcProvider,
	req: IncomingMessage,
	res: ServerResponse,
	uid: string
): Promise<void> {
	const details = await provider.interactionDetails(req, res);
	if (details.uid !== uid) {
		send(res, 400, messagePage('Ugyldigt login-forsøg', 'Gå tilbage til appen og prøv igen.'));
		return;
	}

	if (details.prompt.name === 'consent') {
		// Only reached if a session exists without a grant; consent is implicit for the dev client.
		const accountId = details.session?.accountId ?? '';
		await provider.interactionFinished(req, res, {
			consent: { grantId: await grantEverything(provider, details, accountId, true) }
		});
		return;
	}
	if (details.prompt.name !== 'login') {
		send(res, 400, messagePage('Ukendt trin i login', 'Gå tilbage til appen og prøv igen.'));
		return;
	}

	if (req.method === 'GET') {
		send(res, 200, loginPage(uid));
		return;
	}
	if (req.method !== 'POST') {
		res.statusCode = 405;
		res.setHeader('Allow', 'GET, POST');
		res.end();
		return;
	}

	const form = await readForm(req);
	const person = findPerson(form.get('subject'));
	const level = LOA_CHOICES.find((choice) => choice.level === form.get('loa'))?.level;
	if (!person || !level) {
		send(res, 400, loginPage(uid, 'Vælg et sikringsniveau og en person.'));
		return;
	}
	await forgetEarlierLogin(provider, details);
	const grantId = await grantEverything(provider, details, person.subject, false);
	await provider.interactionFinished(req, res, {
		// `acr` carries the chosen level to the ID token's `loa` claim (see chosenLoa).
		login: { accountId: person.subject, acr: NSIS_LOA[level], remember: false },
		consent: { grantId }
	});
}

/**
 * The app's security headers on every response, the provider's own included: its pages and
 * redirects carry a login's state and code, which must not travel on in a Referer, and none of
 * them may be framed. The login pages set their full CSP in send(); the rest get frame-ancestors.
 */
function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
	// The identity provider needs no camera, microphone, place or payment.
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

function assertLoopback(host: string): void {
	if (!LOOPBACK_HOSTS.has(host)) {
		throw new Error(
			`The development identity provider lets anyone log in as anyone; it listens only on loopback, not on ${host}.`
		);
	}
}

export async function startDevIdp(opts: DevIdpOptions): Promise<DevIdp> {
	const host = opts.host ?? '127.0.0.1';
	assertLoopback(host);
	const issuerUrl = new URL(opts.issuer);
	if (issuerUrl.pathname !== '/' || issuerUrl.search || issuerUrl.hash) {
		throw new Error('The development identity provider is mounted at the root: give an issuer without a path.');
	}
	// Discovery and the ID token's `iss` must equal the issuer byte for byte (no trailing slash).
	const issuer = issuerUrl.origin;

	const provider = createProvider({ ...opts, issuer });
	// Only the message: errors never carry tokens, but request objects would.
	provider.on('server_error', (_ctx, error) => console.error(`dev-idp: ${error.message}`));
	const handleProvider = provider.callback();

	const server = createServer((req, res) => {
		setSecurityHeaders(res);
		const path = new URL(req.url ?? '/', issuer).pathname;
		const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(path);
		if (!match) {
			handleProvider(req, res);
			return;
		}
		handleInteraction(provider, req, res, match[1]).catch((error: unknown) => {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (error instanceof SessionNotFound) {
				send(res, 400, messagePage('Login-forsøget er udløbet', 'Gå tilbage til appen og start login forfra.'));
				return;
			}
			if (error instanceof FormTooLarge) {
				send(res, 413, messagePage('For store data', 'Gå tilbage og prøv igen.'));
				return;
			}
			console.error(`dev-idp: interaction failed: ${error instanceof Error ? error.message : String(error)}`);
			send(res, 500, messagePage('Der skete en fejl', 'Gå tilbage til appen og prøv igen.'));
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	return {
		issuer,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// Keep-alive connections (browsers, fetch) would otherwise hold close() open.
				server.closeAllConnections();
			})
	};
}
