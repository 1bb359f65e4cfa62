import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { loginIdentities, personRoles } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

/** The session user of a seeded demo person, for DB tests. */
export async function demoUser(db: Db, subject: string): Promise<SessionUser> {
	const [identity] = await db.select().from(loginIdentities).where(eq(loginIdentities.subject, subject));
	if (!identity) throw new Error(`no demo person ${subject}`);
	const roles = await db.select().from(personRoles).where(eq(personRoles.personId, identity.personId));
	return {
		id: identity.personId,
		displayName: subject,
		givenName: subject,
		roles: roles.map((r) => r.role),
		loa: 'substantial'
	};
}
