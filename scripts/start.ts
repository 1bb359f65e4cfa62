/**
 * `npm start`: the whole demo on one machine. Starts the development identity provider on
 * loopback (unless OIDC_ISSUER points at a real broker), migrates the database, seeds the demo
 * people into an empty database, then serves the built app (adapter-node).
 */
import { startDevIdp } from '../src/lib/server/auth/dev-idp';
import { closeDatabase, initDatabase } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/seed/index';
import { DEMO_PEOPLE } from '../src/lib/server/seed/demo-people';

const env = process.env;
env.PORT ??= '3000';
env.HOST ??= '127.0.0.1';
env.ORIGIN ??= `http://localhost:${env.PORT}`;
const idpPort = Number(env.DEV_IDP_PORT ?? 5174);
const devIssuer = `http://127.0.0.1:${idpPort}`;
env.OIDC_ISSUER ??= devIssuer;
env.OIDC_REDIRECT_URI ??= `${env.ORIGIN}/auth/callback`;
env.OIDC_POST_LOGOUT_REDIRECT_URI ??= `${env.ORIGIN}/`;
// As server.js: the largest upload passes adapter-node; src/hooks/body-limit.ts limits each route.
env.BODY_SIZE_LIMIT ??= '10M';

const runDevIdp = env.DEV_IDP !== '0' && env.OIDC_ISSUER === devIssuer;
const idp = runDevIdp
	? await startDevIdp({
			issuer: devIssuer,
			port: idpPort,
			clients: [
				{
					clientId: env.OIDC_CLIENT_ID ?? 'mit-forloeb-dev',
					clientSecret: env.OIDC_CLIENT_SECRET ?? 'dev-secret-not-for-production',
					redirectUris: [env.OIDC_REDIRECT_URI],
					postLogoutRedirectUris: [env.OIDC_POST_LOGOUT_REDIRECT_URI]
				}
			]
		})
	: null;

// Migrate and seed with a short-lived connection: the server opens its own (PGlite allows one per data directory).
const database = await initDatabase();
if (env.SEED_DEMO !== '0') {
	const { created } = await seedDemo(database.db, { issuer: env.OIDC_ISSUER });
	if (created) console.log('Demo data created.');
}
await closeDatabase();

await import('../build/index.js');

console.log(`\nMit forløb runs at ${env.ORIGIN} (database: ${database.kind})`);
if (idp) {
	console.log(`Development identity provider (demo people, not MitID): ${idp.issuer}`);
	console.log('Demo logins — choose one on the login page:');
	for (const person of DEMO_PEOPLE) console.log(`  ${person.displayName.padEnd(20)} ${person.description}`);
}

// SIGTERM/SIGINT belong to the app server (adapter-node): it stops accepting, lets the requests in
// flight finish, then emits `sveltekit:shutdown`, on which the app stops its jobs and closes the
// database (src/lib/server/lifecycle.ts). Nothing here may exit early: the identity provider closes
// only then, so a login in progress during the drain can still finish.
process.once('sveltekit:shutdown', () => void idp?.close());
