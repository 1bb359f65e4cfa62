import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { preparedReads } from '../db/read-together';
import { askedForTimes, waitingCounts } from '../meetings/reschedule';
import { caseloadQuery, requireProfessional } from '../policy';
import { copenhagenDate } from '../../meetings/time';
import { citizensWithOpenTalks, openTalksAssignedTo } from '../support/tasks';
import { citizensByIds } from './repository';

/**
 * The caseload page's reads in one statement, built once (preparedReads): the citizens the
 * professional is assigned to now (the policy's caseloadQuery, as a subquery), who of them waits
 * for new meeting times, and who has talks assigned to this professional.
 */
const caseloadReads = preparedReads('caseload_page', ['professionalId', 'today'], (db, p) => {
	const caseload = caseloadQuery(db, p.professionalId, p.today);
	return [
		citizensByIds(db, caseload),
		askedForTimes(db, caseload),
		citizensWithOpenTalks(db, p.professionalId, caseload)
	] as const;
});

/**
 * The professional's caseload page: the citizens they are assigned to now, how many wait for new
 * meeting times, and the talks assigned to them, in one round trip; the policy then reads, and
 * logs, only the citizens who have something waiting.
 */
export async function caseloadPage(db: Db, user: SessionUser, now = new Date()) {
	requireProfessional(user);
	const [citizens, asked, withTalks] = await caseloadReads(db, {
		professionalId: user.id,
		today: copenhagenDate(now)
	});
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
