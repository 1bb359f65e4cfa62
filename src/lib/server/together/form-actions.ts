import { redirect } from '@sveltejs/kit';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { videoState } from '../../meetings/video-link';
import { togetherFormFailure } from './http';
import { startTogether } from './service';
import { isUuid } from '../../uuid';
import { notFound } from '../forms/http-errors';

/**
 * The `together` action of a meeting page or a plan page: invite the other side and go to the
 * together page; a refusal is shown beside the button (`form.together`), or the 403 page when
 * the policy says no (startTogether asks it, and logs the start only once it is made).
 */
export async function startFromPage(
	db: Db,
	actor: SessionUser,
	citizenId: string | undefined,
	meetingId: string | null
) {
	if (!citizenId || !isUuid(citizenId)) notFound();
	let sessionId: string;
	try {
		sessionId = (await startTogether(db, actor, citizenId, meetingId)).id;
	} catch (cause) {
		return togetherFormFailure(cause);
	}
	redirect(303, `/sammen/${sessionId}`);
}

/** Whether a meeting is one to start together mode from now: a video meeting that is on. */
export function canStartFrom(
	meeting: { isVideo: boolean; status: string; startsAt: string; endsAt: string },
	now: Date
) {
	return (
		meeting.isVideo && meeting.status !== 'cancelled' && videoState(meeting.startsAt, meeting.endsAt, now) === 'open'
	);
}
