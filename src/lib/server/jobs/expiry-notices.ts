import { and, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { consents, relativeDelegations } from '../db/schema';
import { pushToPerson, translatorFor } from '../push/send';
import { formatDate } from '../../format';
import type { PushPayload } from '../../meetings/push-payload';
import type { JobContext } from './context';
import { deliverOnce } from './deliveries';
import { EXPIRY_NOTICE_DAYS, QUEUES, type ExpiryNoticeJob } from './queues';

/**
 * Tells the citizen, 30 days and again 7 days before, that a relative's access or a consent is
 * about to end, so they can renew it in time if they want to. The notice names neither the
 * relative nor the purpose (lock screens are public): it says what kind of thing ends and when,
 * and opens the page where the citizen can renew it.
 */

const DAY = 86_400_000;
const LONGEST = Math.max(...EXPIRY_NOTICE_DAYS);

function expiryNoticeKey(job: ExpiryNoticeJob): string {
	return `${job.subject}-expiry:${job.id}:${job.daysBefore}:${job.expiresAt}`;
}

/**
 * Which notice is due for something that ends at `expiresAt`: the shortest lead time already
 * reached (7 days before wins over 30), or none. A notice whose time had passed before the thing
 * was given (a 1-month access is 30 days from the start) is not sent.
 */
function dueNotice(now: Date, startedAt: Date, expiresAt: Date): (typeof EXPIRY_NOTICE_DAYS)[number] | null {
	const left = expiresAt.getTime() - now.getTime();
	if (left <= 0) return null;
	const reached = EXPIRY_NOTICE_DAYS.filter((days) => left <= days * DAY).sort((a, b) => a - b);
	const days = reached[0];
	if (days === undefined) return null;
	return startedAt.getTime() <= expiresAt.getTime() - days * DAY ? days : null;
}

/** Every hour: one job per notice due (the same notice is one job, however often it is seen). */
export async function expiryReminderSweep(ctx: JobContext) {
	const now = ctx.now();
	const horizon = new Date(now.getTime() + LONGEST * DAY);
	const [delegations, given] = await Promise.all([
		ctx.db
			.select({
				id: relativeDelegations.id,
				startedAt: relativeDelegations.createdAt,
				expiresAt: relativeDelegations.expiresAt
			})
			.from(relativeDelegations)
			.where(
				and(
					isNotNull(relativeDelegations.relativeId),
					inArray(relativeDelegations.status, ['active', 'paused']),
					isNull(relativeDelegations.revokedAt),
					gt(relativeDelegations.expiresAt, now),
					lte(relativeDelegations.expiresAt, horizon)
				)
			),
		ctx.db
			.select({ id: consents.id, startedAt: consents.givenAt, expiresAt: consents.expiresAt })
			.from(consents)
			.where(and(isNull(consents.revokedAt), gt(consents.expiresAt, now), lte(consents.expiresAt, horizon)))
	]);
	let due = 0;
	let sent = 0;
	const items = [
		...delegations.map((d) => ({ subject: 'delegation' as const, ...d })),
		...given.map((c) => ({ subject: 'consent' as const, ...c, expiresAt: c.expiresAt! }))
	];
	for (const item of items) {
		const daysBefore = dueNotice(now, item.startedAt, item.expiresAt);
		if (!daysBefore) continue;
		due++;
		const job: ExpiryNoticeJob = {
			subject: item.subject,
			id: item.id,
			daysBefore,
			expiresAt: item.expiresAt.toISOString()
		};
		if (await ctx.send(QUEUES.expiryNotices.name, job, expiryNoticeKey(job))) sent++;
	}
	return { due, sent };
}

/** The thing as it is now: whose it is, and when it ends; null when it is no longer in force. */
async function current(ctx: JobContext, job: ExpiryNoticeJob) {
	if (job.subject === 'delegation') {
		const [row] = await ctx.db
			.select({
				citizenId: relativeDelegations.citizenId,
				expiresAt: relativeDelegations.expiresAt,
				startedAt: relativeDelegations.createdAt
			})
			.from(relativeDelegations)
			.where(
				and(
					eq(relativeDelegations.id, job.id),
					isNotNull(relativeDelegations.relativeId),
					inArray(relativeDelegations.status, ['active', 'paused']),
					isNull(relativeDelegations.revokedAt)
				)
			);
		return row ?? null;
	}
	const [row] = await ctx.db
		.select({ citizenId: consents.citizenId, expiresAt: consents.expiresAt, startedAt: consents.givenAt })
		.from(consents)
		.where(and(eq(consents.id, job.id), isNull(consents.revokedAt)));
	return row?.expiresAt ? { ...row, expiresAt: row.expiresAt } : null;
}

async function expiryNotice(ctx: JobContext, personId: string, job: ExpiryNoticeJob): Promise<PushPayload> {
	const { t, locale } = await translatorFor(ctx.db, personId);
	const values = { day: formatDate(new Date(job.expiresAt), locale) };
	return {
		title: t(`jobs.push.${job.subject}.title`, values),
		body: t(`jobs.push.${job.subject}.body`, values),
		url: job.subject === 'delegation' ? '/paaroerende' : '/samtykke',
		tag: `${job.subject}-${job.id}`
	};
}

/** Sends one expiry notice, once, if the thing is still in force and still ends then. */
export async function expiryNoticeJob(ctx: JobContext, job: ExpiryNoticeJob) {
	const thing = await current(ctx, job);
	if (!thing) return { skipped: 'not_in_force' };
	if (thing.expiresAt.toISOString() !== new Date(job.expiresAt).toISOString()) return { skipped: 'renewed' };
	if (dueNotice(ctx.now(), thing.startedAt, thing.expiresAt) !== job.daysBefore) return { skipped: 'not_due' };
	return deliverOnce(
		ctx.db,
		{ key: expiryNoticeKey(job), personId: thing.citizenId, kind: `${job.subject}_expiry` },
		async () => pushToPerson(ctx.db, thing.citizenId, await expiryNotice(ctx, thing.citizenId, job), DAY / 1000)
	);
}
