/**
 * Runs the development OpenID Connect identity provider on its own (`tsx scripts/dev-idp.ts`),
 * e.g. beside `vite dev`. The defaults match the app's own OIDC defaults, so nothing needs setting.
 */
import { startDevIdp } from '../src/lib/server/auth/dev-idp';

const env = process.env;
const port = Number(env.DEV_IDP_PORT ?? 5174);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
	console.error(`DEV_IDP_PORT must be a port number, not "${env.DEV_IDP_PORT}"`);
	process.exit(1);
}

const idp = await startDevIdp({
	issuer: env.OIDC_ISSUER ?? `http://127.0.0.1:${port}`,
	port,
	clients: [
		{
			clientId: env.OIDC_CLIENT_ID ?? 'mit-forloeb-dev',
			clientSecret: env.OIDC_CLIENT_SECRET ?? 'dev-secret-not-for-production',
			redirectUris: [env.OIDC_REDIRECT_URI ?? 'http://localhost:3000/auth/callback'],
			postLogoutRedirectUris: [env.OIDC_POST_LOGOUT_REDIRECT_URI ?? 'http://localhost:3000/']
		}
	]
});
console.log(`Development identity provider (demo people, not MitID): ${idp.issuer}`);

let closing = false;
async function shutdown(): Promise<void> {
	if (closing) return;
	closing = true;
	await idp.close();
	process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
