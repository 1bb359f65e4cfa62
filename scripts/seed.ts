// `npm run seed`: fills the app's database with the fictitious demo data, once.
// Runs under tsx outside Vite, so it uses relative imports only (no `$lib`).

import { closeDatabase, initDatabase } from '../src/lib/server/db/index';
import { DEFAULT_DEV_ISSUER } from '../src/lib/server/seed/demo-people';
import { seedDemo } from '../src/lib/server/seed/index';

const issuer = process.env.OIDC_ISSUER ?? DEFAULT_DEV_ISSUER;

try {
	const { db, kind } = await initDatabase();
	const { created } = await seedDemo(db, { issuer });
	console.log(
		created
			? `Seed: demo data created in ${kind} for issuer ${issuer}.`
			: `Seed: the database (${kind}) already has people; nothing was changed.`
	);
} catch (error) {
	console.error('Seed failed:', error);
	process.exitCode = 1;
} finally {
	await closeDatabase();
}
