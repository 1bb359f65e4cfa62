import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { accessLog, loginAttempts, rateLimitHits, relativeDelegations, sessions } from '../db/schema';
import type { JobContext } from './context';
import { deleteExpiredMedia } from '../media/store';

/**
 * Housekeeping, every hour: ended sessions, logins never finished, invitation codes that can no
 * longer be used, and rate-limit counters whose window has passed. Running it twice deletes
 * nothing more the second time.
 *
 * And once a night: the access log older than ACCESS_LOG_RETENTION_DAYS (at least two years).
 * And every hour: photos and recordings whose time is up (media.delete_after).
 */

/** An invitation never accepted leaves the citizen's list this long after it ran out. */
const STALE_INVITATION_DAYS = 30;
const DAY = 86_400_000;

export async function cleanup(ctx: JobContext) {
	const now = ctx.now();
	const { db } = ctx;
	const endedSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
	const staleLogins = await db
		.delete(loginAttempts)
		.where(lt(loginAttempts.expiresAt, now))
		.returning({ state: loginAttempts.state });
	// A code that can no longer be used need not be kept, not even hashed.
	const usedUpCodes = await db
		.update(relativeDelegations)
		.set({ invitationHash: null })
		.where(and(isNotNull(relativeDelegations.invitationHash), lt(relativeDelegations.invitationExpiresAt, now)))
		.returning({ id: relativeDelegations.id });
	// The citizen's history of decisions keeps "invited"; the open row goes after a while.
	const staleInvitations = await db
		.delete(relativeDelegations)
		.where(
			and(
				isNull(relativeDelegations.relativeId),
				eq(relativeDelegations.status, 'pending'),
				lt(relativeDelegations.invitationExpiresAt, new Date(now.getTime() - STALE_INVITATION_DAYS * DAY))
			)
		)
		.returning({ id: relativeDelegations.id });
	const oldHits = await db
		.delete(rateLimitHits)
		.where(lt(rateLimitHits.expiresAt, now))
		.returning({ key: rateLimitHits.key });
	return {
		sessions: endedSessions.length,
		loginAttempts: staleLogins.length,
		invitationCodes: usedUpCodes.length,
		invitations: staleInvitations.length,
		rateLimitHits: oldHits.length
	};
}

const RETENTION_BATCH = 5000;

/**
 * Deletes access-log rows older than the retention period, in batches. The cut-off is never
 * later than two years back by the database's own clock, which is what its trigger checks (two
 * years can be 731 days), so the delete is never refused halfway.
 */
export async function accessLogRetention(ctx: JobContext) {
	const days = ctx.config.accessLogRetentionDays;
	const cutoff = sql`least(now() - make_interval(days => ${days}), now() - interval '2 years')`;
	let deleted = 0;
	for (;;) {
		const batch = await ctx.db
			.delete(accessLog)
			.where(
				inArray(
					accessLog.id,
					ctx.db
						.select({ id: accessLog.id })
						.from(accessLog)
						.where(lt(accessLog.at, cutoff))
						.orderBy(accessLog.id)
						.limit(RETENTION_BATCH)
				)
			)
			.returning({ id: accessLog.id });
		deleted += batch.length;
		if (batch.length < RETENTION_BATCH) break;
	}
	return { deleted, days };
}

const MEDIA_BATCH = 200;

/**
 * Deletes the photos and recordings whose delete_after has passed (a topic's photos: some days
 * after its meeting, MEDIA_TOPIC_RETENTION_DAYS), in batches, so no one statement runs long. Running it
 * twice deletes nothing more the second time.
 */
export async function mediaRetention(ctx: JobContext) {
	const now = ctx.now();
	let deleted = 0;
	for (;;) {
		const batch = await deleteExpiredMedia(ctx.db, now, MEDIA_BATCH);
		deleted += batch;
		if (batch < MEDIA_BATCH) return { deleted };
	}
}
