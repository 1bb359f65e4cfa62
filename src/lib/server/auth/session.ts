import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedReads } from '../db/read-together';
import { people, personRoles, sessions } from '../db/schema';
import type { Loa, Role } from '../../domain';

/**
 * Sessions after the current Lucia guidance: the cookie holds `id.secret`, the database
 * only SHA-256(secret). A session ends after a period without activity; each use within
 * the window slides it forward.
 */

/** Minutes without activity before a session ends. The page warns two minutes before. */
export const INACTIVITY_MINUTES = Number(process.env.SESSION_INACTIVITY_MINUTES ?? 30);
/** Hard ceiling on a session's age, whatever the activity. */
const ABSOLUTE_HOURS = 12;
/** Write last_seen_at at most this often, so reads stay cheap. */
const TOUCH_INTERVAL_MS = 60_000;

export const SESSION_COOKIE = '__Host-mf-session';

export interface SessionUser {
	id: string;
	displayName: string;
	givenName: string;
	roles: Role[];
	loa: Loa;
}

export interface SessionInfo {
	id: string;
	createdAt: Date;
	lastSeenAt: Date;
	expiresAt: Date;
	actingForCitizenId: string | null;
}

export interface ValidatedSession {
	user: SessionUser;
	session: SessionInfo;
}

function randomToken(bytes: number): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

function inactivityDeadline(now: Date): Date {
	return new Date(now.getTime() + INACTIVITY_MINUTES * 60_000);
}

/** Creates a session and returns the cookie token; the secret exists only in the returned token. */
export async function createSession(
	db: Db,
	input: { personId: string; loa: Loa; deviceLabel: string },
	now = new Date()
): Promise<{ token: string; session: SessionInfo }> {
	const id = randomToken(15);
	const secret = randomToken(32);
	const [row] = await db
		.insert(sessions)
		.values({
			id,
			secretHash: hashSecret(secret),
			personId: input.personId,
			loa: input.loa,
			deviceLabel: input.deviceLabel.slice(0, 80),
			lastSeenAt: now,
			expiresAt: inactivityDeadline(now),
			createdAt: now
		})
		.returning();
	return { token: `${id}.${secret}`, session: toInfo(row) };
}

function toInfo(row: typeof sessions.$inferSelect): SessionInfo {
	return {
		id: row.id,
		createdAt: row.createdAt,
		lastSeenAt: row.lastSeenAt,
		expiresAt: row.expiresAt,
		actingForCitizenId: row.actingForCitizenId
	};
}

/** Checks a cookie token. Returns null for anything malformed, unknown, tampered or expired. */
/** The session, its person and their roles in one read, built once: it runs before every page. */
const sessionRead = preparedReads(
	'session_by_id',
	['id'],
	(db, p) =>
		[
			db
				.select({
					session: sessions,
					person: { id: people.id, displayName: people.displayName, givenName: people.givenName },
					roles: sql<
						Role[]
					>`array(select ${personRoles.role}::text from ${personRoles} where ${personRoles.personId} = ${people.id})`
				})
				.from(sessions)
				.innerJoin(people, eq(people.id, sessions.personId))
				.where(eq(sessions.id, p.id))
				.limit(1)
		] as const
);

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidatedSession | null> {
	const parts = token.split('.');
	if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]) || !/^[a-z2-7]{52}$/.test(parts[1])) return null;
	const [id, secret] = parts;

	const [[row]] = await sessionRead(db, { id });
	if (!row) return null;

	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(row.session.secretHash);
	if (!constantTimeEqual(given, stored)) return null;

	const absoluteEnd = row.session.createdAt.getTime() + ABSOLUTE_HOURS * 3_600_000;
	if (now >= row.session.expiresAt || now.getTime() >= absoluteEnd) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}

	let info = toInfo(row.session);
	if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
		const expiresAt = inactivityDeadline(now);
		await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
		info = { ...info, lastSeenAt: now, expiresAt };
	}

	const roles = row.roles;
	return {
		session: info,
		user: {
			id: row.person.id,
			displayName: row.person.displayName,
			givenName: row.person.givenName,
			roles: [...new Set(roles)],
			loa: row.session.loa
		}
	};
}

/**
 * Whether a session is still in force, without sliding it: for a long-lived connection (the
 * together stream), which must end with the session but must not keep it alive by itself.
 */
export async function sessionIsLive(db: Db, sessionId: string, now = new Date()): Promise<boolean> {
	const [row] = await db
		.select({ expiresAt: sessions.expiresAt, createdAt: sessions.createdAt })
		.from(sessions)
		.where(eq(sessions.id, sessionId))
		.limit(1);
	return Boolean(row && now < row.expiresAt && now.getTime() < row.createdAt.getTime() + ABSOLUTE_HOURS * 3_600_000);
}

/** Slides the inactivity window now ("Continue" in the timeout warning). */
export async function extendSession(db: Db, sessionId: string, now = new Date()): Promise<Date> {
	const expiresAt = inactivityDeadline(now);
	await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
	return expiresAt;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** The person's sessions, so they can recognise and end the ones on other devices. */
export async function listSessions(db: Db, personId: string) {
	return db
		.select({
			id: sessions.id,
			deviceLabel: sessions.deviceLabel,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt
		})
		.from(sessions)
		.where(eq(sessions.personId, personId))
		.orderBy(sessions.lastSeenAt);
}

/** Ends one of the person's own sessions; someone else's session id changes nothing. */
export async function endOwnSession(db: Db, personId: string, sessionId: string): Promise<boolean> {
	const ended = await db
		.delete(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.personId, personId)))
		.returning({ id: sessions.id });
	return ended.length > 0;
}

export async function endOtherSessions(db: Db, personId: string, keepSessionId: string): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(and(eq(sessions.personId, personId), ne(sessions.id, keepSessionId)))
		.returning({ id: sessions.id });
	return ended.length;
}

export async function setActingFor(db: Db, sessionId: string, citizenId: string | null): Promise<void> {
	await db.update(sessions).set({ actingForCitizenId: citizenId }).where(eq(sessions.id, sessionId));
}

/** A short, recognisable label from the User-Agent, never the full string. */
export function deviceLabelFrom(userAgent: string | null): string {
	const ua = userAgent ?? '';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /Firefox\//.test(ua)
			? 'Firefox'
			: /Chrome\//.test(ua)
				? 'Chrome'
				: /Safari\//.test(ua)
					? 'Safari'
					: '';
	const system = /Android/.test(ua)
		? 'Android'
		: /iPhone|iPad/.test(ua)
			? 'iOS'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X/.test(ua)
					? 'macOS'
					: /Linux/.test(ua)
						? 'Linux'
						: '';
	return [browser, system].filter(Boolean).join(' · ');
}
