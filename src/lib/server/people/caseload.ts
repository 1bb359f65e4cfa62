import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { readTogether } from '../db/read-together';
import { askedForTimes, waitingCounts } from '../meetings/reschedule';
import { caseloadOf } from '../policy';
import { citizensWithOpenTalks, openTalksAssignedTo } from '../support/tasks';
import { citizensByIds } from './repository';

/**
 * The professional's caseload page: the citizens they are assigned to now (from the policy), how
 * many wait for new meeting times, and the talks assigned to them. The three reads go in one round
 * trip; the policy then reads, and logs, only the citizens who have something waiting.
 */
export async function caseloadPage(db: Db, user: SessionUser, now = new Date()) {
	const caseload = await caseloadOf(db, user, now);
	const [citizens, asked, withTalks] = await readTogether(db, [
		citizensByIds(db, caseload),
		askedForTimes(db, caseload),
		citizensWithOpenTalks(db, user.id, caseload)
	]);
	const [waiting, talks] = await Promise.all([
		waitingCounts(db, user, asked, now),
		openTalksAssignedTo(
			db,
			user,
			withTalks.map((row) => row.citizenId),
			now
		)
	]);
	return { citizens: citizens.map((c) => ({ ...c, waitingForTimes: waiting.get(c.id) ?? 0 })), talks };
}
