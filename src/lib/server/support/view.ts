import type { Db } from '../db';
import type { Grant } from '../policy';
import { DomainError } from '../../errors';
import { expiringSoon, type ExpiringItem } from './expiry';
import { supportersOf } from './supporters';
import { contactPersonOf, openTalksOf } from './tasks';

/**
 * What the consent, relatives and home pages show around the citizen's decisions: whom they talk
 * to first, the talks they asked for, what ends soon, and the supporters they named. Only for the
 * citizen themself (a relative, or the citizen looking as a relative, gets none of it).
 */
export async function supportView(db: Db, grant: Grant, now = new Date()) {
	if (grant.relation.kind !== 'self') throw new DomainError('invalid', 'Only the citizen');
	const [contact, talks, expiring, supporters] = await Promise.all([
		contactPersonOf(db, grant.citizenId, now),
		openTalksOf(db, grant),
		expiringSoon(db, grant, now),
		supportersOf(db, grant)
	]);
	return {
		contact: contact ? { name: contact.name, givenName: contact.givenName, role: contact.role as string } : null,
		talks: talks.map((t) => ({
			id: t.id,
			kind: t.kind,
			subject: t.subject,
			purpose: t.purpose,
			relative: t.relative,
			newRelative: t.newRelative,
			withName: t.assigneeGivenName ?? null,
			at: t.createdAt.toISOString()
		})),
		expiring: expiring.map((e) => ({ ...e, expiresAt: e.expiresAt.toISOString() })),
		supporters: supporters.map((s) => ({ id: s.id, name: s.name, phone: s.phone, usesApp: Boolean(s.supporterId) }))
	};
}

/** The home page's part, the talks asked for and what ends soon (homeView reads them with the rest of the page). */
export function remindersOf(talks: Awaited<ReturnType<typeof openTalksOf>>, expiring: ExpiringItem[]) {
	return {
		talks: talks.map((t) => ({
			id: t.id,
			purpose: t.purpose,
			relative: t.relative,
			newRelative: t.newRelative,
			withName: t.assigneeGivenName ?? null
		})),
		expiring: expiring.map((e) => ({ ...e, expiresAt: e.expiresAt.toISOString() }))
	};
}
