import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { AccessDenied, type Grant } from '../policy';
import {
	relativeMayJoinTogether,
	togetherPlanChange,
	togetherRelation,
	togetherRoutineStep,
	togetherStep
} from '../policy/decisions';
import { recordChange } from '../plan/changes';
import { addSubgoalNote, setSubgoalNextStep } from '../plan/citizen-actions';
import { goalWithOwner, subgoalWithOwner } from '../plan/repository';
import { meetingOf } from '../meetings/repository';
import { careTeamOf } from '../people/repository';
import { countPerson } from '../rate-limit';
import { StaleWriteError } from '../../errors';
import { VIDEO_OPENS_MINUTES_BEFORE, videoState } from '../../meetings/video-link';
import type { TogetherEventInput } from '../../together/schemas';
import {
	TOGETHER_LIMITS,
	type TogetherErrorCode,
	type TogetherEventKind,
	type TogetherRole,
	type TogetherStatus
} from '../../together/types';
import {
	currentVideoMeeting,
	insertEvent,
	insertSession,
	meetingPeople,
	messagesAfter,
	openSessionsOfCitizen,
	sessionById,
	sessionLocked,
	sessionsThatRan,
	takesPart,
	updateSession,
	type SessionRow
} from './repository';

/**
 * "Look at it together" (Se det sammen): a citizen and an assigned professional share the plan
 * page during a video support session. Either starts it from a video meeting that is on now; the
 * other accepts with one tap; the citizen (or the professional) ends it with one tap. While it
 * runs, pointing at a goal or delmål and writing a note or a next step reach the other screens
 * through together_events and NOTIFY (see hub.ts).
 *
 * Every call checks the person against the session (a participant, the right status) and asks
 * the policy about the citizen (policy/decisions.ts): `together` for the session itself, `plan`
 * write for a change.
 * Start, accept, decline, end and every change are written to the plan's history (plan_changes);
 * when someone other than the citizen does them, also to the citizen's access log (through
 * the policy, with a detail naming the step: "Lone skrev en note under Se det sammen"). The
 * citizen's own steps are not in their access log ("who other than me"); the citizen sees the
 * sessions themselves on that page (togetherHistory). Pointing changes nothing and is only checked.
 * Nothing here is kept in memory: any app server can take any request.
 */

export class TogetherError extends Error {
	constructor(
		readonly code: TogetherErrorCode,
		/** For `stale`: what the delmål holds now, so the page can show it. */
		readonly current?: { subgoalId: string; version: number; nextStep: string | null },
		/** For `flood`: when the person may send again (the Retry-After). */
		readonly retry?: { retryAt: Date; retryAfterSeconds: number }
	) {
		super(code);
	}
}

/**
 * Counts one attempt at a together event (pointing, a note, a next step) by this person, before
 * anything else is read or checked: bad input, a stale version, an ended session, a refusal by
 * the policy all count, in every session. The count is the database rate limiter's ("together"
 * bucket): one atomic statement outside any transaction, so attempts at the same time on any
 * app server get different numbers, and a refused attempt is not rolled back. Over the limit:
 * TogetherError `flood` with the time to try again; nothing is stored.
 */
export async function countTogetherAttempt(db: Db, actor: SessionUser, now = new Date()) {
	const decision = await countPerson(db, 'together', actor.id, now);
	if (!decision.allowed)
		throw new TogetherError('flood', undefined, {
			retryAt: decision.retryAt,
			retryAfterSeconds: decision.retryAfterSeconds
		});
}

function roleIn(session: SessionRow, personId: string): TogetherRole | null {
	if (session.citizenId === personId) return 'citizen';
	if (session.professionalId === personId) return 'professional';
	if (session.relativeId === personId) return 'relative';
	return null;
}

/** The status as it stands now: an unanswered invitation expires, a forgotten session ends. */
function effectiveStatus(session: SessionRow, now: Date): TogetherStatus {
	if (session.status === 'invited' && session.invitationExpiresAt.getTime() <= now.getTime()) return 'expired';
	if (
		session.status === 'active' &&
		session.acceptedAt &&
		now.getTime() - session.acceptedAt.getTime() > TOGETHER_LIMITS.activeHours * 3_600_000
	)
		return 'ended';
	return session.status;
}

function recipientsOf(
	session: Pick<SessionRow, 'citizenId' | 'professionalId' | 'relativeId'>,
	kind: TogetherEventKind
) {
	// Notes are the citizen's words to the professionals: never for relatives (as on the plan page);
	// nor topics, which relatives never see.
	const relative = kind === 'note' || kind === 'topic' ? null : session.relativeId;
	return [session.citizenId, session.professionalId, relative].filter((id): id is string => Boolean(id));
}

/** The session, if the person takes part in it; anyone else is told it does not exist. */
async function participantSession(db: Db, actor: SessionUser, sessionId: string, lock: 'update' | 'share') {
	const session = await sessionLocked(db, sessionId, lock);
	const role = session ? roleIn(session, actor.id) : null;
	if (!session || !role) throw new TogetherError('not_found');
	return { session, role };
}

/** As participantSession, for what needs the session running now: else why it is not (not yet, over). */
async function activeParticipantSession(db: Db, actor: SessionUser, sessionId: string, now: Date) {
	const found = await participantSession(db, actor, sessionId, 'share');
	const status = effectiveStatus(found.session, now);
	if (status === 'invited') throw new TogetherError('not_active');
	if (status === 'expired') throw new TogetherError('expired');
	if (status !== 'active') throw new TogetherError('ended');
	return found;
}

/** Only the citizen and the professional steer the session; a relative looks on and may point. */
function requireSteering(role: TogetherRole) {
	if (role === 'relative') throw new AccessDenied('not_allowed');
}

async function history(db: Db, grant: Grant<'together', 'write'>, session: SessionRow, after: Record<string, unknown>) {
	await recordChange(db, grant, 'together_session', session.id, { status: session.status }, after);
}

/** One session per citizen at a time: two starts at once must not both make one. */
async function lockCitizen(db: Db, citizenId: string) {
	await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'together:' + citizenId}))`);
}

/** Who the citizen meets in a video meeting: its maker if assigned to them, else the first assigned guest. */
async function professionalOf(db: Db, meeting: { id: string; createdBy: string }, citizenId: string, now: Date) {
	const team = new Set((await careTeamOf(db, citizenId, now)).map((m) => m.id));
	const candidates = [meeting.createdBy, ...(await meetingPeople(db, meeting.id))];
	const found = candidates.find((id) => id !== citizenId && team.has(id));
	if (!found) throw new TogetherError('no_professional');
	return found;
}

/**
 * Starts together mode: an invitation to the other side that expires after a few minutes.
 * `meetingId` names the video meeting it starts from; without one, the citizen's video meeting
 * that is on now (a standing support time). If the same two already have one open, that one is
 * returned; another professional's open session is "busy". The policy decides (a together write;
 * never a relative) before anything is read, and the access-log row ("Lone bad om at se din plan
 * sammen med dig") is written with the invitation, in the same transaction: a start that is
 * refused, or finds one already open, leaves none.
 */
export async function startTogether(
	db: Db,
	actor: SessionUser,
	citizenId: string,
	meetingId?: string | null,
	now = new Date()
) {
	return db.transaction(async (tx) => {
		// A together write is the citizen's or a professional's, never a relative's (the relation's type says).
		const relation = await togetherRelation(tx, actor, citizenId, 'write', now);
		const self = relation.kind === 'self';
		let meeting;
		if (meetingId) {
			meeting = await meetingOf(tx, citizenId, meetingId);
			if (!meeting) throw new TogetherError('not_found');
			const on =
				meeting.videoUrl &&
				meeting.status !== 'cancelled' &&
				videoState(meeting.startsAt, meeting.endsAt, now) === 'open';
			if (!on || (!self && !(await takesPart(tx, meeting, actor.id)))) throw new TogetherError('no_video_meeting');
		} else {
			meeting = await currentVideoMeeting(tx, citizenId, now, VIDEO_OPENS_MINUTES_BEFORE, self ? undefined : actor.id);
			if (!meeting) throw new TogetherError('no_video_meeting');
		}
		const professionalId = self ? await professionalOf(tx, meeting, citizenId, now) : actor.id;

		await lockCitizen(tx, citizenId);
		for (const open of await openSessionsOfCitizen(tx, citizenId)) {
			const status = effectiveStatus(open, now);
			if (status !== open.status) {
				// Tidy up what has run out, so it no longer blocks anyone.
				await updateSession(tx, open.id, { status, endedAt: status === 'ended' ? now : null });
				continue;
			}
			if (open.professionalId === professionalId) return open;
			throw new TogetherError('busy');
		}
		const session = await insertSession(tx, {
			citizenId,
			professionalId,
			meetingId: meeting.id,
			startedBy: actor.id,
			status: 'invited',
			invitationExpiresAt: new Date(now.getTime() + TOGETHER_LIMITS.invitationMinutes * 60_000)
		});
		const grant = await togetherStep(tx, actor, session, now, 'together_invite');
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'invited', payload: {}, at: now },
			recipientsOf(session, 'invited')
		);
		await recordChange(tx, grant, 'together_session', session.id, null, {
			status: 'invited',
			meetingId: meeting.id,
			professionalId
		});
		return session;
	});
}

/** The other side says yes with one tap. */
export async function acceptTogether(db: Db, actor: SessionUser, sessionId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const { session, role } = await participantSession(tx, actor, sessionId, 'update');
		requireSteering(role);
		const status = effectiveStatus(session, now);
		if (status === 'active') return session;
		if (status === 'expired') throw new TogetherError('expired');
		if (status !== 'invited') throw new TogetherError('ended');
		if (session.startedBy === actor.id) throw new TogetherError('not_active');
		const grant = await togetherStep(tx, actor, session, now, 'together_accept');
		const updated = await updateSession(tx, session.id, { status: 'active', acceptedAt: now });
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'accepted', payload: {}, at: now },
			recipientsOf(session, 'accepted')
		);
		await history(tx, grant, session, { status: 'active' });
		return updated;
	});
}

/** The other side says no, thank you. */
export async function declineTogether(db: Db, actor: SessionUser, sessionId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const { session, role } = await participantSession(tx, actor, sessionId, 'update');
		requireSteering(role);
		const status = effectiveStatus(session, now);
		if (status === 'declined') return session;
		if (status === 'expired') throw new TogetherError('expired');
		if (status !== 'invited') throw new TogetherError(status === 'active' ? 'invalid' : 'ended');
		if (session.startedBy === actor.id) throw new TogetherError('invalid');
		const grant = await togetherStep(tx, actor, session, now, 'together_decline');
		const updated = await updateSession(tx, session.id, { status: 'declined', endedAt: now, endedBy: actor.id });
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'declined', payload: {}, at: now },
			recipientsOf(session, 'declined')
		);
		await history(tx, grant, session, { status: 'declined' });
		return updated;
	});
}

/** Ends together mode (or takes back an invitation). One tap; doing it twice changes nothing. */
export async function endTogether(db: Db, actor: SessionUser, sessionId: string, now = new Date()) {
	return db.transaction(async (tx) => {
		const { session, role } = await participantSession(tx, actor, sessionId, 'update');
		requireSteering(role);
		const status = effectiveStatus(session, now);
		if (status !== 'invited' && status !== 'active') return session;
		const grant = await togetherStep(tx, actor, session, now, 'together_end');
		const updated = await updateSession(tx, session.id, { status: 'ended', endedAt: now, endedBy: actor.id });
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'ended', payload: {}, at: now },
			recipientsOf(session, 'ended')
		);
		await history(tx, grant, session, { status: 'ended' });
		return updated;
	});
}

/** The citizen asks a relative in (only one with the join_video scope); the relative looks on. */
export async function inviteRelativeToTogether(
	db: Db,
	actor: SessionUser,
	sessionId: string,
	relativeId: string,
	now = new Date()
) {
	return db.transaction(async (tx) => {
		const { session, role } = await participantSession(tx, actor, sessionId, 'update');
		if (role !== 'citizen') throw new AccessDenied('not_allowed');
		const status = effectiveStatus(session, now);
		if (status !== 'invited' && status !== 'active')
			throw new TogetherError(status === 'expired' ? 'expired' : 'ended');
		if (!(await relativeMayJoinTogether(tx, relativeId, session.citizenId, now)))
			throw new AccessDenied('scope_missing');
		// Only the citizen asks a relative in: their own step, not in their access log.
		const grant = await togetherStep(tx, actor, session, now, 'together_invite');
		const updated = await updateSession(tx, session.id, { relativeId });
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'relative_invited', payload: { relativeId }, at: now },
			recipientsOf(updated, 'relative_invited')
		);
		await history(tx, grant, session, { relativeId });
		return updated;
	});
}

/** The delmål or goal named by an event, only from this citizen's plan. */
async function requireInPlan(db: Db, citizenId: string, target: 'goal' | 'subgoal', id: string) {
	const found = target === 'goal' ? await goalWithOwner(db, id) : await subgoalWithOwner(db, id);
	if (!found || found.citizenId !== citizenId) throw new TogetherError('not_in_plan');
	return found;
}

/**
 * One event while together mode runs: point at something, write a note, set a next step.
 * Refused (nothing stored, nothing sent) when the person is not in the session, the session is
 * not running, the target is not in this citizen's plan, the policy says no, or the delmål has
 * changed since the person saw it. Callers count the attempt first (countTogetherAttempt): a
 * flood is refused there.
 */
export async function sendTogetherEvent(
	db: Db,
	actor: SessionUser,
	sessionId: string,
	input: TogetherEventInput,
	now = new Date()
) {
	return db.transaction(async (tx) => {
		const { session, role } = await activeParticipantSession(tx, actor, sessionId, now);

		// The policy, about this citizen: pointing needs the together relation, a change a plan write.
		let grant: Grant<'plan', 'write'> | null = null;
		if (input.kind === 'highlight') await togetherRelation(tx, actor, session.citizenId, 'read', now);
		else {
			requireSteering(role);
			const detail = input.kind === 'note' ? 'together_note' : 'together_next_step';
			grant = await togetherPlanChange(tx, actor, session.citizenId, input.subgoalId, now, detail);
		}

		let payload: Record<string, unknown>;
		if (input.kind === 'highlight') {
			await requireInPlan(tx, session.citizenId, input.target, input.id);
			payload = { target: input.target, id: input.id };
		} else if (input.kind === 'note') {
			const found = await requireInPlan(tx, session.citizenId, 'subgoal', input.subgoalId);
			const subgoal = 'subgoal' in found ? found.subgoal : null;
			if (!subgoal || subgoal.version !== input.version)
				throw new TogetherError('stale', {
					subgoalId: input.subgoalId,
					version: subgoal?.version ?? 0,
					nextStep: subgoal?.nextStep ?? null
				});
			const { note, created } = await addSubgoalNote(tx, grant!, {
				id: input.id,
				subgoalId: input.subgoalId,
				text: input.text
			});
			if (created)
				await recordChange(tx, grant!, 'subgoal', input.subgoalId, null, {
					note: note.text,
					noteId: note.id,
					togetherSessionId: session.id
				});
			payload = {
				subgoalId: input.subgoalId,
				version: subgoal.version,
				note: { id: note.id, text: note.text, author: actor.givenName, at: note.createdAt.toISOString() }
			};
		} else {
			await requireInPlan(tx, session.citizenId, 'subgoal', input.subgoalId);
			try {
				const updated = await setSubgoalNextStep(tx, grant!, {
					subgoalId: input.subgoalId,
					nextStep: input.nextStep,
					version: input.version
				});
				payload = { subgoalId: updated.id, nextStep: updated.nextStep, version: updated.version };
			} catch (cause) {
				if (!(cause instanceof StaleWriteError)) throw cause;
				const current = cause.current as { version: number; nextStep: string | null };
				throw new TogetherError('stale', {
					subgoalId: input.subgoalId,
					version: current.version,
					nextStep: current.nextStep
				});
			}
		}

		const event = await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: input.kind, payload, at: now },
			recipientsOf(session, input.kind)
		);
		return { seq: event.seq, kind: input.kind, payload };
	});
}

/** The session for a page, if the person takes part in it (anyone else: not found). No lock, no log. */
export async function viewerSession(db: Db, actor: SessionUser, sessionId: string) {
	const session = await sessionById(db, sessionId);
	const role = session ? roleIn(session, actor.id) : null;
	if (!session || !role) throw new TogetherError('not_found');
	return { session, role, status: effectiveStatus(session, new Date()) };
}

/** What a page opened (or reconnected) late has missed: the session's events after a seq. */
export async function catchUp(db: Db, actor: SessionUser, sessionId: string, afterSeq: number) {
	const { session, role } = await viewerSession(db, actor, sessionId);
	if (role !== 'citizen') await togetherRelation(db, actor, session.citizenId, 'read');
	const messages = await messagesAfter(db, [session.id], afterSeq);
	return role === 'relative' ? messages.filter((m) => m.kind !== 'note' && m.kind !== 'topic') : messages;
}

/**
 * "Du og Lone så planen sammen 3. dec. kl. 10.05–10.40": the citizen's latest together sessions
 * that ran, for their own eyes only (their access log page). `until` is when someone stopped it;
 * null while it runs (`running`) or when it ran out without anyone pressing stop (`ranOut`).
 */
export async function togetherHistory(db: Db, grant: Grant, now = new Date()) {
	if (grant.relation.kind !== 'self') throw new AccessDenied('not_allowed');
	const rows = await sessionsThatRan(db, grant.citizenId);
	return rows.map((r) => {
		const running =
			r.status === 'active' && now.getTime() - r.acceptedAt!.getTime() <= TOGETHER_LIMITS.activeHours * 3_600_000;
		// Stopped by someone: the end is known. Ran out (nobody pressed stop): only the start is.
		const stopped = r.status === 'ended' && r.endedBy !== null && r.endedAt !== null;
		return {
			id: r.id,
			with: r.professionalName,
			relative: r.relativeName,
			from: r.acceptedAt!.toISOString(),
			until: stopped ? r.endedAt!.toISOString() : null,
			state: running ? ('running' as const) : stopped ? ('ended' as const) : ('ranOut' as const)
		};
	});
}

/**
 * A change to the citizen's routines of "Min dag" made in together mode: only while the session
 * runs, only by the citizen or the professional (a relative looks on). The policy decides a
 * `routines` write (logged as "made your routines with you under Se det sammen" for the
 * professional), the change is made, and the other screens are told to show it, all in one
 * transaction: a refused or failed change stores nothing and tells no one.
 */
export async function togetherRoutineChange<T>(
	db: Db,
	actor: SessionUser,
	sessionId: string,
	run: (db: Db, grant: Grant<'routines', 'write'>) => Promise<T>,
	now = new Date()
): Promise<T> {
	return db.transaction(async (tx) => {
		const { session, role } = await activeParticipantSession(tx, actor, sessionId, now);
		requireSteering(role);
		const grant = await togetherRoutineStep(tx, actor, session, now);
		const result = await run(tx, grant);
		await insertEvent(
			tx,
			{ sessionId: session.id, senderId: actor.id, kind: 'routine', payload: {}, at: now },
			recipientsOf(session, 'routine')
		);
		return result;
	});
}

/**
 * A topic of the session's meeting marked talked about (or taken back) from "Se det sammen": the
 * mark (`run`, which asks the policy itself) and, while the session runs, an event that tells the
 * citizen's screen to show it, in one transaction. An ended session still takes the mark, as before,
 * and tells no one.
 */
export async function togetherTopicMarked<T>(
	db: Db,
	actor: SessionUser,
	sessionId: string,
	run: (db: Db) => Promise<T>,
	now = new Date()
): Promise<T> {
	return db.transaction(async (tx) => {
		const { session } = await participantSession(tx, actor, sessionId, 'share');
		const result = await run(tx);
		if (effectiveStatus(session, now) === 'active')
			await insertEvent(
				tx,
				{ sessionId: session.id, senderId: actor.id, kind: 'topic', payload: {}, at: now },
				recipientsOf(session, 'topic')
			);
		return result;
	});
}
