import { asc, eq } from 'drizzle-orm';
import { loginIdentities, passkeys, pushSubscriptions, sessions } from '../db/schema';
import { exportSection, iso } from '../export/section';

/**
 * How the citizen logs in and on which devices. Never the secrets: no session hash, passkey key
 * or push key. They are not information about the citizen, and a copy of them would be a way in.
 */
export const loginSection = exportSection({
	async load({ db, citizenId }) {
		const [identities, sessionRows, passkeyRows, pushRows] = await Promise.all([
			db.select().from(loginIdentities).where(eq(loginIdentities.personId, citizenId)),
			db.select().from(sessions).where(eq(sessions.personId, citizenId)).orderBy(asc(sessions.createdAt)),
			db.select().from(passkeys).where(eq(passkeys.personId, citizenId)),
			db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, citizenId))
		]);
		return {
			mentions: [],
			json: () => ({
				login: {
					identities: identities.map((i) => ({
						issuer: i.issuer,
						subject: i.subject,
						createdAt: i.createdAt.toISOString(),
						lastLoginAt: iso(i.lastLoginAt),
						lastLoa: i.lastLoa
					})),
					sessions: sessionRows.map((s) => ({
						deviceLabel: s.deviceLabel,
						createdAt: s.createdAt.toISOString(),
						lastSeenAt: s.lastSeenAt.toISOString(),
						expiresAt: s.expiresAt.toISOString()
					})),
					passkeys: passkeyRows.map((p) => ({
						label: p.label,
						createdAt: p.createdAt.toISOString(),
						lastUsedAt: iso(p.lastUsedAt)
					})),
					pushSubscriptions: pushRows.map((p) => ({ createdAt: p.createdAt.toISOString() }))
				}
			})
		};
	}
});
