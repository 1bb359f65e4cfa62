import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { accessLog, diaryEntries, meetings, people } from '../db/schema';
import type { Grant } from '../policy';
import { isUuid } from '../../uuid';

/**
 * "Who has seen my data": every read (and write) of the citizen's data by someone else, newest
 * first, a page at a time. The log holds who, in what role, what kind of data and when; never
 * the data itself. Where a row names one diary page or one meeting, the page says which by its
 * date only. Rows are written by the policy and never changed (a database trigger refuses it).
 */

const ACCESS_LOG_PAGE_SIZE = 20;

const BOTH = [
	'plan',
	'meetings',
	'diary',
	'log',
	'crisis_plan',
	'people',
	'health_info',
	'video',
	'record_requests',
	'together',
	'topics',
	'routines'
];

/**
 * Kinds of data that have their own wording on the page, per what came of it; anything else reads
 * "your information". A refused attempt has words of its own: it must never read like a read.
 */
const WORDED: Record<'read' | 'write' | 'refused', ReadonlySet<string>> = {
	read: new Set([...BOTH, 'support_tasks', 'consent_questions']),
	write: new Set([...BOTH, 'support_tasks']),
	refused: new Set(['diary', 'topics'])
};

/** Only the citizen reads their access log: no one else can hold an access_log grant. */
export async function accessLogFor(
	db: Db,
	grant: Grant<'access_log', 'read'>,
	options: { page?: number; pageSize?: number } = {}
) {
	const pageSize = options.pageSize ?? ACCESS_LOG_PAGE_SIZE;
	const [{ total }] = await db
		.select({ total: count() })
		.from(accessLog)
		.where(eq(accessLog.citizenId, grant.citizenId));
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);

	const rows = await db
		.select({
			id: accessLog.id,
			at: accessLog.at,
			action: accessLog.action,
			resource: accessLog.resource,
			resourceId: accessLog.resourceId,
			detail: accessLog.detail,
			outcome: accessLog.outcome,
			actorRole: accessLog.actorRole,
			actorName: people.displayName
		})
		.from(accessLog)
		.innerJoin(people, eq(people.id, accessLog.actorId))
		.where(eq(accessLog.citizenId, grant.citizenId))
		.orderBy(desc(accessLog.at), desc(accessLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize);

	// The date of a diary page or meeting named in a row, looked up among this citizen's own only.
	const idsOf = (resource: string) =>
		rows.filter((r) => r.resource === resource && r.resourceId && isUuid(r.resourceId)).map((r) => r.resourceId!);
	const [entries, meetingRows] = await Promise.all([
		idsOf('diary').length
			? db
					.select({ id: diaryEntries.id, on: diaryEntries.writtenFor })
					.from(diaryEntries)
					.where(and(eq(diaryEntries.citizenId, grant.citizenId), inArray(diaryEntries.id, idsOf('diary'))))
			: [],
		idsOf('meetings').length
			? db
					.select({ id: meetings.id, on: meetings.startsAt })
					.from(meetings)
					.where(and(eq(meetings.citizenId, grant.citizenId), inArray(meetings.id, idsOf('meetings'))))
			: []
	]);
	const dates = new Map([...entries, ...meetingRows].map((r) => [r.id, r.on.toISOString()]));

	return {
		page,
		pages,
		total,
		rows: rows.map((r) => {
			// Only the kinds whose dates were looked up: a topic row can name its meeting's id too.
			const dated = r.resource === 'diary' || r.resource === 'meetings';
			const on = dated && r.resourceId ? (dates.get(r.resourceId) ?? null) : null;
			const outcome = r.outcome === 'refused' ? 'refused' : r.action;
			const kind = WORDED[outcome].has(r.resource) ? r.resource : 'other';
			return {
				id: r.id,
				at: r.at.toISOString(),
				who: r.actorName,
				role: r.actorRole,
				action: r.action,
				refused: r.outcome === 'refused',
				/** An i18n key under access.what: "read.plan", "read.diaryDated", "write.log", "refused.diary", "detail.together_note" … */
				what: r.detail && outcome !== 'refused' ? `detail.${r.detail}` : `${outcome}.${kind}${on ? 'Dated' : ''}`,
				on
			};
		})
	};
}
